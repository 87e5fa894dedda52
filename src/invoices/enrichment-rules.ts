import { Decimal, round4 } from '../common/money';
import { normalizeName } from '../common/text';
import type { OdooMember } from '../odoo/odoo.types';

/** The pure rules of enrichment (domain.md §3 and §6), apart from any I/O. */

export const UNKNOWN_MEMBER_LABEL = 'INCONNU !';

/** `CLIENT : <ref>` for a partner of the ADHERENT category, `NON ADHERENT : <ref>` otherwise. */
export function memberLabel(member: OdooMember | null): string {
  if (!member) return UNKNOWN_MEMBER_LABEL;
  const ref = member.ref ?? member.name;
  return member.isAdherent ? `CLIENT : ${ref}` : `NON ADHERENT : ${ref}`;
}

/** Members by normalised name; on a tie, an ADHERENT wins, then the smallest id. */
export function membersByName(members: OdooMember[]): Map<string, OdooMember> {
  const byName = new Map<string, OdooMember>();
  for (const member of members) {
    const key = normalizeName(member.name);
    if (!key) continue;
    const current = byName.get(key);
    const better =
      !current ||
      (member.isAdherent && !current.isAdherent) ||
      (member.isAdherent === current.isAdherent && member.id < current.id);
    if (better) byName.set(key, member);
  }
  return byName;
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
