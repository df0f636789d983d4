import { beforeAll, describe, expect, it } from 'vitest'
import {
  loadPassphraseScorer,
  passphraseStrength,
  type PassphraseScorer,
} from './passphrase-strength'

describe('passphraseStrength', () => {
  let scorer: PassphraseScorer
  beforeAll(async () => {
    scorer = await loadPassphraseScorer()
  })
  const level = (passphrase: string): string | undefined =>
    passphraseStrength(passphrase, scorer)?.level

  it('rates an empty passphrase not at all', () => {
    expect(passphraseStrength('', scorer)).toBeNull()
  })

  it('keeps the vault’s length floor before any scoring', () => {
    expect(level('short')).toBe('too-short')
    expect(level('x9$Lq-2v!')).toBe('too-short')
  })

  it('rates only the length floor while the dictionaries load', () => {
    expect(passphraseStrength('short', undefined)?.level).toBe('too-short')
    expect(passphraseStrength('Password1234!', undefined)).toBeNull()
  })

  it('sees through a common password dressed with digits and a symbol', () => {
    const strength = passphraseStrength('Password1234!', scorer)
    expect(strength?.level).toBe('weak')
    expect(strength?.hint).toMatch(/^Weak: .*commonly used password/)
    expect(level('Welcome123!')).toBe('weak')
    expect(level('qwertyuiop12')).toBe('weak')
    expect(level('aaaaaaaaaaaa')).toBe('weak')
  })

  it('rates long passphrases of several words strong', () => {
    expect(level('correct horse battery staple')).toBe('strong')
    expect(level('plum-voyage-ankle-tidal-orbit')).toBe('strong')
  })

  it('leaves a season and year in the middle', () => {
    expect(level('Summer2024!!')).toBe('fair')
  })

  it('loads the dictionaries once', async () => {
    expect(await loadPassphraseScorer()).toBe(scorer)
  })
})
