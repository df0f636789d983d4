import { describe, expect, it } from 'vitest'
import { ticketPaletteQuery } from './palette-tickets'

describe('ticketPaletteQuery', () => {
  it('opens a whole ticket number, whatever its case', () => {
    expect(ticketPaletteQuery(' t-7f3a-0042 ')).toEqual({ kind: 'number', number: 'T-7F3A-0042' })
  })

  it('searches two characters or more, spaces tidied', () => {
    expect(ticketPaletteQuery('vpn   drops')).toEqual({ kind: 'search', query: 'vpn drops' })
    expect(ticketPaletteQuery('T-7F3A')).toEqual({ kind: 'search', query: 'T-7F3A' })
  })

  it('does nothing for less', () => {
    expect(ticketPaletteQuery('v')).toEqual({ kind: 'none' })
    expect(ticketPaletteQuery('   ')).toEqual({ kind: 'none' })
  })
})
