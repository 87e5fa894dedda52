import type { Decimal } from '../common/money';
import type { OdooIntentStatus } from './entities/odoo-intent.entity';

/** The field of the old marker on moves (`URCOOPA-SYNC/<kind>/<number>`): still searched, no longer written. */
export const MOVE_MARKER_FIELD = 'payment_reference';

/** Fields a move found by its old marker must share with the values we would send, else: conflict. */
export const MOVE_MATCH_FIELDS = ['ref', 'partner_id', 'company_id', 'move_type'] as const;

export interface OdooTotals {
  untaxed: Decimal;
  tax: Decimal;
  total: Decimal;
}

/** One record we want to exist exactly once in Odoo. */
export interface OdooIntentRequest {
  /** Unique within the kind: the Urcoopa invoice number, a Gesica order number… (≤ 64 chars). */
  businessKey: string;
  /** Company of the record: sent as context.allowed_company_ids = [companyId]; null = user's default. */
  companyId: number | null;
  /** Values of `create` (the service adds the marker field when the spec names one). */
  values: Record<string, unknown>;
  /** Our totals (moves): compared with Odoo's amount_untaxed/amount_tax/amount_total (tolerance 0.01). */
  expectedTotals?: OdooTotals;
}

/** How one kind of record is found and created. */
export interface OdooIntentSpec {
  /** Kind of record, e.g. 'facture-magasin' (≤ 40 chars). With businessKey it is the unique key. */
  kind: string;
  /** Odoo model created, e.g. 'account.move'. */
  model: string;
  /**
   * Field holding our marker (moves: MOVE_MARKER_FIELD). The service sets it in the values and
   * finds earlier attempts by it. Omit it only with `findExisting`.
   */
  markerField?: string;
  /** Marker of a request; default markerFor(kind, businessKey). */
  marker?: (request: OdooIntentRequest) => string;
  /**
   * account.move found by the accountant's key (company + move_type + partner + ref) instead of a
   * marker we write; moves carrying the old payment_reference marker are still adopted
   * (odoo-intent.search.ts). A cancelled move is never adopted: conflict until staff choose.
   */
  moveKey?: boolean;
  /** Fields of `values` a record found by its marker must also have (many2one compared by id). */
  matchFields?: readonly string[];
  /**
   * Custom search for records created by earlier attempts (when no marker can be stored at creation,
   * e.g. a bill made by action_create_invoice): business key → ids found.
   */
  findExisting?: (requests: OdooIntentRequest[]) => Promise<Map<string, number[]>>;
  /** Custom creation of one record (no batching), instead of createMany of the values. */
  createOne?: (request: OdooIntentRequest) => Promise<number>;
  /** Read back amount_untaxed/amount_tax/amount_total and compare with expectedTotals. */
  checkTotals?: boolean;
  /** Method called on the records still in state 'draft' after creation, e.g. 'action_post'. */
  confirmMethod?: string;
  /** Records per `create` call (default 50). */
  batchSize?: number;
}

/**
 * created: created by this call; adopted: found in Odoo (made by an earlier attempt whose answer was
 * lost) and recorded; existing: already recorded before this call (nothing sent); pending: sent
 * without a definite answer (the next run searches before any retry); failed: Odoo refused it;
 * conflict: several records carry the marker, or the one found differs (a human must look).
 */
export type OdooIntentResult = 'created' | 'adopted' | 'existing' | 'pending' | 'failed' | 'conflict';

export interface OdooIntentOutcome {
  kind: string;
  businessKey: string;
  result: OdooIntentResult;
  status: OdooIntentStatus;
  odooId: number | null;
  odooState: string | null;
  /** Why the record is not in Odoo (failed, conflict, pending). */
  error: string | null;
  /** Error code: an OdooErrorCode, or TOTALS_MISMATCH / CONFIRM_FAILED / CONFLICT. */
  errorCode: string | null;
  /** The record exists, but: totals differ (both figures), or the confirm method failed. */
  issues: string[];
  totals?: { expected: OdooTotals; odoo: OdooTotals; ok: boolean };
}

/** Our marker: visible to staff on the record, unique per (kind, business key), searchable exactly. */
export function markerFor(kind: string, businessKey: string): string {
  return `URCOOPA-SYNC/${kind}/${businessKey}`;
}
