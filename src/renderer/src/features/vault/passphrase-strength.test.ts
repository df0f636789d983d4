import { describe, expect, it } from 'vitest'
import { passphraseStrength } from './passphrase-strength'

describe('passphraseStrength', () => {
  it('grades by length, variety and repetition', () => {
    expect(passphraseStrength('short').level).toBe('too-short')
    expect(passphraseStrength('aaaaaaaaaaaa').level).toBe('weak')
    expect(passphraseStrength('abcdefghij').level).toBe('weak')
    expect(passphraseStrength('Tr0ub4dor&3x').level).toBe('fair')
    expect(passphraseStrength('correct horse battery staple').level).toBe('strong')
  })
})
