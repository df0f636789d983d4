/**
 * Turns what a technician types into FTS5 MATCH terms over ticket text and notes. Every word
 * must appear in the same ticket text or note:
 * - two-character words as whole words ("hp", "db");
 * - three and four characters as the start of a word, through the prefix indexes;
 * - five or more as the start of a word too, by expanding the prefix into the words it starts
 *   (the search vocabulary), searched as whole words: FTS5 streams those newest first and
 *   stops after the search window, where a plain prefix query would merge every match first.
 * Single characters are left out: they would match nearly everything.
 */

/** Most words a query may have; more only slows the query without narrowing it usefully. */
const MAX_WORDS = 8
/** A longer prefix starting more words than this is searched as a prefix after all. */
export const MAX_EXPANSION = 32

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`

/** One typed word, folded the way the index folds words, and how to match it. */
export interface SearchWord {
  text: string
  match: 'whole' | 'prefix' | 'expand'
}

/** The words of `text` worth searching for; empty when there is nothing (yet). */
export function searchWords(text: string | undefined): SearchWord[] {
  // unicode61 with remove_diacritics splits on anything not a letter or digit, drops accents
  // and folds case; mirror it so a typed "Müller" finds the indexed "muller".
  return (text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 2)
    .slice(0, MAX_WORDS)
    .map((word) => {
      const length = [...word].length
      return { text: word, match: length === 2 ? 'whole' : length <= 4 ? 'prefix' : 'expand' }
    })
}

/**
 * The MATCH expression of one word. `expansions` are the indexed words an 'expand' word
 * starts (null when there were too many to list).
 */
export function wordExpression(word: SearchWord, expansions: readonly string[] | null): string {
  if (word.match === 'whole') return quote(word.text)
  if (word.match === 'prefix' || expansions === null) return `${quote(word.text)}*`
  // No indexed word starts with it: the word itself, which matches nothing, keeps it simple.
  if (expansions.length === 0) return quote(word.text)
  return `(${expansions.map(quote).join(' OR ')})`
}

/** The upper bound of the words starting with `prefix`, for a range over the vocabulary. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`
}
