import { Injectable } from '@nestjs/common';
import type { UtcWindow } from '../common/reunion-time';
import { OdooCatalogService } from '../odoo/odoo-catalog.service';
import { OdooClient } from '../odoo/odoo.client';
import { m2oId, m2oName, orNull, type Many2one } from '../odoo/odoo.types';
import type { OrderLineInput } from './j-commande.builder';

export interface SelectedPurchaseOrder {
  id: number;
  name: string;
  partnerRef: string | null;
  companyId: number;
  companyName: string;
  state: string;
  dateOrder: string;
  datePlanned: string | null;
}

export interface CompanyContact {
  name: string;
  email: string | null;
}

interface PoRow {
  id: number;
  name: string;
  partner_ref: string | false;
  company_id: Many2one;
  state: string;
  date_order: string;
  date_planned: string | false;
}

const PO_FIELDS = ['id', 'name', 'partner_ref', 'company_id', 'state', 'date_order', 'date_planned'];

/**
 * The Odoo side of job 7, in a constant number of calls whatever the number of orders: the POs of
 * the window (one search_read), the confirmation of SICALAIT drafts (one button_confirm), then the
 * lines, products, URCOOPA supplier codes and companies of all the orders kept (one call each).
 */
@Injectable()
export class PurchaseOrderReader {
  constructor(
    private readonly odoo: OdooClient,
    private readonly catalog: OdooCatalogService,
  ) {}

  /** URCOOPA POs whose date_order falls in the window, drafts and RFQs sent included. */
  async inWindow(window: UtcWindow): Promise<SelectedPurchaseOrder[]> {
    const partnerId = await this.catalog.urcoopaPartnerId();
    const rows = await this.odoo.searchReadAll<PoRow>(
      'purchase.order',
      [
        ['partner_id', '=', partnerId],
        ['date_order', '>=', window.fromUtc],
        ['date_order', '<', window.toUtc],
        ['state', 'in', ['draft', 'sent', 'purchase', 'done']],
      ],
      PO_FIELDS,
      { order: 'date_order, id' },
    );
    return rows.map((po) => ({
      id: po.id,
      name: po.name,
      partnerRef: orNull(po.partner_ref),
      companyId: m2oId(po.company_id) ?? 0,
      companyName: m2oName(po.company_id) ?? '',
      state: po.state,
      dateOrder: po.date_order,
      datePlanned: orNull(po.date_planned),
    }));
  }

  /** Confirms these drafts of one company in a single button_confirm call. */
  async confirm(ids: number[], companyId: number): Promise<void> {
    if (ids.length === 0) return;
    await this.odoo.call('purchase.order', 'button_confirm', ids, {}, { companyIds: [companyId] });
  }

  /** The lines of each order (by PO id), with the URCOOPA supplier code of each product. */
  async linesOf(orderIds: number[]): Promise<Map<number, OrderLineInput[]>> {
    const result = new Map<number, OrderLineInput[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return result;
    const lines = await this.catalog.purchaseOrderLines(orderIds);
    const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is number => id !== null))];
    const codes = await this.urcoopaCodes(productIds);
    for (const line of lines) {
      const product = line.productId !== null ? codes.get(line.productId) : undefined;
      result.get(line.orderId)?.push({
        displayType: line.displayType,
        name: line.name,
        productId: line.productId,
        productCode: product?.code ?? null,
        productLabel: product?.name ?? null,
        qty: line.productQty,
        uomName: line.productUomName,
      });
    }
    return result;
  }

  /** Name and email of the companies (one cached read per run, shared with the other jobs). */
  async companies(): Promise<Map<number, CompanyContact>> {
    const rows = await this.catalog.companies();
    return new Map(rows.map((c) => [c.id, { name: c.name, email: c.email }]));
  }

  /**
   * product id → its URCOOPA supplier code (only the URCOOPA partner's supplier info, never another
   * vendor's); a variant-specific supplier info wins over a template-wide one.
   */
  private async urcoopaCodes(
    productIds: number[],
  ): Promise<Map<number, { code: string | null; name: string }>> {
    const out = new Map<number, { code: string | null; name: string }>();
    if (productIds.length === 0) return out;
    const partnerId = await this.catalog.urcoopaPartnerId();
    const products = await this.odoo.read<{ id: number; name: string; product_tmpl_id: Many2one }>(
      'product.product',
      productIds,
      ['id', 'name', 'product_tmpl_id'],
    );
    const templateIds = [
      ...new Set(products.map((p) => m2oId(p.product_tmpl_id)).filter((id): id is number => !!id)),
    ];
    const infos = await this.odoo.searchReadIn<{
      id: number;
      product_code: string | false;
      product_name: string | false;
      product_tmpl_id: Many2one;
      product_id: Many2one;
    }>(
      'product.supplierinfo',
      'product_tmpl_id',
      templateIds,
      ['id', 'product_code', 'product_name', 'product_tmpl_id', 'product_id'],
      [['partner_id', '=', partnerId]],
      { order: 'sequence, id' },
    );
    for (const product of products) {
      const template = m2oId(product.product_tmpl_id);
      const candidates = infos.filter((i) => m2oId(i.product_tmpl_id) === template && orNull(i.product_code));
      const info =
        candidates.find((i) => m2oId(i.product_id) === product.id) ??
        candidates.find((i) => m2oId(i.product_id) === null);
      // Urcoopa's own label (the supplier info's product name) reads best at Urcoopa.
      out.set(product.id, {
        code: info ? orNull(info.product_code) : null,
        name: (info && orNull(info.product_name)) || product.name,
      });
    }
    return out;
  }
}
