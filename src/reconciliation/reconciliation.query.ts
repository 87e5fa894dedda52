import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Decimal } from '../common/money';
import { dayOf, decimalOf, intOf } from '../web/view/sql-values';
import type { ReconciliationListQueryDto } from './dto/reconciliation-query.dto';
import {
  CHIP_LABELS,
  CHIP_OF_KIND,
  DISCREPANCY_KINDS,
  KIND_LABELS,
  kindsOfChip,
  type DiscrepancyKind,
  type OrderChip,
} from './matching-rules';
import { ReconciliationError, ReconciliationErrorCode } from './reconciliation.error';
import { addMonths } from '../common/reunion-time';

export const PAGE_SIZE = 50;

export interface OrderRow {
  orderNumber: string;
  poName: string | null;
  poId: number | null;
  companyId: number | null;
  codeClient: string | null;
  storeLabel: string | null;
  orderDay: string | null;
  sentDay: string | null;
  orderedAmount: string;
  invoicedAmount: string;
  lineCount: number;
  openCount: number;
  openAmount: string;
  chips: Array<{ chip: OrderChip; label: string }>;
}

export interface DiscrepancyView {
  id: number;
  kind: DiscrepancyKind;
  kindLabel: string;
  chip: OrderChip;
  orderNumber: string;
  poName: string | null;
  lineNumber: number | null;
  productCode: string | null;
  label: string | null;
  unit: string | null;
  expected: string | null;
  actual: string | null;
  difference: string | null;
  amount: string | null;
  invoiceNumbers: string[];
  blNumbers: string[];
  message: string | null;
  status: 'open' | 'accepted';
  detectedAt: Date | null;
  acceptedBy: string | null;
  acceptedAt: Date | null;
  comment: string | null;
}

export interface LineView {
  lineNumber: number;
  label: string | null;
  unit: string | null;
  priceUnit: string | null;
  ordered: string | null;
  delivered: string | null;
  received: string | null;
  invoiced: string | null;
  billed: string | null;
  invoicePrice: string | null;
  invoiceNumbers: string[];
  blNumbers: string[];
  discrepancies: DiscrepancyView[];
}

export interface ListFilters {
  magasin: string;
  mois: string;
  statut: string;
  type: string;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const fixed = (v: unknown, places: number): string | null =>
  v === null || v === undefined || v === '' ? null : new Decimal(v as string).toFixed(places);
const numbers = (v: unknown): string[] =>
  v
    ? String(v)
        .split(',')
        .filter((n) => n !== '')
    : [];
const datetime = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** Reads for the pages, the API and the CSV: the tables the last rapprochement run wrote. */
@Injectable()
export class ReconciliationQuery {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  static filters(query: ReconciliationListQueryDto): ListFilters {
    return {
      magasin: query.magasin ?? '',
      mois: query.mois ?? '',
      statut: query.statut ?? '',
      type: query.type ?? '',
    };
  }

  /** WHERE of the order list (o = sync_reconciliation_order, a = its open discrepancies per chip). */
  private where(f: ListFilters): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (f.magasin) {
      parts.push('o.code_client = ?');
      params.push(f.magasin);
    }
    if (f.mois) {
      parts.push('COALESCE(o.sent_day, o.order_day) >= ? AND COALESCE(o.sent_day, o.order_day) < ?');
      params.push(`${f.mois}-01`, `${addMonths(f.mois, 1)}-01`);
    }
    const chip = f.statut as OrderChip | '';
    if (chip === 'conforme')
      parts.push(
        'o.unknown = 0 AND o.waiting_delivery = 0 AND o.waiting_invoice = 0 AND COALESCE(a.n, 0) = 0',
      );
    else if (chip === 'ecart_quantite') parts.push('a.qty_n > 0');
    else if (chip === 'ecart_prix') parts.push('a.price_n > 0');
    else if (chip === 'attente_livraison') parts.push('(o.waiting_delivery = 1 OR a.delivery_n > 0)');
    else if (chip === 'attente_facture') parts.push('(o.waiting_invoice = 1 OR a.invoice_n > 0)');
    else if (chip === 'inconnu') parts.push('o.unknown = 1');
    if (f.type) {
      parts.push(
        "EXISTS (SELECT 1 FROM sync_reconciliation_discrepancy k WHERE k.order_number = o.order_number AND k.status = 'open' AND k.kind = ?)",
      );
      params.push(f.type);
    }
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  }

  private static readonly OPEN_BY_ORDER = (() => {
    const inList = (chip: OrderChip) =>
      kindsOfChip(chip)
        .map((k) => `'${k}'`)
        .join(', ');
    return `LEFT JOIN (
      SELECT order_number, COUNT(*) AS n, SUM(COALESCE(amount, 0)) AS amount_sum,
        SUM(CASE WHEN kind IN (${inList('ecart_quantite')}) THEN 1 ELSE 0 END) AS qty_n,
        SUM(CASE WHEN kind IN (${inList('ecart_prix')}) THEN 1 ELSE 0 END) AS price_n,
        SUM(CASE WHEN kind IN (${inList('attente_livraison')}) THEN 1 ELSE 0 END) AS delivery_n,
        SUM(CASE WHEN kind IN (${inList('attente_facture')}) THEN 1 ELSE 0 END) AS invoice_n
      FROM sync_reconciliation_discrepancy WHERE status = 'open' GROUP BY order_number
    ) a ON a.order_number = o.order_number`;
  })();

  async list(
    f: ListFilters,
    page = 1,
    pageSize = PAGE_SIZE,
  ): Promise<{ rows: OrderRow[]; total: number; page: number; pages: number }> {
    const { sql, params } = this.where(f);
    const from = `FROM sync_reconciliation_order o ${ReconciliationQuery.OPEN_BY_ORDER}
      LEFT JOIN sic_depot s ON s.code_urcoopa = o.code_client ${sql}`;
    const [{ n }] = (await this.ds.query(`SELECT COUNT(*) AS n ${from}`, params)) as Array<{ n: unknown }>;
    const total = intOf(n);
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const current = Math.min(Math.max(1, page), pages);
    const raw = (await this.ds.query(
      `SELECT o.order_number, o.po_name, o.po_id, o.company_id, o.code_client, s.lib AS store_label,
         o.order_day, o.sent_day, o.ordered_amount, o.invoiced_amount, o.line_count,
         o.waiting_delivery, o.waiting_invoice, o.unknown,
         a.n, a.amount_sum, a.qty_n, a.price_n, a.delivery_n, a.invoice_n
       ${from}
       ORDER BY COALESCE(o.sent_day, o.order_day) DESC, o.order_number DESC
       LIMIT ${pageSize} OFFSET ${(current - 1) * pageSize}`,
      params,
    )) as Array<Record<string, unknown>>;
    return { rows: raw.map((r) => this.orderRow(r)), total, page: current, pages };
  }

  private orderRow(r: Record<string, unknown>): OrderRow {
    const chips: OrderChip[] = [];
    if (intOf(r.unknown) === 1) chips.push('inconnu');
    if (intOf(r.qty_n) > 0) chips.push('ecart_quantite');
    if (intOf(r.price_n) > 0) chips.push('ecart_prix');
    if (intOf(r.waiting_delivery) === 1 || intOf(r.delivery_n) > 0) chips.push('attente_livraison');
    if (intOf(r.waiting_invoice) === 1 || intOf(r.invoice_n) > 0) chips.push('attente_facture');
    if (chips.length === 0 && intOf(r.n) === 0) chips.push('conforme');
    return {
      orderNumber: String(r.order_number),
      poName: text(r.po_name),
      poId: r.po_id === null ? null : intOf(r.po_id),
      companyId: r.company_id === null ? null : intOf(r.company_id),
      codeClient: text(r.code_client),
      storeLabel: text(r.store_label),
      orderDay: dayOf(r.order_day),
      sentDay: dayOf(r.sent_day),
      orderedAmount: decimalOf(r.ordered_amount).toFixed(2),
      invoicedAmount: decimalOf(r.invoiced_amount).toFixed(2),
      lineCount: intOf(r.line_count),
      openCount: intOf(r.n),
      openAmount: decimalOf(r.amount_sum).toFixed(2),
      chips: chips.map((chip) => ({ chip, label: CHIP_LABELS[chip] })),
    };
  }

  /** One order: its summary, its line chains, and its discrepancies (open and accepted). */
  async order(orderNumber: string) {
    const raw = (await this.ds.query(
      `SELECT o.order_number, o.po_name, o.po_id, o.company_id, o.code_client, s.lib AS store_label,
         o.order_day, o.sent_day, o.ordered_amount, o.invoiced_amount, o.line_count,
         o.waiting_delivery, o.waiting_invoice, o.unknown,
         a.n, a.amount_sum, a.qty_n, a.price_n, a.delivery_n, a.invoice_n
       FROM sync_reconciliation_order o ${ReconciliationQuery.OPEN_BY_ORDER}
       LEFT JOIN sic_depot s ON s.code_urcoopa = o.code_client
       WHERE o.order_number = ?`,
      [orderNumber],
    )) as Array<Record<string, unknown>>;
    if (raw.length === 0)
      throw new ReconciliationError(
        ReconciliationErrorCode.UnknownOrder,
        `Commande ${orderNumber} inconnue du rapprochement.`,
        HttpStatus.NOT_FOUND,
      );
    const summary = this.orderRow(raw[0]);
    const lineRows = (await this.ds.query(
      `SELECT * FROM sync_reconciliation_line WHERE order_number = ? ORDER BY line_number`,
      [orderNumber],
    )) as Array<Record<string, unknown>>;
    const discrepancies = await this.discrepancies({ orderNumber });
    const lines: LineView[] = lineRows.map((l) => ({
      lineNumber: intOf(l.line_number),
      label: text(l.label),
      unit: text(l.unit),
      priceUnit: fixed(l.price_unit, 4),
      ordered: fixed(l.ordered, 4),
      delivered: fixed(l.delivered, 4),
      received: fixed(l.received, 4),
      invoiced: fixed(l.invoiced, 4),
      billed: fixed(l.billed, 4),
      invoicePrice: fixed(l.invoice_price, 4),
      invoiceNumbers: numbers(l.invoice_numbers),
      blNumbers: numbers(l.bl_numbers),
      discrepancies: discrepancies.filter((d) => d.lineNumber === intOf(l.line_number)),
    }));
    const lineNumbers = new Set(lines.map((l) => l.lineNumber));
    return {
      ...summary,
      lines,
      discrepancies,
      orderDiscrepancies: discrepancies.filter(
        (d) => d.lineNumber === null || !lineNumbers.has(d.lineNumber),
      ),
    };
  }

  /** Discrepancies by order, invoice, status or kind (the API's list, the invoice page, the CSV). */
  async discrepancies(
    filter: {
      orderNumber?: string;
      orderNumbers?: string[];
      invoiceNumber?: string;
      status?: string;
      kind?: string;
      limit?: number;
    } = {},
  ): Promise<DiscrepancyView[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (filter.orderNumber !== undefined) {
      parts.push('order_number = ?');
      params.push(filter.orderNumber);
    }
    if (filter.invoiceNumber !== undefined) {
      parts.push('invoice_numbers LIKE ?');
      params.push(`%,${filter.invoiceNumber},%`);
    }
    if (filter.status) {
      parts.push('status = ?');
      params.push(filter.status);
    }
    if (filter.kind) {
      parts.push('kind = ?');
      params.push(filter.kind);
    }
    const raw = (await this.ds.query(
      `SELECT * FROM sync_reconciliation_discrepancy ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}
       ORDER BY order_number, line_number, kind, id ${filter.limit ? `LIMIT ${filter.limit}` : ''}`,
      params,
    )) as Array<Record<string, unknown>>;
    return raw.map((d) => this.discrepancyView(d));
  }

  async discrepancy(id: number): Promise<DiscrepancyView> {
    const raw = (await this.ds.query('SELECT * FROM sync_reconciliation_discrepancy WHERE id = ?', [
      id,
    ])) as Array<Record<string, unknown>>;
    if (raw.length === 0)
      throw new ReconciliationError(
        ReconciliationErrorCode.UnknownDiscrepancy,
        `Écart ${id} inconnu (il a peut-être disparu au dernier rapprochement).`,
        HttpStatus.NOT_FOUND,
      );
    return this.discrepancyView(raw[0]);
  }

  private discrepancyView(d: Record<string, unknown>): DiscrepancyView {
    const kind = String(d.kind) as DiscrepancyKind;
    return {
      id: intOf(d.id),
      kind,
      kindLabel: KIND_LABELS[kind] ?? kind,
      chip: CHIP_OF_KIND[kind] ?? 'ecart_quantite',
      orderNumber: String(d.order_number),
      poName: text(d.po_name),
      lineNumber: d.line_number === null ? null : intOf(d.line_number),
      productCode: text(d.product_code),
      label: text(d.label),
      unit: text(d.unit),
      expected: fixed(d.expected, 4),
      actual: fixed(d.actual, 4),
      difference: fixed(d.difference, 4),
      amount: fixed(d.amount, 2),
      invoiceNumbers: numbers(d.invoice_numbers),
      blNumbers: numbers(d.bl_numbers),
      message: text(d.message),
      status: d.status === 'accepted' ? 'accepted' : 'open',
      detectedAt: datetime(d.detected_at),
      acceptedBy: text(d.accepted_by),
      acceptedAt: datetime(d.accepted_at),
      comment: text(d.comment),
    };
  }

  /** Discrepancies of the orders matching the list filters (CSV export). */
  async discrepanciesOfList(f: ListFilters): Promise<Array<DiscrepancyView & { order: OrderRow }>> {
    const { rows } = await this.list(f, 1, 1_000_000);
    const byNumber = new Map(rows.map((r) => [r.orderNumber, r]));
    const all = await this.discrepancies({ kind: f.type || undefined });
    return all
      .filter((d) => byNumber.has(d.orderNumber))
      .map((d) => ({ ...d, order: byNumber.get(d.orderNumber)! }));
  }

  /** Open discrepancies: count, money at stake, and count per kind (dashboard, metrics). */
  async openSummary(): Promise<{ count: number; amount: string; byKind: Record<DiscrepancyKind, number> }> {
    const raw = (await this.ds.query(
      `SELECT kind, COUNT(*) AS n, SUM(COALESCE(amount, 0)) AS amount_sum
       FROM sync_reconciliation_discrepancy WHERE status = 'open' GROUP BY kind`,
    )) as Array<{ kind: string; n: unknown; amount_sum: unknown }>;
    const byKind = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, 0])) as Record<
      DiscrepancyKind,
      number
    >;
    let amount = new Decimal(0);
    let count = 0;
    for (const r of raw) {
      if (r.kind in byKind) byKind[r.kind as DiscrepancyKind] = intOf(r.n);
      count += intOf(r.n);
      amount = amount.plus(decimalOf(r.amount_sum).abs());
    }
    return { count, amount: amount.toFixed(2), byKind };
  }

  /** Store codes of the orders, with their label (the store filter). */
  async stores(): Promise<Array<{ code: string; label: string }>> {
    const raw = (await this.ds.query(
      `SELECT DISTINCT o.code_client AS code, s.lib AS lib FROM sync_reconciliation_order o
       LEFT JOIN sic_depot s ON s.code_urcoopa = o.code_client
       WHERE o.code_client IS NOT NULL ORDER BY o.code_client`,
    )) as Array<{ code: string; lib: string | null }>;
    const seen = new Map<string, string>();
    for (const r of raw) if (!seen.has(r.code)) seen.set(r.code, r.lib ? `${r.code} — ${r.lib}` : r.code);
    return [...seen].map(([code, label]) => ({ code, label }));
  }

  async months(): Promise<string[]> {
    const raw = (await this.ds.query(
      `SELECT DISTINCT COALESCE(sent_day, order_day) AS d FROM sync_reconciliation_order
       WHERE COALESCE(sent_day, order_day) IS NOT NULL`,
    )) as Array<{ d: unknown }>;
    return [...new Set(raw.map((r) => dayOf(r.d)!.slice(0, 7)))].sort().reverse();
  }
}
