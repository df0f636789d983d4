/**
 * Reads CSV bytes as spreadsheets write them (RFC 4180 plus what Excel and RMM exports do):
 * comma, semicolon or tab (guessed from the header), quoted fields with doubled quotes and
 * line breaks inside, CRLF or LF, a UTF-8 byte order mark, UTF-16 files with a BOM. It works on
 * bytes, so a record with bytes that are not UTF-8 is reported with its row number instead of
 * being silently turned into replacement characters.
 */
import { isUtf8 } from 'node:buffer'

/** One record. `row` counts from the header's 1, blank lines included, as spreadsheets do. */
export interface CsvRecord {
  row: number
  fields: string[]
  /** The record's text as it was in the file (invalid bytes shown as U+FFFD). */
  raw: string
  /** Set when the record's bytes are not valid UTF-8. */
  invalidUtf8: boolean
  /** Set when the file ended inside a quoted field. */
  unclosedQuote: boolean
}

/** A whole file, split. */
export interface CsvFile {
  delimiter: ',' | ';' | '\t'
  headers: string[]
  /** Data records (blank lines dropped), in file order. */
  records: CsvRecord[]
}

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/** The bytes of a payload sent as text or base64. */
export function payloadBytes(payload: { text?: string | undefined; base64?: string | undefined }) {
  if (payload.base64 !== undefined) return Buffer.from(payload.base64, 'base64')
  return Buffer.from(payload.text ?? '', 'utf8')
}

/** UTF-8 bytes without a BOM; UTF-16 (recognised by its BOM) is converted. */
function normaliseEncoding(bytes: Buffer): Buffer {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return Buffer.from(bytes.subarray(2).toString('utf16le'), 'utf8')
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2))
    swapped.swap16()
    return Buffer.from(swapped.toString('utf16le'), 'utf8')
  }
  return bytes
}

/** The delimiter the header line uses most, outside quotes. */
function guessDelimiter(bytes: Buffer): CsvFile['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (b === QUOTE) quoted = !quoted
    else if (!quoted && (b === LF || b === CR)) break
    else if (!quoted && b === 0x2c) counts[',']++
    else if (!quoted && b === 0x3b) counts[';']++
    else if (!quoted && b === 0x09) counts['\t']++
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';'
  if (counts['\t'] > counts[',']) return '\t'
  return ','
}

/**
 * Splits `input` into header and records.
 *
 * The structure (delimiters, quotes, line ends) is ASCII, which UTF-8 never uses inside a
 * multi-byte character, so records can be found in decoded text. A valid file (the usual case)
 * is decoded once and split into slices of that one string, which is several times faster than
 * decoding every field from the bytes. A file with invalid bytes is split as Latin-1 text, where
 * one character is one byte: each field is then decoded from its own bytes, so only the
 * records whose bytes are broken are flagged.
 */
export function readCsv(input: Buffer): CsvFile {
  const bytes = normaliseEncoding(input)
  const delimiter = guessDelimiter(bytes)
  if (isUtf8(bytes)) return splitRecords(bytes.toString('utf8'), delimiter, null)
  return splitRecords(bytes.toString('latin1'), delimiter, (latin1) =>
    Buffer.from(latin1, 'latin1'),
  )
}

/**
 * Splits decoded text. `bytesOf` is set when `text` is Latin-1 standing for bytes that are not
 * all valid UTF-8; it gives back those bytes.
 */
function splitRecords(
  text: string,
  delimiter: CsvFile['delimiter'],
  bytesOf: ((latin1: string) => Buffer) | null,
): CsvFile {
  const delimiterCode = delimiter.charCodeAt(0)
  const decode = (start: number, end: number): string =>
    bytesOf === null ? text.slice(start, end) : bytesOf(text.slice(start, end)).toString('utf8')
  const records: CsvRecord[] = []
  let headers: string[] | null = null
  let row = 0

  let i = 0
  const end = text.length
  while (i < end) {
    const recordStart = i
    const fields: string[] = []
    let unclosedQuote = false
    for (;;) {
      let value: string
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the quote not followed by another quote.
        let j = i + 1
        let hasDoubled = false
        for (;;) {
          const next = text.indexOf('"', j)
          if (next < 0) {
            j = end
            unclosedQuote = true
            break
          }
          if (text.charCodeAt(next + 1) === QUOTE) {
            hasDoubled = true
            j = next + 2
            continue
          }
          j = next
          break
        }
        value = decode(i + 1, Math.min(j, end))
        if (hasDoubled) value = value.replace(/""/g, '"')
        i = Math.min(j + 1, end)
        // Anything between the closing quote and the delimiter is kept, as Excel does.
        const after = i
        i = fieldEnd(text, i, delimiterCode)
        if (i > after) value += decode(after, i)
      } else {
        const start = i
        i = fieldEnd(text, i, delimiterCode)
        value = decode(start, i)
      }
      fields.push(value)
      // After a delimiter the next pass reads the following field, an empty one at the end.
      if (i < end && text.charCodeAt(i) === delimiterCode) i++
      else break
    }
    const recordEnd = i
    if (i < end && text.charCodeAt(i) === CR) i++
    if (i < end && text.charCodeAt(i) === LF) i++
    row += 1
    const blank = fields.length === 1 && fields[0] === ''
    if (headers === null) {
      if (blank) continue
      headers = fields.map((h) => h.trim())
      continue
    }
    if (blank) continue
    const raw = text.slice(recordStart, recordEnd)
    records.push({
      row,
      fields,
      raw: bytesOf === null ? raw : bytesOf(raw).toString('utf8'),
      invalidUtf8: bytesOf !== null && !isUtf8(bytesOf(raw)),
      unclosedQuote,
    })
  }
  return { delimiter, headers: headers ?? [], records }
}

/** Where the unquoted run starting at `i` ends: a delimiter, a line end or the text's end. */
function fieldEnd(text: string, i: number, delimiterCode: number): number {
  const end = text.length
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c === delimiterCode || c === LF || c === CR) return i
    i++
  }
  return end
}
