/** Writes CSV text that spreadsheets open safely. */

// Excel and LibreOffice run a cell starting with one of these as a formula. Device data comes
// from remote machines (hostnames, user names), so an exported cell must never be one.
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: quoted when needed, and defused when it would read as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One line (CRLF-terminated, as RFC 4180 and Excel expect). */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
