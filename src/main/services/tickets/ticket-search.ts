/**
 * Turns what a technician types into an FTS5 MATCH expression over ticket text and notes:
 * every word must appear in the same ticket text or note, words of three or more characters
 * as the start of a word ("print off" finds "Printer offline"), two-character words as whole
 * words ("hp", "db"); single characters are left out (they would match nearly everything).
 */

/** Most words a query may have; more only slows the query without narrowing it usefully. */
const MAX_WORDS = 8

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`

/** The MATCH expression for `text`, or null when it holds nothing searchable (yet). */
export function ticketMatchExpression(text: string | undefined): string | null {
  // unicode61 splits on anything that is not a letter or digit; mirror it.
  const words = (text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 2)
    .slice(0, MAX_WORDS)
  if (words.length === 0) return null
  return words
    .map((word) => ([...word].length >= 3 ? `${quote(word)}*` : quote(word)))
    .join(' AND ')
}
