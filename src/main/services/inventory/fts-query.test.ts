import { describe, expect, it } from 'vitest'
import { ftsTerms, macDigits } from './fts-query'

describe('search terms', () => {
  it('matches 3+ character words as substrings or word prefixes', () => {
    expect(ftsTerms('dental')).toEqual([{ trigram: '"dental"', words: '"dental"*' }])
  })

  it('matches fragments with punctuation as substrings only', () => {
    expect(ftsTerms('10.2.3')).toEqual([{ trigram: '"10.2.3"', words: null }])
    expect(ftsTerms('WS-01')).toEqual([{ trigram: '"WS-01"', words: null }])
  })

  it('matches a piece of a MAC in any notation by its bare hex digits too', () => {
    expect(ftsTerms('F8:BC:12')).toEqual([{ trigram: '"F8:BC:12" OR "f8bc12"', words: null }])
    expect(ftsTerms('4d:5e')).toEqual([{ trigram: '"4d:5e" OR "4d5e"', words: null }])
    expect(ftsTerms('00-1A-2B-3C')).toEqual([
      { trigram: '"00-1A-2B-3C" OR "001a2b3c"', words: null },
    ])
    expect(ftsTerms('001a.2b3c.4d5e')).toEqual([
      { trigram: '"001a.2b3c.4d5e" OR "001a2b3c4d5e"', words: null },
    ])
  })

  it('leaves addresses and hostnames that happen to be hex as they are', () => {
    expect(macDigits('10.2.3')).toBeNull()
    expect(macDigits('10.2')).toBeNull()
    expect(macDigits('192.168')).toBeNull()
    expect(macDigits('db-01')).toBeNull()
    expect(macDigits('fe80::1')).toBeNull()
    expect(macDigits('a:b')).toBeNull()
  })

  it('falls back to word prefixes below three characters', () => {
    expect(ftsTerms('db')).toEqual([{ trigram: null, words: '"db"*' }])
    expect(ftsTerms('a.')).toEqual([{ trigram: null, words: '"a"*' }])
    expect(ftsTerms('.')).toEqual([])
  })

  it('quotes what FTS5 would read as syntax', () => {
    expect(ftsTerms('a"b OR NOT*')).toEqual([
      { trigram: '"a""b"', words: null },
      { trigram: null, words: '"OR"*' },
      { trigram: '"NOT*"', words: null },
    ])
  })

  it('splits on whitespace, ignores empty input and caps the number of terms', () => {
    expect(ftsTerms('  ')).toEqual([])
    expect(ftsTerms(undefined)).toEqual([])
    expect(ftsTerms('a b c d e f g h i j')).toHaveLength(8)
  })
})
