/** The contract's floor for a master passphrase. */
export const MIN_PASSPHRASE_LENGTH = 10

/** How good a master passphrase looks, with a hint a technician can act on. */
export interface PassphraseStrength {
  level: 'too-short' | 'weak' | 'fair' | 'strong'
  hint: string
}

/** zxcvbn's verdict: a 0–4 score by estimated guesses, and its warning when it has one. */
export interface PassphraseScore {
  score: 0 | 1 | 2 | 3 | 4
  warning: string | null
}

export type PassphraseScorer = (passphrase: string) => PassphraseScore

/** Counted in code points, as a person counts what they typed (an emoji is one). */
export function passphraseLongEnough(passphrase: string): boolean {
  return [...passphrase].length >= MIN_PASSPHRASE_LENGTH
}

/**
 * Rates a passphrase for the meter; nothing for an empty one. The vault's own length floor
 * comes first, then zxcvbn's score; without a scorer (its dictionaries still loading) only the
 * floor is rated. The vault file can be attacked offline at the attacker's pace, so only
 * zxcvbn's top score (about 10^10 guesses or more) counts as strong and the scores that hold
 * at best against unthrottled online guessing (0–2) are weak.
 */
export function passphraseStrength(
  passphrase: string,
  scorer: PassphraseScorer | undefined,
): PassphraseStrength | null {
  if (passphrase === '') return null
  if (!passphraseLongEnough(passphrase)) {
    return { level: 'too-short', hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters.` }
  }
  if (!scorer) return null
  const { score, warning } = scorer(passphrase)
  const why = warning ? ` ${warning}` : ''
  if (score <= 2) {
    return { level: 'weak', hint: `Weak: add a few more words or characters.${why}` }
  }
  if (score === 3) {
    return { level: 'fair', hint: `Fair: a longer passphrase would be stronger.${why}` }
  }
  return { level: 'strong', hint: 'Strong.' }
}

let scorerLoad: Promise<PassphraseScorer> | undefined

/**
 * zxcvbn with the common-password and English dictionaries, loaded on first use: they are
 * several megabytes, which the first paint should not carry. A failed load is forgotten so
 * the next opening of the form tries again.
 */
export function loadPassphraseScorer(): Promise<PassphraseScorer> {
  scorerLoad ??= buildScorer().catch((error: unknown) => {
    scorerLoad = undefined
    throw error
  })
  return scorerLoad
}

async function buildScorer(): Promise<PassphraseScorer> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ])
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  })
  return (passphrase) => {
    const result = zxcvbn.check(passphrase)
    return { score: result.score, warning: result.feedback.warning }
  }
}
