import { describe, expect, it } from 'vitest'
import { ftsTerms } from './fts-query'

describe('search terms', () => {
  it('matches 3+ character words as substrings or word prefixes', () => {
    expect(ftsTerms('dental')).toEqual([{ trigram: '"dental"', words: '"dental"*' }])
  })

  it('matches fragments with punctuation as substrings only', () => {
    expect(ftsTerms('10.2.3')).toEqual([{ trigram: '"10.2.3"', words: null }])
    expect(ftsTerms('WS-01')).toEqual([{ trigram: '"WS-01"', words: null }])
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
