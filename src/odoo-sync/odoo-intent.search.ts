import type { OdooClient } from '../odoo/odoo.client';
import type { OdooIntentRequest } from './odoo-intent.types';
import { sameValue } from './odoo-intent.util';

/** Where moves created before the move key carry our old marker (still adopted, never written now). */
export const LEGACY_MARKER_FIELD = 'payment_reference';

/** A move found for a request, and how: by the accountant's key, or by the old marker. */
export type MoveCandidate = Record<string, unknown> & { id: number; viaMarker: boolean };

const FIELDS = ['ref', 'move_type', 'partner_id', 'company_id', 'state', LEGACY_MARKER_FIELD];

/**
 * Our moves are recognised by the key an accountant uses: company + move type + partner + `ref`
 * (= the Urcoopa invoice number); one move per key (a member's bill and customer invoice differ by
 * type and partner). `payment_reference` is left to Odoo (the communication a member pays with).
 * Moves made before this rule carry `URCOOPA-SYNC/<kind>/<number>` in payment_reference and are
 * still found by it. One search_read per batch, no company context (every company of the API user).
 */
export async function findMovesByKey(
  odoo: OdooClient,
  batch: Array<{ request: OdooIntentRequest; marker: string | null }>,
): Promise<Map<string, MoveCandidate[]>> {
  const out = new Map<string, MoveCandidate[]>();
  const refs = [...new Set(batch.map((b) => String(b.request.values.ref ?? '')).filter(Boolean))];
  const markers = batch.flatMap((b) => (b.marker ? [b.marker] : []));
  if (refs.length === 0 && markers.length === 0) return out;
  const records = await odoo.searchRead<Record<string, unknown> & { id: number }>(
    'account.move',
    ['|', ['ref', 'in', refs], [LEGACY_MARKER_FIELD, 'in', markers]],
    FIELDS,
  );
  for (const { request, marker } of batch) {
    const found: MoveCandidate[] = [];
    for (const record of records) {
      if (marker && record[LEGACY_MARKER_FIELD] === marker) found.push({ ...record, viaMarker: true });
      else if (sameKey(request, record)) found.push({ ...record, viaMarker: false });
    }
    if (found.length > 0) out.set(request.businessKey, found);
  }
  return out;
}

function sameKey(request: OdooIntentRequest, record: Record<string, unknown>): boolean {
  const v = request.values;
  const company = v.company_id ?? request.companyId;
  return (
    v.ref !== undefined &&
    String(record.ref) === String(v.ref) &&
    record.move_type === v.move_type &&
    sameValue(v.partner_id, record.partner_id) &&
    (company === null || company === undefined || sameValue(company, record.company_id))
  );
}
