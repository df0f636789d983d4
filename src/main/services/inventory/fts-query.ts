/**
 * Turns what a technician types into FTS5 MATCH expressions, one term per word typed; every
 * term must match. A term matches a device when:
 * - it is one plain word ("dental", "ubu", "db"): some field has a word starting with it, or
 *   (with three or more characters) the hostname, a local address, the serial or asset tag
 *   contains it;
 * - it has punctuation inside ("10.2.3", "WS-01", "f8:bc"): the hostname, a local address, the
 *   serial or asset tag contains it (trigrams need three characters, so shorter ones like
 *   "a." fall back to word prefixes).
 * Identifier fragments thereby match anywhere, names match by word start, and an address
 * fragment never matches loose numbers elsewhere in a record.
 */

/** One typed word as MATCH expressions for the two search tables (null: not used). */
export interface FtsTerm {
  trigram: string | null
  words: string | null
}

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`

/** Most terms a query may have; more only slows the query without narrowing it usefully. */
const MAX_TERMS = 8

/** The terms of `text`, or an empty list when it holds nothing searchable. */
export function ftsTerms(text: string | undefined): FtsTerm[] {
  const terms: FtsTerm[] = []
  for (const token of (text ?? '').split(/\s+/)) {
    if (token === '') continue
    // unicode61 splits on anything that is not a letter or digit; mirror it.
    const parts = token.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== '')
    const long = [...token].length >= 3
    const plainWord = parts.length === 1 && parts[0] === token
    if (long) {
      terms.push({ trigram: quote(token), words: plainWord ? `${quote(token)}*` : null })
    } else if (parts.length > 0) {
      terms.push({ trigram: null, words: parts.map((part) => `${quote(part)}*`).join(' AND ') })
    }
    if (terms.length === MAX_TERMS) break
  }
  return terms
}
