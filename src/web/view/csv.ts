/**
 * CSV for French spreadsheets: `;` separator, UTF-8 with BOM (Excel), CRLF. A cell starting with
 * = + - @ is prefixed with ' so that a spreadsheet never runs Urcoopa text as a formula.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (value: string | number | null | undefined): string => {
    if (value === null || value === undefined) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** `1848.58` → `1848,58` (a number French spreadsheets read). */
export function csvAmount(value: string | null): string {
  return value === null ? '' : value.replace('.', ',');
}
