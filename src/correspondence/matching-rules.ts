import { Decimal, round4 } from '../common/money';
import { normalizeName } from '../common/text';
import type { OdooMember } from '../odoo/odoo.types';
import { SERVICE_LINE_NUMBER } from '../urcoopa/urcoopa-payload';

/**
 * The pure matching rules (domain.md §3 and §6), apart from any I/O: used by the enrichment of job 1
 * and by the correspondence check (job 4) and the unknowns' resolution, through CorrespondenceMatcher.
 */

export const UNKNOWN_MEMBER_LABEL = 'INCONNU !';

/** `CLIENT : <ref>` for a partner of the ADHERENT category, `NON ADHERENT : <ref>` otherwise. */
export function memberLabel(member: Pick<OdooMember, 'ref' | 'name' | 'isAdherent'> | null): string {
  if (!member) return UNKNOWN_MEMBER_LABEL;
  const ref = member.ref ?? member.name;
  return member.isAdherent ? `CLIENT : ${ref}` : `NON ADHERENT : ${ref}`;
}

/**
 * Members by normalised name. Several partners of one name: the single ADHERENT among them wins;
 * otherwise the name is ambiguous and left out (no match): a wrong partner would invoice the wrong
 * farmer, an unknown one only waits for an operator.
 */
export function membersByName(members: OdooMember[]): Map<string, OdooMember> {
  const candidates = new Map<string, OdooMember[]>();
  for (const member of members) {
    const key = normalizeName(member.name);
    if (!key) continue;
    const same = candidates.get(key);
    if (same) same.push(member);
    else candidates.set(key, [member]);
  }
  const byName = new Map<string, OdooMember>();
  for (const [key, same] of candidates) {
    const adherents = same.filter((m) => m.isAdherent);
    const pick = same.length === 1 ? same[0] : adherents.length === 1 ? adherents[0] : undefined;
    if (pick) byName.set(key, pick);
  }
  return byName;
}

/** The Urcoopa code of an article line, trimmed; null when it has none (line 900 may have none). */
export function articleCode(line: { Code_Produit: string | null }): string | null {
  return line.Code_Produit?.trim() || null;
}

/** Line 900 (transport, services), or a line without code, is matched by its label first. */
export function matchedByLabel(line: { Numero_Ligne_Facture: number; Code_Produit: string | null }): boolean {
  return line.Numero_Ligne_Facture === SERVICE_LINE_NUMBER || articleCode(line) === null;
}

/**
 * The billed quantity in the Odoo product's unit, 4 decimals: UN → qty, KG → qty / weight,
 * TO → qty × 1000 / weight; null when the weight is needed and unknown.
 */
export function convertedQuantity(
  quantity: Decimal | null,
  unit: string | null,
  weightKg: Decimal | null,
): Decimal | null {
  if (quantity === null) return null;
  switch ((unit ?? '').toUpperCase()) {
    case 'UN':
      return round4(quantity);
    case 'KG':
      return weightKg && weightKg.gt(0) ? round4(quantity.div(weightKg)) : null;
    case 'TO':
      return weightKg && weightKg.gt(0) ? round4(quantity.times(1000).div(weightKg)) : null;
    default:
      return null;
  }
}

const GESICA_NUMBER = /^\d+$/;

/** What Numero_Commande_Client names: an Odoo PO name, or a Gesica number (PO partner_ref GESICA<n>). */
export function orderReference(value: string | null): { name: string } | { partnerRef: string } | null {
  const text = value?.trim();
  if (!text) return null;
  if (GESICA_NUMBER.test(text)) return { partnerRef: `GESICA${text}` };
  if (/^GESICA\d+$/i.test(text)) return { partnerRef: text.toUpperCase() };
  return { name: text };
}
