/**
 * Ticket numbers that work offline: each installation draws a short random prefix once and
 * counts up from 1, so two technicians creating tickets on a plane never make the same number
 * and a ticket keeps its number forever ("T-7F3A-0042").
 */

/** Crockford base32 without I, L, O and U, so a prefix reads aloud without confusion. */
export const PREFIX_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Characters in an installation prefix: 32^4 ≈ 1M prefixes keeps collisions rare. */
export const PREFIX_LENGTH = 4

/** Formats the n-th ticket of an installation; at least four digits, more once past 9999. */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`Ticket sequence must be a positive integer, got ${sequence}`)
  }
  return `T-${prefix}-${String(sequence).padStart(4, '0')}`
}

/** A prefix from random bytes (one byte per character). */
export function prefixFromBytes(bytes: ArrayLike<number>): string {
  let prefix = ''
  for (let i = 0; i < PREFIX_LENGTH; i++) {
    prefix += PREFIX_ALPHABET[(bytes[i] ?? 0) % PREFIX_ALPHABET.length]
  }
  return prefix
}

const NUMBER_PATTERN = /^T-([0-9A-Z]{4})-(\d{4,})$/i

/** Whether `text` is a whole ticket number such as "T-7F3A-0042" (any case). */
export function looksLikeTicketNumber(text: string): boolean {
  return NUMBER_PATTERN.test(text.trim())
}

/** The canonical (upper-case) form of a typed ticket number, or null. */
export function normalizeTicketNumber(text: string): string | null {
  const match = NUMBER_PATTERN.exec(text.trim())
  if (!match) return null
  return `T-${(match[1] as string).toUpperCase()}-${match[2] as string}`
}
