import { Injectable } from '@nestjs/common';
import { formatMonth } from '../view/format';
import type { InvoiceListQueryDto } from './dto/invoice-list-query.dto';
import { InvoiceDetailQuery } from './invoice-detail.query';
import { InvoiceListQuery } from './invoice-list.query';

const STATUS_TABS = [
  { value: '', label: 'Toutes' },
  { value: 'a_traiter', label: 'À traiter' },
  { value: 'validees', label: 'Déjà validées' },
];
const CATEGORY_TABS = [
  { value: '', label: 'Tous' },
  { value: 'adherent', label: 'Adhérent' },
  { value: 'non_adherent', label: 'Non adhérent' },
  { value: 'inconnu', label: 'Inconnu' },
];

/** View models of the member invoices pages. */
@Injectable()
export class InvoicePageQuery {
  constructor(
    private readonly invoices: InvoiceListQuery,
    private readonly details: InvoiceDetailQuery,
  ) {}

  async list(query: InvoiceListQueryDto) {
    const filters = {
      statut: query.statut ?? '',
      categorie: query.categorie ?? '',
      mois: query.mois ?? '',
      q: query.q ?? '',
    };
    const [result, months] = await Promise.all([this.invoices.list(query), this.invoices.months()]);
    return {
      ...result,
      filters,
      statusTabs: STATUS_TABS.map((t) => ({ ...t, active: t.value === filters.statut })),
      categoryTabs: CATEGORY_TABS.map((t) => ({ ...t, active: t.value === filters.categorie })),
      months: months.map((value) => ({ value, label: formatMonth(value), selected: value === filters.mois })),
      prevPage: result.page > 1 ? result.page - 1 : null,
      nextPage: result.page < result.pages ? result.page + 1 : null,
      returnTo: `/factureAdherentUrcoopa?${new URLSearchParams({ ...filters, page: String(result.page) }).toString()}`,
    };
  }

  detail(numero: string) {
    return this.details.get(numero);
  }
}
