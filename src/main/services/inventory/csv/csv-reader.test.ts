import { describe, expect, it } from 'vitest'
import { csvCell, csvLine } from './csv-writer'
import { readCsv } from './csv-reader'
import {
  ipList,
  macList,
  memorySize,
  role,
  slashDateOrder,
  timestamp,
  wallTimeIn,
  zonelessTime,
} from './csv-cells'

const read = (text: string | Buffer) => readCsv(typeof text === 'string' ? Buffer.from(text) : text)

describe('CSV reader', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const file = read('a,b,c\r\n"x, y","say ""hi""","line 1\nline 2"\r\nplain,,end\n')
    expect(file.headers).toEqual(['a', 'b', 'c'])
    expect(file.records.map((r) => [r.row, r.fields])).toEqual([
      [2, ['x, y', 'say "hi"', 'line 1\nline 2']],
      [3, ['plain', '', 'end']],
    ])
  })

  it('numbers rows like a spreadsheet: the header is 1 and blank lines count', () => {
    const file = read('h\n\nfirst\n\n\nsecond')
    expect(file.records.map((r) => [r.row, r.fields[0]])).toEqual([
      [3, 'first'],
      [6, 'second'],
    ])
  })

  it('guesses semicolons and tabs from the header', () => {
    expect(read('a;b;c\n1;2,5;3').records[0]?.fields).toEqual(['1', '2,5', '3'])
    expect(read('a\tb\n1\t2').delimiter).toBe('\t')
  })

  it('drops a UTF-8 byte order mark and reads UTF-16 with one', () => {
    expect(read(Buffer.from('\uFEFFHostname\nx')).headers).toEqual(['Hostname'])
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Name\tIP\r\nPC-1\t10.0.0.1', 'utf16le'),
    ])
    expect(read(utf16).records[0]?.fields).toEqual(['PC-1', '10.0.0.1'])
  })

  it('flags the record whose bytes are not UTF-8, and only that one', () => {
    const bytes = Buffer.concat([
      Buffer.from('h\nok\n'),
      Buffer.from([0x62, 0xff, 0x61, 0x64]),
      Buffer.from('\nfine ü\n'),
    ])
    expect(read(bytes).records.map((r) => [r.row, r.invalidUtf8])).toEqual([
      [2, false],
      [3, true],
      [4, false],
    ])
  })

  it('reports a quote that is never closed', () => {
    const file = read('a,b\n1,"never closed\n2,3\n')
    expect(file.records).toHaveLength(1)
    expect(file.records[0]?.unclosedQuote).toBe(true)
  })

  it('writes cells that read back the same, and defuses formulas', () => {
    const values = ['plain', 'with, comma', 'say "hi"', 'two\nlines', ' padded ']
    expect(read(`h1,h2,h3,h4,h5\r\n${csvLine(values)}`).records[0]?.fields).toEqual(values)
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell(-5)).toBe('-5')
  })
})

describe('CSV cells', () => {
  it('reads memory sizes with and without units', () => {
    expect(memorySize('16 GB')).toEqual({ ok: true, value: 16 * 1024 ** 3 })
    expect(memorySize('16')).toEqual({ ok: true, value: 16 * 1024 ** 3 })
    expect(memorySize('8192MB')).toEqual({ ok: true, value: 8 * 1024 ** 3 })
    expect(memorySize('17179869184')).toEqual({ ok: true, value: 17179869184 })
    expect(memorySize('1,5 TB')).toEqual({ ok: true, value: 1.5 * 1024 ** 4 })
    expect(memorySize('16 GiB')).toMatchObject({ ok: true })
    expect(memorySize('lots')).toMatchObject({ ok: false })
  })

  it('reads ISO and US dates as UTC, and rejects impossible ones', () => {
    expect(timestamp('2025-03-04')).toEqual({ ok: true, value: Date.UTC(2025, 2, 4) })
    expect(timestamp('2025-03-04 14:05')).toEqual({ ok: true, value: Date.UTC(2025, 2, 4, 14, 5) })
    expect(timestamp('2025-03-04T14:05:00+02:00')).toEqual({
      ok: true,
      value: Date.UTC(2025, 2, 4, 12, 5),
    })
    expect(timestamp('3/4/2025 2:05 PM')).toEqual({ ok: true, value: Date.UTC(2025, 2, 4, 14, 5) })
    expect(timestamp('2025-02-30')).toMatchObject({ ok: false })
    expect(timestamp('13/13/2025')).toMatchObject({ ok: false })
    expect(timestamp('yesterday')).toMatchObject({ ok: false })
  })

  it('reads slash dates day first when told, and says which order a date decides', () => {
    expect(timestamp('25/3/2025 14:05', 'dmy')).toEqual({
      ok: true,
      value: Date.UTC(2025, 2, 25, 14, 5),
    })
    expect(timestamp('3/4/2025', 'dmy')).toEqual({ ok: true, value: Date.UTC(2025, 3, 3) })
    expect(timestamp('3/25/2025', 'dmy')).toMatchObject({ ok: false })
    expect(slashDateOrder('25/03/2025')).toBe('dmy')
    expect(slashDateOrder('03/25/2025 1:00 PM')).toBe('mdy')
    expect(slashDateOrder('03/04/2025')).toBe('either')
    expect(slashDateOrder('2025-03-04')).toBeNull()
  })

  it('tells times without a zone, and reads a wall-clock time in a zone', () => {
    expect(zonelessTime('2025-03-04 14:05')).toBe(true)
    expect(zonelessTime('4/3/2025 2:05 PM')).toBe(true)
    expect(zonelessTime('2025-03-04T14:05:00Z')).toBe(false)
    expect(zonelessTime('2025-03-04')).toBe(false)
    expect(wallTimeIn(Date.UTC(2026, 0, 13, 17), 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 13, 16))
    expect(wallTimeIn(Date.UTC(2026, 6, 13, 17), 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 13, 15))
    // 02:30 on the spring-forward night does not exist in Berlin: it reads as 03:30.
    expect(wallTimeIn(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    )
  })

  it('reads what toISOString writes exactly, and words impossible dates in that form', () => {
    for (const ms of [
      0,
      1_700_000_000_123,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      951_782_400_000,
    ]) {
      expect(timestamp(new Date(ms).toISOString())).toEqual({ ok: true, value: ms })
      expect(timestamp(new Date(ms).toISOString().slice(0, 10))).toEqual({
        ok: true,
        value: ms - (ms % 86_400_000),
      })
    }
    expect(timestamp('2025-02-30T10:00:00.000Z')).toEqual({
      ok: false,
      reason: '"2025-02-30T10:00:00.000Z" is not a real date',
    })
    expect(timestamp('2025-13-01')).toEqual({
      ok: false,
      reason: '"2025-13-01" is not a real date',
    })
    expect(timestamp('2025-01-01T24:00:00.000Z')).toMatchObject({ ok: false })
    expect(timestamp('2025-01-01T10:00:00.000+02:00')).toEqual({
      ok: true,
      value: Date.UTC(2025, 0, 1, 8),
    })
  })

  it('reads address lists, MACs and roles', () => {
    expect(ipList('10.0.0.1; 10.0.0.2 | fe80::1%en0')).toEqual({
      ok: true,
      value: ['10.0.0.1', '10.0.0.2', 'fe80::1'],
    })
    expect(ipList('10.0.0.256')).toMatchObject({ ok: false })
    expect(ipList('2001:DB8::1 10.0.0.1')).toEqual({ ok: true, value: ['2001:db8::1', '10.0.0.1'] })
    expect(macList('aa:bb:cc:dd:ee:ff AA:BB:CC:DD:EE:0F')).toEqual({
      ok: true,
      value: ['aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:0f'],
    })
    expect(macList('aa:bb:cc:dd:ee:fg')).toEqual({
      ok: false,
      reason: '"aa:bb:cc:dd:ee:fg" is not a MAC address',
    })
    expect(macList('AA-BB-CC-DD-EE-FF, aabb.ccdd.eeff')).toEqual({
      ok: true,
      value: ['aa:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff'],
    })
    expect(role('Laptop')).toEqual({ ok: true, value: 'workstation' })
    expect(role('Access Point')).toEqual({ ok: true, value: 'network' })
    expect(role('toaster')).toMatchObject({ ok: false })
  })
})
