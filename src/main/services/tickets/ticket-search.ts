/**
 * Turns what a technician types into an FTS5 MATCH expression over ticket text and notes:
 * every word must appear (as a word or the start of one) in the same ticket text or note,
 * so "print off" finds "Printer offline".
 */

/** Most words a query may have; more only slows the query without narrowing it usefully. */
const MAX_WORDS = 8

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`

/** The MATCH expression for `text`, or null when it holds nothing searchable. */
export function ticketMatchExpression(text: string | undefined): string | null {
  // unicode61 splits on anything that is not a letter or digit; mirror it.
  const words = (text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .slice(0, MAX_WORDS)
  if (words.length === 0) return null
  return words.map((word) => `${quote(word)}*`).join(' AND ')
}
