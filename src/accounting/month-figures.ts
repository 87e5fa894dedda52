import { Injectable, Logger } from '@nestjs/common';
import { releaseMemory } from '../common/release-memory';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Decimal } from '../common/money';
import type { MonthKind } from './entities/month-figure.entity';
import { addMonths } from '../common/reunion-time';

const FACTURE = 'sic_urcoopa_facture';
/** Lines read per query when a month is rebuilt. */
const LINES_PER_PAGE = 5_000;

/** One row of sync_month_figures, amounts as exact decimals. */
export interface MonthFigureRow {
  month: string;
  kind: MonthKind;
  client: string;
  typeFacture: string;
  invoices: number;
  lines: number;
  ht: Decimal;
  tva: Decimal;
  intrLines: number;
  intrHt: Decimal;
  intrTva: Decimal;
  headHt: Decimal;
  headTtc: Decimal;
}

/** The line columns the figures are made of: a job changing any of them marks the month dirty. */
export interface MonthLine {
  Numero_Facture: string;
  Type_Facture: string;
  Date_Facture: string | null;
  Societe_Facture: string | null;
  Code_Client: string;
  Nom_Client: string | null;
  Code_Produit: string | null;
  Montant_HT_Ligne: unknown;
  Taux_TVA: unknown;
  Montant_HT: unknown;
  Montant_TTC: unknown;
}

/** Member invoices (the list page), store invoices (the accounting page, codes 5…), the rest. */
export function monthKind(societe: string | null, codeClient: string): MonthKind {
  if ((societe ?? '').toUpperCase() !== 'VRAC') return 'other';
  return codeClient.startsWith('5') ? 'store' : 'member';
}

/** A driver value (MySQL: string, SQLite: number) as the column's exact decimal. */
function dec(value: unknown, scale: number): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  return new Decimal(value as string | number).toDecimalPlaces(scale);
}

/**
 * One month's lines summed exactly like the pages did from the lines: VAT Σ HT × rate / 100 per
 * line, INTR lines apart, header amounts once per invoice.
 */
export function aggregateMonth(month: string, lines: MonthLine[]): MonthFigureRow[] {
  const aggregate = new MonthAggregate(month);
  aggregate.add(lines);
  return aggregate.rows();
}

/** aggregateMonth fed a page of lines at a time: a month is summed without holding its lines. */
export class MonthAggregate {
  private readonly groups = new Map<
    string,
    MonthFigureRow & { numbers: Set<string>; heads: Map<string, [Decimal, Decimal]> }
  >();

  constructor(private readonly month: string) {}

  add(lines: MonthLine[]): void {
    const { month, groups: rows } = this;
    for (const line of lines) {
      const kind = monthKind(line.Societe_Facture, line.Code_Client);
      const client = kind === 'store' ? (line.Nom_Client ?? '') : '';
      const typeFacture = line.Type_Facture.toUpperCase();
      const key = `${kind}\u0000${client}\u0000${typeFacture}`;
      let row = rows.get(key);
      if (!row) {
        const zero = new Decimal(0);
        row = {
          month,
          kind,
          client,
          typeFacture,
          invoices: 0,
          lines: 0,
          ht: zero,
          tva: zero,
          intrLines: 0,
          intrHt: zero,
          intrTva: zero,
          headHt: zero,
          headTtc: zero,
          numbers: new Set(),
          heads: new Map(),
        };
        rows.set(key, row);
      }
      const ht = dec(line.Montant_HT_Ligne, 2);
      const tva = ht.times(dec(line.Taux_TVA, 2)).div(100);
      if ((line.Code_Produit ?? '').trim().toUpperCase() === 'INTR') {
        row.intrLines += 1;
        row.intrHt = row.intrHt.plus(ht);
        row.intrTva = row.intrTva.plus(tva);
      } else {
        row.lines += 1;
        row.ht = row.ht.plus(ht);
        row.tva = row.tva.plus(tva);
      }
      row.numbers.add(line.Numero_Facture);
      // The header repeats on every line: the largest, as the pages' MAX() did.
      const head = row.heads.get(line.Numero_Facture);
      const headHt = dec(line.Montant_HT, 2);
      const headTtc = dec(line.Montant_TTC, 2);
      row.heads.set(
        line.Numero_Facture,
        head ? [Decimal.max(head[0], headHt), Decimal.max(head[1], headTtc)] : [headHt, headTtc],
      );
    }
  }

  rows(): MonthFigureRow[] {
    return [...this.groups.values()].map(({ numbers, heads, ...row }) => {
      let headHt = new Decimal(0);
      let headTtc = new Decimal(0);
      for (const [h, t] of heads.values()) {
        headHt = headHt.plus(h);
        headTtc = headTtc.plus(t);
      }
      return { ...row, invoices: numbers.size, headHt, headTtc };
    });
  }
}

/** Until when (ms) the last check found no month to rebuild; any mark in this process resets it. */
let cleanUntil = 0;
/** Marks made in this process (a check that overlapped one is not trusted). */
let marks = 0;
/** A check that found nothing is trusted this long: pages do not ask at each request. */
const CLEAN_CHECK_MS = 1_000;
/** Marks and rebuilds made in this process: a shared read made before one of them is not reused. */
let generation = 0;
/**
 * How long a read of the summary is shared by the requests asking the same (the list's months, the
 * dashboard's year): what another process rebuilds shows at most this late, as for the check above.
 */
const SHARED_READ_MS = 1_000;

function isMysql(manager: EntityManager): boolean {
  return manager.connection.options.type !== 'better-sqlite3';
}

/** Marks months to rebuild (in the caller's transaction: committed with the lines it wrote). */
export async function markMonthsDirty(manager: EntityManager, months: Iterable<string>): Promise<void> {
  const list = [...new Set(months)].filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  if (list.length === 0) return;
  cleanUntil = 0;
  marks += 1;
  generation += 1;
  const values = list.map(() => '(?, 1)').join(', ');
  const upsert = isMysql(manager)
    ? 'ON DUPLICATE KEY UPDATE version = version + 1'
    : 'ON CONFLICT (month) DO UPDATE SET version = version + 1';
  await manager.query(`INSERT INTO sync_month_dirty (month, version) VALUES ${values} ${upsert}`, list);
}

/**
 * Marks the months the given invoices' lines are in. A writer calls it before its writes (the
 * months the invoices leave) and after them (the months they are now in).
 */
export async function markInvoiceMonthsDirty(manager: EntityManager, numbers: string[]): Promise<void> {
  if (numbers.length === 0) return;
  const rows = await manager.query<Array<{ d: unknown }>>(
    `SELECT DISTINCT Date_Facture AS d FROM ${FACTURE} WHERE Numero_Facture IN (${numbers.map(() => '?').join(', ')})`,
    numbers,
  );
  await markMonthsDirty(
    manager,
    rows.filter((r) => r.d !== null).map((r) => monthOf(r.d)),
  );
}

function monthOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 7);
  return String(value).slice(0, 7);
}

/**
 * sync_month_figures, kept equal to the sums of the lines: the writers mark the months they touch
 * (sync_month_dirty), the readers rebuild the marked months first (in practice the job's own
 * refresh at its end has done it). A month is rebuilt from its lines in one transaction; its mark
 * is removed only if no writer marked it again meanwhile (the version).
 */
@Injectable()
export class MonthFiguresService {
  private readonly logger = new Logger(MonthFiguresService.name);
  private running: Promise<void> | null = null;
  private readonly sharedReads = new Map<string, { value: unknown; until: number; generation: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rebuilds every month marked dirty; concurrent callers share one pass. */
  async refresh(): Promise<void> {
    while (this.running) await this.running;
    if (Date.now() < cleanUntil) return;
    const checkedAt = Date.now();
    const marksBefore = marks;
    const dirty = await this.db.query<Array<{ month: string; version: number }>>(
      'SELECT month, version FROM sync_month_dirty ORDER BY month',
    );
    if (dirty.length === 0) {
      if (marks === marksBefore) cleanUntil = checkedAt + CLEAN_CHECK_MS;
      return;
    }
    if (this.running) return this.refresh();
    this.running = (async () => {
      for (const { month, version } of dirty) await this.rebuild(month, Number(version));
    })().finally(() => (this.running = null));
    await this.running;
  }

  /**
   * A read of the summary (after the refresh), shared for SHARED_READ_MS by every request asking
   * the same `key`: under load, pages do not all read the same months again. The value is shared:
   * callers must not change it.
   */
  async shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    await this.refresh();
    const hit = this.sharedReads.get(key);
    if (hit && hit.generation === generation && Date.now() < hit.until) return hit.value as T;
    const seen = generation;
    const value = await read();
    if (this.sharedReads.size >= 1_000) this.sharedReads.clear();
    this.sharedReads.set(key, { value, until: Date.now() + SHARED_READ_MS, generation: seen });
    return value;
  }

  private async rebuild(month: string, version: number): Promise<void> {
    const started = performance.now();
    await this.db.transaction(async (manager) => {
      // Page by page on the primary key (a month can hold tens of thousands of lines).
      const aggregate = new MonthAggregate(month);
      let after: [string, number] | null = null;
      for (;;) {
        const page: Array<MonthLine & { Numero_Ligne_Facture: number }> = await manager.query(
          `SELECT Numero_Facture, Numero_Ligne_Facture, Type_Facture, Date_Facture, Societe_Facture,
             Code_Client, Nom_Client, Code_Produit, Montant_HT_Ligne, Taux_TVA, Montant_HT, Montant_TTC
           FROM ${FACTURE} WHERE Date_Facture >= ? AND Date_Facture < ?${
             after ? ' AND (Numero_Facture > ? OR (Numero_Facture = ? AND Numero_Ligne_Facture > ?))' : ''
           }
           ORDER BY Numero_Facture, Numero_Ligne_Facture LIMIT ${LINES_PER_PAGE}`,
          [`${month}-01`, `${addMonths(month, 1)}-01`, ...(after ? [after[0], after[0], after[1]] : [])],
        );
        aggregate.add(page);
        releaseMemory();
        if (page.length < LINES_PER_PAGE) break;
        const last = page[page.length - 1];
        after = [last.Numero_Facture, Number(last.Numero_Ligne_Facture)];
      }
      await manager.query('DELETE FROM sync_month_figures WHERE month = ?', [month]);
      const rows = aggregate.rows();
      const columns =
        'month, kind, client, type_facture, invoices, line_count, ht, tva, intr_line_count, intr_ht, intr_tva, head_ht, head_ttc';
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        await manager.query(
          `INSERT INTO sync_month_figures (${columns}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((r) => [
            r.month,
            r.kind,
            r.client,
            r.typeFacture,
            r.invoices,
            r.lines,
            r.ht.toFixed(2),
            r.tva.toFixed(6),
            r.intrLines,
            r.intrHt.toFixed(2),
            r.intrTva.toFixed(6),
            r.headHt.toFixed(2),
            r.headTtc.toFixed(2),
          ]),
        );
      }
      await manager.query('DELETE FROM sync_month_dirty WHERE month = ? AND version = ?', [month, version]);
    });
    generation += 1;
    this.logger.debug(`Figures of ${month} rebuilt in ${Math.round(performance.now() - started)} ms`);
  }

  /** The rows of months [from, to] (inclusive, 'YYYY-MM'), optionally of one kind. */
  async rows(from: string, to: string, kind?: MonthKind): Promise<MonthFigureRow[]> {
    await this.refresh();
    const raw = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT * FROM sync_month_figures WHERE month >= ? AND month <= ?${kind ? ' AND kind = ?' : ''}`,
      kind ? [from, to, kind] : [from, to],
    );
    return raw.map(rowOf);
  }

  /**
   * Store rows of one month, less the clients excluded that month (sic_urcoopa_Exclution_mois,
   * compared by the database like the line query did).
   */
  async storeRows(month: string): Promise<MonthFigureRow[]> {
    await this.refresh();
    const raw = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT * FROM sync_month_figures s WHERE s.month = ? AND s.kind = 'store'
         AND NOT EXISTS (SELECT 1 FROM sic_urcoopa_Exclution_mois e WHERE e.Nom_Client = s.client AND e.mois_facture = ?)`,
      [month, month],
    );
    return raw.map(rowOf);
  }

  /** Per month and type over [from, to] (all kinds): invoices and header amounts, for the dashboard. */
  async monthTotals(
    from: string,
    to: string,
  ): Promise<
    Array<{ month: string; typeFacture: string; invoices: number; headHt: Decimal; headTtc: Decimal }>
  > {
    return this.shared(`totals ${from} ${to}`, async () => {
      const raw = await this.db.query<Array<Record<string, unknown>>>(
        `SELECT month, type_facture, SUM(invoices) AS invoices, SUM(head_ht) AS head_ht, SUM(head_ttc) AS head_ttc
         FROM sync_month_figures WHERE month >= ? AND month <= ? GROUP BY month, type_facture`,
        [from, to],
      );
      // SQLite sums DECIMAL as floats: back to cents (exact for any real total).
      return raw.map((r) => ({
        month: String(r.month),
        typeFacture: String(r.type_facture),
        invoices: Number(r.invoices ?? 0),
        headHt: dec(r.head_ht, 2),
        headTtc: dec(r.head_ttc, 2),
      }));
    });
  }
}

function rowOf(r: Record<string, unknown>): MonthFigureRow {
  return {
    month: String(r.month),
    kind: String(r.kind) as MonthKind,
    client: String(r.client),
    typeFacture: String(r.type_facture),
    invoices: Number(r.invoices),
    lines: Number(r.line_count),
    ht: dec(r.ht, 2),
    tva: dec(r.tva, 6),
    intrLines: Number(r.intr_line_count),
    intrHt: dec(r.intr_ht, 2),
    intrTva: dec(r.intr_tva, 6),
    headHt: dec(r.head_ht, 2),
    headTtc: dec(r.head_ttc, 2),
  };
}
