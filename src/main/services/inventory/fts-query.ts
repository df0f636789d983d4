/**
 * Turns what a technician types into FTS5 MATCH expressions, one term per word typed; every
 * term must match. A term matches a device when:
 * - it is one plain word ("dental", "ubu", "db"): some field has a word starting with it, or
 *   (with three or more characters) the hostname, a local address, the serial or asset tag
 *   contains it;
 * - it has punctuation inside ("10.2.3", "WS-01"): the hostname, a local or public address,
 *   the serial or asset tag contains it (trigrams need three characters, so shorter ones like
 *   "a." fall back to word prefixes);
 * - it is a piece of a MAC address in any usual notation ("f8:bc:12", "F8-BC-12-34",
 *   "f8bc.1234", or bare hex): some MAC of the device contains those digits. MACs are indexed
 *   as bare hex ("f8bc12345678"), so the notation typed does not matter.
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

/**
 * The bare hex digits of a token written like a piece of a MAC address: hex pairs joined by
 * ":" (or by "-", from three pairs on, so "db-01" stays a hostname), or Cisco's groups of four
 * joined by "."; null for anything else, an IP fragment ("10.2.3") included.
 */
export function macDigits(token: string): string | null {
  const looksLikeMac =
    /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2})+:?$/i.test(token) ||
    /^[0-9a-f]{1,2}(?:-[0-9a-f]{2}){2,}-?$/i.test(token) ||
    // Dotted groups of four, with a hex letter or a full group so "10.2" stays an address.
    (/^[0-9a-f]{1,4}(?:\.[0-9a-f]{4})*\.[0-9a-f]{1,4}$/i.test(token) && /[a-f]|\d{4}/i.test(token))
  if (!looksLikeMac) return null
  const digits = token.replace(/[:.-]/g, '').toLowerCase()
  return digits.length >= 3 ? digits : null
}

/** The terms of `text`, or an empty list when it holds nothing searchable. */
export function ftsTerms(text: string | undefined): FtsTerm[] {
  const terms: FtsTerm[] = []
  for (const token of (text ?? '').split(/\s+/)) {
    if (token === '') continue
    // unicode61 splits on anything that is not a letter or digit; mirror it.
    const parts = token.split(/[^\p{L}\p{N}]+/u).filter((part) => part !== '')
    const long = [...token].length >= 3
    const plainWord = parts.length === 1 && parts[0] === token
    const mac = macDigits(token)
    if (mac !== null) {
      terms.push({ trigram: `${quote(token)} OR ${quote(mac)}`, words: null })
    } else if (long) {
      terms.push({ trigram: quote(token), words: plainWord ? `${quote(token)}*` : null })
    } else if (parts.length > 0) {
      terms.push({ trigram: null, words: parts.map((part) => `${quote(part)}*`).join(' AND ') })
    }
    if (terms.length === MAX_TERMS) break
  }
  return terms
}
