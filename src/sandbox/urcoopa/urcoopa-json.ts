/** Money fields are written with two decimals (1887.40, 608.00), as in Urcoopa's own answers. */
const MONEY_FIELDS = new Set(['Prix_Unitaire', 'Montant_HT_Ligne', 'Montant_HT', 'Montant_TTC']);
const MARK = '\u0000money:';
const MARKED = /"\\u0000money:(-?\d+\.\d{2})"/g;

/** Compact JSON, UTF-8 (not ASCII-escaped), amounts with two decimals. */
export function toUrcoopaJson(value: unknown): string {
  const json = JSON.stringify(value, (key, v: unknown) =>
    MONEY_FIELDS.has(key) && typeof v === 'number' && Number.isFinite(v) ? MARK + v.toFixed(2) : v,
  );
  return json.replace(MARKED, '$1');
}
