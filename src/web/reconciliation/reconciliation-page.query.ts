import { Injectable } from '@nestjs/common';
import type { ReconciliationListQueryDto } from '../../reconciliation/dto/reconciliation-query.dto';
import {
  CHIP_LABELS,
  DISCREPANCY_KINDS,
  KIND_LABELS,
  ORDER_CHIPS,
} from '../../reconciliation/matching-rules';
import { ReconciliationQuery } from '../../reconciliation/reconciliation.query';
import { csvAmount, toCsv } from '../../common/csv';
import { formatMonth } from '../view/format';

const CHIP_BADGES: Record<string, string> = {
  conforme: 'ok',
  ecart_quantite: 'ko',
  ecart_prix: 'ko',
  attente_livraison: 'warn',
  attente_facture: 'warn',
  inconnu: 'neutral',
};

/** View models of the rapprochement pages and their CSV. */
@Injectable()
export class ReconciliationPageQuery {
  constructor(private readonly query: ReconciliationQuery) {}

  async list(q: ReconciliationListQueryDto) {
    const filters = ReconciliationQuery.filters(q);
    const [result, stores, months, summary] = await Promise.all([
      this.query.list(filters, q.page ?? 1),
      this.query.stores(),
      this.query.months(),
      this.query.openSummary(),
    ]);
    return {
      ...result,
      rows: result.rows.map((r) => ({
        ...r,
        chips: r.chips.map((c) => ({ ...c, badge: CHIP_BADGES[c.chip] })),
      })),
      filters,
      summary,
      statusTabs: [
        { value: '', label: 'Toutes' },
        ...ORDER_CHIPS.map((c) => ({ value: c, label: CHIP_LABELS[c] })),
      ].map((t) => ({ ...t, active: t.value === filters.statut })),
      stores: stores.map((s) => ({ ...s, selected: s.code === filters.magasin })),
      months: months.map((value) => ({ value, label: formatMonth(value), selected: value === filters.mois })),
      kinds: DISCREPANCY_KINDS.map((k) => ({
        value: k,
        label: KIND_LABELS[k],
        count: summary.byKind[k],
        selected: k === filters.type,
      })),
      prevPage: result.page > 1 ? result.page - 1 : null,
      nextPage: result.page < result.pages ? result.page + 1 : null,
      returnTo: `/rapprochement?${new URLSearchParams({ ...filters, page: String(result.page) }).toString()}`,
    };
  }

  async detail(numero: string) {
    const order = await this.query.order(numero);
    const decorate = <T extends { chip: string }>(d: T) => ({ ...d, badge: CHIP_BADGES[d.chip] });
    return {
      order: {
        ...order,
        chips: order.chips.map((c) => ({ ...c, badge: CHIP_BADGES[c.chip] })),
        lines: order.lines.map((l) => ({ ...l, discrepancies: l.discrepancies.map(decorate) })),
        orderDiscrepancies: order.orderDiscrepancies.map(decorate),
      },
      returnTo: `/rapprochement/${encodeURIComponent(numero)}`,
    };
  }

  async exportCsv(q: ReconciliationListQueryDto): Promise<{ filename: string; content: string }> {
    const rows = await this.query.discrepanciesOfList(ReconciliationQuery.filters(q));
    const content = toCsv(
      [
        [
          'Commande',
          'Commande Odoo',
          'Magasin',
          'Ligne',
          'Type',
          'Produit',
          'Unité',
          'Attendu',
          'Constaté',
          'Écart',
          'Montant',
          'Factures',
          'BL',
          'Statut',
          'Accepté par',
          'Accepté le',
          'Commentaire',
          'Détail',
        ],
        ...rows.map((d) => [
          d.orderNumber,
          d.poName,
          d.order.storeLabel ?? d.order.codeClient,
          d.lineNumber,
          d.kindLabel,
          d.productCode ?? d.label,
          d.unit,
          csvAmount(d.expected),
          csvAmount(d.actual),
          csvAmount(d.difference),
          csvAmount(d.amount),
          d.invoiceNumbers.join(' '),
          d.blNumbers.join(' '),
          d.status === 'open' ? 'ouvert' : 'accepté',
          d.acceptedBy,
          d.acceptedAt ? d.acceptedAt.toISOString() : null,
          d.comment,
          d.message,
        ]),
      ],
      { delimiter: ';' },
    );
    return { filename: 'rapprochement-ecarts.csv', content };
  }
}
