/**
 * The one name normalisation used to match names across systems (domain.md §6): Urcoopa writes
 * "HOARAU MARIE JOSE" where Odoo has "HOARAU Marie-José". Lower case, accents removed (NFD),
 * punctuation and hyphens → spaces, spaces collapsed, trimmed.
 */
export function normalizeName(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
