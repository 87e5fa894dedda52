/**
 * RFC 4180 CSV: comma-separated, CRLF, fields quoted when needed; a UTF-8 BOM so that Excel reads
 * accents. Cells starting with = + @ get a leading apostrophe (no formula from Urcoopa's text).
 */
export function toCsv(rows: string[][]): string {
  const field = (raw: string) => {
    const value = /^[=+@\t]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return '\uFEFF' + rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
