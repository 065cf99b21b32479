/**
 * CSV as RFC 4180 writes it (comma, CRLF, a field quoted when it holds a quote, comma, CR or LF, or
 * starts or ends with a space; quotes doubled), with a UTF-8 byte order mark so a spreadsheet reads
 * names with accents right. A text cell a spreadsheet would take for a formula (starting with = + - @,
 * or a tab or carriage return) gets a leading apostrophe (OWASP "CSV injection"); numbers are written
 * as they are, so -3 stays a number.
 */
export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvOf(head: readonly CsvCell[], rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
