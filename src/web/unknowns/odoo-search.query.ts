import { Injectable } from '@nestjs/common';
import { OdooClient } from '../../odoo/odoo.client';

export interface OdooChoice {
  id: number;
  label: string;
}

const LIMIT = 20;

/** "Rechercher dans Odoo" of the unknowns page: partners by name/reference, products by name/code. */
@Injectable()
export class OdooSearchQuery {
  constructor(private readonly odoo: OdooClient) {}

  async search(type: 'adherent' | 'article', q: string): Promise<OdooChoice[]> {
    const text = q.trim();
    if (type === 'adherent') {
      const partners = await this.odoo.searchRead<{ id: number; name: string; ref: string | false }>(
        'res.partner',
        ['|', ['name', 'ilike', text], ['ref', 'ilike', text]],
        ['id', 'name', 'ref'],
        { limit: LIMIT, order: 'name' },
      );
      return partners.map((p) => ({ id: p.id, label: p.ref ? `${p.name} (${p.ref})` : p.name }));
    }
    const products = await this.odoo.searchRead<{ id: number; name: string; default_code: string | false }>(
      'product.product',
      ['|', ['name', 'ilike', text], ['default_code', 'ilike', text]],
      ['id', 'name', 'default_code'],
      { limit: LIMIT, order: 'name' },
    );
    return products.map((p) => ({
      id: p.id,
      label: p.default_code ? `[${p.default_code}] ${p.name}` : p.name,
    }));
  }
}
