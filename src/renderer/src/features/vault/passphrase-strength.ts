/** The contract's floor for a master passphrase. */
export const MIN_PASSPHRASE_LENGTH = 10

/** How good a master passphrase looks, with a hint a technician can act on. */
export interface PassphraseStrength {
  level: 'too-short' | 'weak' | 'fair' | 'strong'
  hint: string
}

const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/]
const poolSizes = [26, 26, 10, 33]

/**
 * A rough estimate, only to steer people toward longer passphrases: the bits a brute force
 * over the character classes used would need, discounted for repeated characters.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length
  if (length < MIN_PASSPHRASE_LENGTH) {
    return { level: 'too-short', hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` }
  }
  const pool = classes.reduce(
    (sum, re, i) => (re.test(passphrase) ? sum + (poolSizes[i] ?? 0) : sum),
    0,
  )
  const distinct = new Set(passphrase).size
  const effectiveLength = Math.min(length, distinct * 2)
  const bits = effectiveLength * Math.log2(Math.max(pool, 2))
  if (bits < 60) {
    return { level: 'weak', hint: 'Weak: add a few more words or characters.' }
  }
  if (bits < 80) {
    return { level: 'fair', hint: 'Fair: a longer passphrase would be stronger.' }
  }
  return { level: 'strong', hint: 'Strong.' }
}
