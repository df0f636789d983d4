import { describe, expect, it } from 'vitest'
import {
  matchClient,
  matchCommand,
  matchDevice,
  markWordStarts,
  matchTicket,
  rankPalette,
  type PaletteEntry,
  type PaletteKind,
  type PaletteMatch,
} from './palette-rank'

const entry = (
  key: string,
  kind: PaletteKind,
  match: PaletteMatch,
  order = 0,
  group?: string,
): PaletteEntry<string> => ({ key, kind, match, order, item: key, ...(group ? { group } : {}) })

const plain = (score = 0): PaletteMatch => ({ exact: false, score, field: null })
const exact: PaletteMatch = { exact: true, score: 0, field: null }

const layout = (sections: ReturnType<typeof rankPalette<string>>) =>
  sections.map((s) => [s.heading, s.entries.map((e) => e.key)])

describe('matchCommand', () => {
  it('finds a command by its words in any order', () => {
    expect(matchCommand('dark theme', 'Theme: Dark')).toMatchObject({ exact: false, score: 6 })
    expect(matchCommand('Dark', 'Theme: Dark')).not.toBeNull()
    expect(matchCommand('light', 'Theme: Light')).not.toBeNull()
    expect(matchCommand('dark theme', 'Theme: Light')).toBeNull()
  })

  it('is exact when the label’s words are typed in order, whatever the punctuation', () => {
    expect(matchCommand('Theme: Dark', 'Theme: Dark')?.exact).toBe(true)
    expect(matchCommand('theme dark', 'Theme: Dark')?.exact).toBe(true)
  })

  it('scores whole label words over prefixes over keywords', () => {
    const whole = matchCommand('team', 'Go to Team')?.score ?? 0
    const prefix = matchCommand('tea', 'Go to Team')?.score ?? 0
    const keyword = matchCommand('team', 'Sync now', ['team', 'push'])?.score ?? 0
    expect(whole).toBeGreaterThan(prefix)
    expect(prefix).toBeGreaterThan(keyword)
    expect(keyword).toBeGreaterThan(0)
  })

  it('needs every typed word to start one of its words', () => {
    expect(matchCommand('theme', 'Go to Tickets')).toBeNull()
    expect(matchCommand('heme', 'Theme: Dark')).toBeNull()
  })

  it('lists every command when nothing is typed', () => {
    expect(matchCommand('  ', 'Theme: Dark')).toEqual({ exact: false, score: 0, field: null })
  })
})

describe('matchClient', () => {
  const acme = { name: 'Acme Dental Group', shortCode: 'ACD' }

  it('is exact on the whole code or the whole name, case aside', () => {
    expect(matchClient(' acd ', acme)).toEqual({ exact: true, score: 2, field: 'code' })
    expect(matchClient('acme  dental group', acme)).toEqual({
      exact: true,
      score: 1,
      field: 'name',
    })
  })

  it('finds the start of the code, and the starts of the name’s words', () => {
    expect(matchClient('ac', acme)).toEqual({ exact: false, score: 2, field: 'code' })
    expect(matchClient('dent gr', acme)).toEqual({ exact: false, score: 1, field: 'name' })
    expect(matchClient('ental', acme)).toBeNull()
    expect(matchClient('', acme)).toBeNull()
  })
})

describe('matchDevice', () => {
  it('is exact on the whole hostname, or the whole IP or serial main matched', () => {
    expect(matchDevice('WEB-01', { hostname: 'web-01' })).toEqual({
      exact: true,
      score: 0,
      field: null,
    })
    const byIp = { hostname: 'db', matched: { field: 'ip', value: '10.0.0.5', how: 'exact' } }
    expect(matchDevice('10.0.0.5', byIp)).toMatchObject({ exact: true, field: 'ip' })
    expect(
      matchDevice('10.0.0', { ...byIp, matched: { ...byIp.matched, how: 'prefix' } }).exact,
    ).toBe(false)
  })

  it('is not exact on a shared value such as the client or the model', () => {
    const row = { hostname: 'db', matched: { field: 'model', value: 'vm', how: 'exact' } }
    expect(matchDevice('vm', row)).toEqual({ exact: false, score: 0, field: 'model' })
  })
})

describe('matchTicket', () => {
  const row = { number: 'T-7F3A-0042', subject: 'Printer offline in reception' }
  it('says whether the number, the subject or the rest of the text matched', () => {
    expect(matchTicket('t-7f3a-0042', row)).toEqual({ exact: true, score: 0, field: 'number' })
    expect(matchTicket('7f3a', row)).toMatchObject({ exact: false, field: 'number' })
    expect(matchTicket('print off', row)).toMatchObject({ exact: false, field: 'subject' })
    expect(matchTicket('toner', row)).toMatchObject({ exact: false, field: 'text' })
  })
})

describe('rankPalette', () => {
  it('puts exact matches first, then commands, clients, devices, tickets', () => {
    const sections = rankPalette('x', [
      entry('ticket-a', 'ticket', plain(), 0),
      entry('device-a', 'device', plain(), 0),
      entry('device-exact', 'device', exact, 1),
      entry('client-a', 'client', plain(), 0),
      entry('command-a', 'command', plain(1), 0),
      entry('ticket-exact', 'ticket', exact, 1),
    ])
    expect(layout(sections)).toEqual([
      ['Best match', ['device-exact', 'ticket-exact']],
      ['Commands', ['command-a']],
      ['Clients', ['client-a']],
      ['Devices', ['device-a']],
      ['Tickets', ['ticket-a']],
    ])
  })

  it('orders a kind by score, then the source’s order, then the key', () => {
    const sections = rankPalette('x', [
      entry('c', 'command', plain(1), 0),
      entry('b', 'command', plain(3), 2),
      entry('a', 'command', plain(3), 1),
      entry('e', 'device', plain(), 5),
      entry('d', 'device', plain(), 5),
    ])
    expect(layout(sections)).toEqual([
      ['Commands', ['a', 'b', 'c']],
      ['Devices', ['d', 'e']],
    ])
  })

  it('gives the same order whatever order the sources arrive in', () => {
    const entries = [
      entry('t1', 'ticket', plain(), 0),
      entry('d1', 'device', exact, 0),
      entry('k1', 'client', plain(2), 1),
      entry('k2', 'client', plain(2), 0),
      entry('m1', 'command', plain(2), 0),
    ]
    const forward = layout(rankPalette('x', entries))
    expect(layout(rankPalette('x', [...entries].reverse()))).toEqual(forward)
  })

  it('keeps the commands’ own headings as a menu when nothing is typed', () => {
    const sections = rankPalette('', [
      entry('go-clients', 'command', plain(), 0, 'Go to'),
      entry('go-devices', 'command', plain(), 1, 'Go to'),
      entry('theme-dark', 'command', exact, 2, 'View'),
    ])
    expect(layout(sections)).toEqual([
      ['Go to', ['go-clients', 'go-devices']],
      ['View', ['theme-dark']],
    ])
  })
})

describe('markWordStarts', () => {
  it('marks the start of each word a typed word starts, the longest typed word first', () => {
    expect(markWordStarts('St. Hayes Academy', 'aca')).toEqual([
      { text: 'St. Hayes ', marked: false },
      { text: 'Aca', marked: true },
      { text: 'demy', marked: false },
    ])
    expect(markWordStarts('Printer offline', 'p print off')).toEqual([
      { text: 'Print', marked: true },
      { text: 'er ', marked: false },
      { text: 'off', marked: true },
      { text: 'line', marked: false },
    ])
  })

  it('leaves a text nothing matched whole', () => {
    expect(markWordStarts('Acme', 'zz')).toEqual([{ text: 'Acme', marked: false }])
    expect(markWordStarts('Acme', '')).toEqual([{ text: 'Acme', marked: false }])
  })
})
