import { describe, expect, it } from 'vitest'
import { searchWords, wordExpression } from './ticket-search'

describe('search words', () => {
  it('fold like the index and pick how each word matches', () => {
    expect(searchWords('  Müller HP, printer-jam x ')).toEqual([
      { text: 'muller', match: 'expand' },
      { text: 'hp', match: 'whole' },
      { text: 'printer', match: 'expand' },
      { text: 'jam', match: 'prefix' },
    ])
    expect(searchWords('a b c')).toEqual([])
    expect(searchWords(undefined)).toEqual([])
    expect(searchWords('one two three four five six seven eight nine ten')).toHaveLength(8)
  })

  it('build MATCH terms: whole, indexed prefix, expansion or prefix when too many', () => {
    const hp = { text: 'hp', match: 'whole' } as const
    const jam = { text: 'jam', match: 'prefix' } as const
    const voice = { text: 'voicem', match: 'expand' } as const
    expect(searchWords('hp jam voicem')).toEqual([hp, jam, voice])
    expect(wordExpression(hp, null)).toBe('"hp"')
    expect(wordExpression(jam, null)).toBe('"jam"*')
    expect(wordExpression(voice, ['voicemail', 'voicemails'])).toBe('("voicemail" OR "voicemails")')
    expect(wordExpression(voice, [])).toBe('"voicem"')
    expect(wordExpression(voice, null)).toBe('"voicem"*')
    expect(wordExpression({ text: 'say"hi', match: 'whole' }, null)).toBe('"say""hi"')
  })
})
