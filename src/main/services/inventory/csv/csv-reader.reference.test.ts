/**
 * The reader splits decoded text for speed. This keeps it honest against the plain reading:
 * a byte-by-byte reader that decodes every field from its bytes, run on random files made of
 * the characters that matter (delimiters, quotes, line ends, multi-byte and broken UTF-8).
 */
import { isUtf8 } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { Random } from '../../../../shared/base/seeded-random'
import { readCsv, type CsvFile, type CsvRecord } from './csv-reader'

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/** The byte-level reader, for files without a BOM, with the delimiter given. */
function referenceRead(bytes: Buffer, delimiter: CsvFile['delimiter']): CsvFile {
  const delimiterByte = delimiter.charCodeAt(0)
  const records: CsvRecord[] = []
  let headers: string[] | null = null
  let row = 0
  let i = 0
  const end = bytes.length
  while (i < end) {
    const recordStart = i
    const fields: string[] = []
    let unclosedQuote = false
    for (;;) {
      let value: string
      if (bytes[i] === QUOTE) {
        let j = i + 1
        let hasDoubled = false
        for (;;) {
          const next = bytes.indexOf(QUOTE, j)
          if (next < 0) {
            j = end
            unclosedQuote = true
            break
          }
          if (bytes[next + 1] === QUOTE) {
            hasDoubled = true
            j = next + 2
            continue
          }
          j = next
          break
        }
        value = bytes.toString('utf8', i + 1, Math.min(j, end))
        if (hasDoubled) value = value.replace(/""/g, '"')
        i = Math.min(j + 1, end)
        const after = i
        while (i < end && bytes[i] !== delimiterByte && bytes[i] !== LF && bytes[i] !== CR) i++
        if (i > after) value += bytes.toString('utf8', after, i)
      } else {
        const start = i
        while (i < end && bytes[i] !== delimiterByte && bytes[i] !== LF && bytes[i] !== CR) i++
        value = bytes.toString('utf8', start, i)
      }
      fields.push(value)
      if (i < end && bytes[i] === delimiterByte) i++
      else break
    }
    const recordEnd = i
    if (i < end && bytes[i] === CR) i++
    if (i < end && bytes[i] === LF) i++
    row += 1
    const blank = fields.length === 1 && fields[0] === ''
    if (headers === null) {
      if (!blank) headers = fields.map((h) => h.trim())
      continue
    }
    if (blank) continue
    const slice = bytes.subarray(recordStart, recordEnd)
    records.push({
      row,
      fields,
      raw: slice.toString('utf8'),
      invalidUtf8: !isUtf8(slice),
      unclosedQuote,
    })
  }
  return { delimiter, headers: headers ?? [], records }
}

const PIECES: Buffer[] = [
  ...['a', 'Host', ' x ', ',', ',', ';', '\t', '"', '""', '\r\n', '\n', '\r', 'é', '€', '😀'].map(
    (s) => Buffer.from(s),
  ),
  Buffer.from([0xff]), // never valid
  Buffer.from([0xe9]), // Latin-1 é
  Buffer.from([0xe2, 0x82]), // a cut-off three-byte character
]

function randomFile(random: Random): Buffer {
  const length = random.int(0, 60)
  const parts: Buffer[] = [Buffer.from('h1,h2\n')]
  for (let i = 0; i < length; i++) parts.push(random.pick(PIECES))
  return Buffer.concat(parts)
}

describe('CSV reader against a byte-by-byte reading', () => {
  it('gives the same headers, fields, rows and flags on random files', () => {
    const random = new Random(20_251_123)
    for (let n = 0; n < 5000; n++) {
      const bytes = randomFile(random)
      const file = readCsv(bytes)
      expect({ n, ...file }).toEqual({ n, ...referenceRead(bytes, file.delimiter) })
    }
  })
})
