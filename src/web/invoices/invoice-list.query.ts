import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MonthFiguresService } from '../../accounting/month-figures';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { containsPattern, dayOf, decimalOf, intOf, prefixPattern } from '../view/sql-values';
import type { InvoiceListQueryDto } from './dto/invoice-list-query.dto';
import { addMonths } from '../../common/reunion-time';

export const PAGE_SIZE = 25;

export type MemberCategory = 'member' | 'nonMember' | 'unknown';

export interface InvoiceRow {
  numero: string;
  type: string;
  date: string | null;
  codeClient: string;
  nomClient: string | null;
  category: MemberCategory;
  clientOdooLabel: string | null;
  montantHT: string;
  montantTTC: string;
  lines: number;
  validated: boolean;
  integrated: boolean;
  odooMoveId: number | null;
}

export interface InvoiceListPage {
  rows: InvoiceRow[];
  /** Number of the page shown (1 = newest). */
  page: number;
  /** Keyset cursors of the neighbour pages (`apres=` / `avant=`), null at either end. */
  nextCursor: string | null;
  prevCursor: string | null;
}

/** `CLIENT : …` member, `NON ADHERENT : …`, `INCONNU !` or not matched yet (domain.md §6). */
export function categoryOf(label: string | null, partnerId: number): MemberCategory {
  const text = (label ?? '').toUpperCase();
  if (text.startsWith('CLIENT')) return 'member';
  if (text.startsWith('NON ADHERENT')) return 'nonMember';
  return partnerId > 0 && !text.startsWith('INCONNU') ? 'member' : 'unknown';
}

/** An invoice's place in the list (newest first): its date (null last) and number. */
interface ListKey {
  date: string | null;
  numero: string;
}

/** `2025-10-03_251004512`; a null date gives `_251004512`. */
export function cursorOf(key: ListKey): string {
  return `${key.date ?? ''}_${key.numero}`;
}

export function parseCursor(cursor: string): ListKey | null {
  const match = /^(\d{4}-\d{2}-\d{2})?_(.{1,20})$/s.exec(cursor);
  return match ? { date: match[1] ?? null, numero: match[2] } : null;
}

interface Where {
  sql: string[];
  params: unknown[];
  /** MariaDB index hint of a search alternative: its own index, read as a range. */
  index?: string;
}

const FACTURE = 'sic_urcoopa_facture';
/** The member invoices of the old page: bulk (VRAC) invoices of members (codes not starting with 5). */
const MEMBER_SCOPE = "UPPER(f.Societe_Facture) = 'VRAC' AND f.Code_Client NOT LIKE '5%'";

/**
 * The full-text term of a search: its longest word as a prefix (`+volcan*`), the most selective
 * one; the whole text is then checked on the matching rows only. Null when no word is long enough
 * for the index (innodb_ft_min_token_size, 3).
 */
function fullTextTerm(q: string): string | null {
  const words = q
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length);
  return words.length ? `+${words[0]}*` : null;
}

/**
 * The member invoices list. Each page is two small queries whatever the table size: the page's
 * invoice numbers, walked newest first on IDX_facture_list (keyset: no skipped row is read), then
 * the lines of those 25 invoices only.
 */
@Injectable()
export class InvoiceListQuery {
  private readonly mysql: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly figures: MonthFiguresService,
  ) {
    this.mysql = db.options.type !== 'better-sqlite3';
  }

  /** Line-level filters (statut, categorie, mois); the search is added by `page`. */
  private lineFilters(filters: InvoiceListQueryDto): Where {
    const sql = [MEMBER_SCOPE];
    const params: unknown[] = [];
    if (filters.statut === 'a_traiter') sql.push('f.facture_valider = 0');
    if (filters.statut === 'validees') sql.push('f.facture_valider = 1');
    if (filters.categorie === 'adherent') sql.push("UPPER(f.Code_Client_ODOO) LIKE 'CLIENT%'");
    if (filters.categorie === 'non_adherent') sql.push("UPPER(f.Code_Client_ODOO) LIKE 'NON ADHERENT%'");
    if (filters.categorie === 'inconnu')
      sql.push(
        "(f.ID_Client_ODOO = 0 OR f.ID_Client_ODOO IS NULL OR UPPER(f.Code_Client_ODOO) LIKE 'INCONNU%')",
      );
    if (filters.mois) {
      sql.push('f.Date_Facture >= ? AND f.Date_Facture < ?');
      params.push(`${filters.mois}-01`, `${addMonths(filters.mois, 1)}-01`);
    }
    return { sql, params };
  }

  /**
   * The search, as alternatives each served by an index: a prefix of the invoice number or client
   * code (primary key, IDX_facture_client), a prefix of the name (IDX_facture_nom) and, on
   * MariaDB, the words of the name (full-text FT_facture_nom). SQLite (development) matches
   * names anywhere (`contains`, a scan).
   */
  private searchBranches(q: string): Where[] {
    const prefix = prefixPattern(q);
    const branches: Where[] = [
      { sql: ["f.Numero_Facture LIKE ? ESCAPE '!'"], params: [prefix], index: 'PRIMARY' },
      { sql: ["f.Code_Client LIKE ? ESCAPE '!'"], params: [prefix], index: 'IDX_facture_client' },
    ];
    if (!this.mysql) {
      branches.push({ sql: ["f.Nom_Client LIKE ? ESCAPE '!'"], params: [containsPattern(q)] });
      return branches;
    }
    branches.push({ sql: ["f.Nom_Client LIKE ? ESCAPE '!'"], params: [prefix], index: 'IDX_facture_nom' });
    const term = fullTextTerm(q);
    if (term)
      branches.push({
        sql: ['MATCH (f.Nom_Client) AGAINST (? IN BOOLEAN MODE)', "f.Nom_Client LIKE ? ESCAPE '!'"],
        params: [term, containsPattern(q)],
      });
    return branches;
  }

  /**
   * The page's keys (a statement): DISTINCT (date, number) in list order, from the index. With a search, each
   * alternative takes its own first rows on its own index (MariaDB cannot serve an OR holding a
   * MATCH from several indexes) and the union is cut to the page.
   */
  private keys(where: Where, branches: Where[], dir: string, offset: number, limit: number) {
    const one = (extra: Where | null) => ({
      sql:
        `SELECT DISTINCT f.Date_Facture AS d, f.Numero_Facture AS n FROM ${FACTURE} f` +
        // Otherwise MariaDB may walk the date index for the ORDER BY … LIMIT, reading every row
        // when the matches are old or few.
        (this.mysql && extra?.index ? ` FORCE INDEX (${extra.index})` : '') +
        ` WHERE ${[...where.sql, ...(extra?.sql ?? [])].join(' AND ')}` +
        ` ORDER BY f.Date_Facture ${dir}, f.Numero_Facture ${dir}`,
      params: [...where.params, ...(extra?.params ?? [])],
    });
    let sql: string;
    let params: unknown[];
    if (branches.length === 0) {
      ({ sql, params } = one(null));
      sql += ` LIMIT ${limit} OFFSET ${offset}`;
    } else if (!this.mysql) {
      const or = {
        sql: [`(${branches.map((b) => b.sql.join(' AND ')).join(' OR ')})`],
        params: branches.flatMap((b) => b.params),
      };
      ({ sql, params } = one(or));
      sql += ` LIMIT ${limit} OFFSET ${offset}`;
    } else {
      const parts = branches.map(one);
      sql =
        `SELECT d, n FROM (${parts.map((p) => `(${p.sql} LIMIT ${offset + limit})`).join(' UNION ')}) u` +
        ` ORDER BY d ${dir}, n ${dir} LIMIT ${limit} OFFSET ${offset}`;
      params = parts.flatMap((p) => p.params);
    }
    return { sql, params };
  }

  /**
   * One page: `apres` (the next page after a cursor), `avant` (the previous one), else `page`
   * counted from the newest (an index-only walk of the skipped invoices: old links keep working).
   */
  async list(filters: InvoiceListQueryDto): Promise<InvoiceListPage> {
    const base = this.lineFilters(filters);
    const q = filters.q?.trim();
    const branches = q ? this.searchBranches(q) : [];
    const after = filters.apres ? parseCursor(filters.apres) : null;
    const before = !after && filters.avant ? parseCursor(filters.avant) : null;
    const requested = Math.max(1, filters.page ?? 1);

    const where: Where = { sql: [...base.sql], params: [...base.params] };
    if (after) {
      // Rows after (date, numero) in the order date DESC (nulls last), numero DESC.
      if (after.date === null) {
        where.sql.push('f.Date_Facture IS NULL AND f.Numero_Facture < ?');
        where.params.push(after.numero);
      } else {
        where.sql.push(
          '(f.Date_Facture <= ? OR f.Date_Facture IS NULL) AND (f.Date_Facture IS NULL OR f.Date_Facture < ? OR f.Numero_Facture < ?)',
        );
        where.params.push(after.date, after.date, after.numero);
      }
    } else if (before) {
      // Walked backwards (ascending: NULL dates first on both databases, as wanted reversed).
      if (before.date === null) {
        where.sql.push('(f.Date_Facture IS NOT NULL OR f.Numero_Facture > ?)');
        where.params.push(before.numero);
      } else {
        where.sql.push('f.Date_Facture >= ? AND (f.Date_Facture > ? OR f.Numero_Facture > ?)');
        where.params.push(before.date, before.date, before.numero);
      }
    }
    const offset = after || before ? 0 : (requested - 1) * PAGE_SIZE;
    const dir = before ? 'ASC' : 'DESC';
    let rows = await this.page(this.keys(where, branches, dir, offset, PAGE_SIZE + 1), base, dir);
    const more = rows.length > PAGE_SIZE;
    rows = rows.slice(0, PAGE_SIZE);
    if (before) rows.reverse();
    if (rows.length === 0 && offset > 0) {
      // Past the end (an old link, fewer invoices now): the first page.
      return this.list({ ...filters, page: 1, apres: undefined, avant: undefined });
    }
    const keys = rows.map((r) => r.key);
    const page = requested;
    const hasPrev = before ? more : after ? true : page > 1;
    const hasNext = before ? true : more;
    return {
      rows: rows.map((r) => r.row),
      page,
      nextCursor: hasNext && keys.length ? cursorOf(keys[keys.length - 1]) : null,
      prevCursor: hasPrev && keys.length ? cursorOf(keys[0]) : null,
    };
  }

  /**
   * The page's rows in one statement: its keys (a derived table, from the index) joined to their
   * lines by primary key and summed per invoice, in list order.
   */
  private async page(
    keys: { sql: string; params: unknown[] },
    base: Where,
    dir: string,
  ): Promise<Array<{ key: ListKey; row: InvoiceRow }>> {
    const raw = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT k.d AS keyDate, k.n AS invNumero, MAX(f.Type_Facture) AS type, MAX(f.Date_Facture) AS invDate,
        MAX(f.Code_Client) AS codeClient, MAX(f.Nom_Client) AS nomClient,
        MAX(f.Code_Client_ODOO) AS clientOdoo, MAX(f.ID_Client_ODOO) AS idClientOdoo,
        MAX(f.Montant_HT) AS ht, MAX(f.Montant_TTC) AS ttc, COUNT(*) AS nlines,
        MIN(f.facture_valider) AS validated,
        MIN(CASE WHEN f.Statut_Integration_Fac_inOdoo = 'intégré' THEN 1 ELSE 0 END) AS integrated,
        MAX(f.ID_Facture_ODOO) AS moveId
       FROM (${keys.sql}) k JOIN ${FACTURE} f ON f.Numero_Facture = k.n AND ${base.sql.join(' AND ')}
       GROUP BY k.d, k.n
       ORDER BY k.d ${dir}, k.n ${dir}`,
      [...keys.params, ...base.params],
    );
    return raw.map((r) => ({
      key: { date: dayOf(r.keyDate), numero: String(r.invNumero) },
      row: {
        numero: String(r.invNumero),
        type: String(r.type ?? ''),
        date: dayOf(r.invDate),
        codeClient: String(r.codeClient ?? ''),
        nomClient: (r.nomClient as string | null) ?? null,
        category: categoryOf((r.clientOdoo as string | null) ?? null, intOf(r.idClientOdoo)),
        clientOdooLabel: (r.clientOdoo as string | null) ?? null,
        montantHT: decimalOf(r.ht).toFixed(2),
        montantTTC: decimalOf(r.ttc).toFixed(2),
        lines: intOf(r.nlines),
        validated: intOf(r.validated) === 1,
        integrated: intOf(r.integrated) === 1,
        odooMoveId: r.moveId === null || r.moveId === undefined ? null : intOf(r.moveId),
      },
    }));
  }

  /**
   * The months having member invoices (newest first) and the count of the whole list or of one
   * month (no other filter), from the monthly summary; invoices without a date (in no month) are
   * counted on their index range.
   */
  async monthsAndCount(mois?: string): Promise<{ months: string[]; total: number }> {
    // One round trip, shared a moment by the requests of any list page: the summary's months and,
    // for the whole list, the undated invoices.
    return this.figures.shared(`member months ${mois ?? ''}`, async () => {
      const undated = mois
        ? ''
        : ` UNION ALL SELECT NULL, COUNT(DISTINCT f.Numero_Facture) FROM ${FACTURE} f WHERE f.Date_Facture IS NULL AND ${MEMBER_SCOPE}`;
      const rows = await this.db.query<Array<{ month: string | null; n: unknown }>>(
        `SELECT month, SUM(invoices) AS n FROM sync_month_figures WHERE kind = 'member' GROUP BY month${undated}`,
      );
      const months = rows
        .filter((r) => r.month !== null)
        .map((r) => ({ month: String(r.month), invoices: intOf(r.n) }))
        .sort((a, b) => (a.month < b.month ? 1 : -1));
      const total = mois
        ? (months.find((m) => m.month === mois)?.invoices ?? 0)
        : months.reduce((sum, m) => sum + m.invoices, 0) + intOf(rows.find((r) => r.month === null)?.n);
      return { months: months.map((m) => m.month), total };
    });
  }

  odooMoveUrl(moveId: number | null): string | null {
    if (!moveId || !this.config.odoo.url) return null;
    return `${this.config.odoo.url.replace(/\/$/, '')}/web#id=${moveId}&model=account.move`;
  }
}
