/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet. A text cell that starts with = + - @
 * (or tab / CR) would run as a formula in Excel or LibreOffice (OWASP "CSV injection"), so it gets
 * a leading apostrophe. Numbers are written as numbers: −626 must stay a number, not text.
 */
export type CsvValue = string | number | boolean | null

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: CsvValue): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const guarded = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/** A record with CRLF, as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n'
}
