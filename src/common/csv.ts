import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** A plain number ("-12,50", "3.4"): left as is, so that a spreadsheet still reads it as one. */
const PLAIN_NUMBER = /^-?\d+(?:[.,]\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet could run as a formula (starting with = + - @ tab or CR, e.g. Urcoopa's
 * `-2+3+cmd|' /C calc'!A0`) gets a leading apostrophe; plain numbers stay numbers.
 */
export function neutralizeCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * The one CSV writer of every export (csv-stringify): UTF-8 with a BOM (Excel reads the accents),
 * CRLF, fields quoted when needed, every cell neutralised. `;` for French spreadsheets, `,` for
 * the legacy exports.
 */
export function toCsv(rows: CsvCell[][], options: { delimiter?: ',' | ';' } = {}): string {
  const body = stringify(
    rows.map((row) => row.map(neutralizeCell)),
    { delimiter: options.delimiter ?? ',', record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
  return `\uFEFF${body}`;
}

/** `1848.58` → `1848,58` (a number French spreadsheets read). */
export function csvAmount(value: string | null): string {
  return value === null ? '' : value.replace('.', ',');
}
