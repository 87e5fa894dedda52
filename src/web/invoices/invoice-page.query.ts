import { Injectable } from '@nestjs/common';
import { formatMonth } from '../view/format';
import type { InvoiceListQueryDto } from './dto/invoice-list-query.dto';
import { ReconciliationQuery } from '../../reconciliation/reconciliation.query';
import { InvoiceDetailQuery } from './invoice-detail.query';
import { InvoiceListQuery, PAGE_SIZE } from './invoice-list.query';

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
    private readonly reconciliation: ReconciliationQuery,
  ) {}

  async list(query: InvoiceListQueryDto) {
    const filters = {
      statut: query.statut ?? '',
      categorie: query.categorie ?? '',
      mois: query.mois ?? '',
      q: query.q ?? '',
    };
    // The total is known cheaply for the whole list or a month; other filters show "page N".
    const counted = !filters.statut && !filters.categorie && !filters.q.trim();
    const [result, summary] = await Promise.all([
      this.invoices.list(query),
      this.invoices.monthsAndCount(query.mois || undefined),
    ]);
    const months = summary.months;
    const total = counted ? summary.total : null;
    const pages = total === null ? null : Math.max(1, Math.ceil(total / PAGE_SIZE), result.page);
    const position = { page: String(result.page), apres: query.apres ?? '', avant: query.avant ?? '' };
    return {
      ...result,
      total,
      pages,
      filters,
      statusTabs: STATUS_TABS.map((t) => ({ ...t, active: t.value === filters.statut })),
      categoryTabs: CATEGORY_TABS.map((t) => ({ ...t, active: t.value === filters.categorie })),
      months: months.map((value) => ({ value, label: formatMonth(value), selected: value === filters.mois })),
      prevPage: result.prevCursor ? Math.max(1, result.page - 1) : null,
      nextPage: result.nextCursor ? result.page + 1 : null,
      returnTo: `/factureAdherentUrcoopa?${new URLSearchParams(
        Object.entries({ ...filters, ...position }).filter(([, v]) => v !== ''),
      ).toString()}`,
    };
  }

  async detail(numero: string) {
    const [invoice, discrepancies] = await Promise.all([
      this.details.get(numero),
      this.reconciliation.discrepancies({ invoiceNumber: numero }),
    ]);
    return { ...invoice, discrepancies };
  }
}
