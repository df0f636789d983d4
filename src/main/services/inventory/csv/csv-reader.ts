/**
 * Reads CSV bytes as spreadsheets write them (RFC 4180 plus what Excel and RMM exports do):
 * comma, semicolon or tab (guessed from the header), quoted fields with doubled quotes and
 * line breaks inside, CRLF or LF, a UTF-8 byte order mark, UTF-16 files with a BOM. It works on
 * bytes, so a record with bytes that are not UTF-8 is reported with its row number instead of
 * being silently turned into replacement characters.
 */
import { isUtf8 } from 'node:buffer'
import { CSV_MAX_COLUMNS } from '../../../../shared/contract'
import { DomainError } from '../../../../shared/domain/errors'

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

/** How far into the header line the delimiter is guessed: a real header is far shorter. */
const GUESS_BYTES = 64 * 1024

/** The delimiter the header line uses most, outside quotes. */
function guessDelimiter(bytes: Buffer): CsvFile['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  const end = Math.min(bytes.length, GUESS_BYTES)
  for (let i = 0; i < end; i++) {
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

/** A file's header, and its records one at a time (an import need not hold them all). */
export interface CsvStream {
  delimiter: CsvFile['delimiter']
  headers: string[]
  /** Data records (blank lines dropped), in file order; read once. */
  records(): IterableIterator<CsvRecord>
  /** About how many records there are (line breaks), before reading them. */
  estimatedRecords(): number
}

/**
 * Opens `input`: the header is read now, the records as they are asked for.
 *
 * The structure (delimiters, quotes, line ends) is ASCII, which UTF-8 never uses inside a
 * multi-byte character, so records can be found in decoded text. A valid file (the usual case)
 * is decoded once and split into slices of that one string, which is several times faster than
 * decoding every field from the bytes. A file with invalid bytes is split as Latin-1 text, where
 * one character is one byte: each field is then decoded from its own bytes, so only the
 * records whose bytes are broken are flagged.
 */
export function openCsv(input: Buffer): CsvStream {
  const bytes = normaliseEncoding(input)
  const delimiter = guessDelimiter(bytes)
  const splitter = isUtf8(bytes)
    ? new RecordSplitter(bytes.toString('utf8'), delimiter, null)
    : new RecordSplitter(bytes.toString('latin1'), delimiter, (latin1) =>
        Buffer.from(latin1, 'latin1'),
      )
  let headers: string[] = []
  for (let record = splitter.next(); record !== null; record = splitter.next()) {
    if (isBlank(record.fields)) continue
    headers = record.fields.map((h) => h.trim())
    break
  }
  return {
    delimiter,
    headers,
    estimatedRecords: () => countLineBreaks(bytes),
    *records() {
      for (let record = splitter.next(); record !== null; record = splitter.next()) {
        if (!isBlank(record.fields)) yield record
      }
    },
  }
}

function countLineBreaks(bytes: Buffer): number {
  let lineBreaks = 0
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) lineBreaks++
  return lineBreaks
}

/** Splits `input` into header and records. */
export function readCsv(input: Buffer): CsvFile {
  const stream = openCsv(input)
  return { delimiter: stream.delimiter, headers: stream.headers, records: [...stream.records()] }
}

const isBlank = (fields: readonly string[]): boolean => fields.length === 1 && fields[0] === ''

/**
 * Splits decoded text into records, blank ones included. `bytesOf` is set when `text` is
 * Latin-1 standing for bytes that are not all valid UTF-8; it gives back those bytes.
 */
class RecordSplitter {
  private i = 0
  private row = 0
  private readonly delimiterCode: number

  constructor(
    private readonly text: string,
    delimiter: CsvFile['delimiter'],
    private readonly bytesOf: ((latin1: string) => Buffer) | null,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0)
  }

  next(): CsvRecord | null {
    const { text, delimiterCode } = this
    const end = text.length
    let i = this.i
    if (i >= end) return null
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
        value = this.decode(i + 1, Math.min(j, end))
        if (hasDoubled) value = value.replace(/""/g, '"')
        i = Math.min(j + 1, end)
        // Anything between the closing quote and the delimiter is kept, as Excel does.
        const after = i
        i = fieldEnd(text, i, delimiterCode)
        if (i > after) value += this.decode(after, i)
      } else {
        const start = i
        i = fieldEnd(text, i, delimiterCode)
        value = this.decode(start, i)
      }
      fields.push(value)
      // Refused before the row is read whole: a line of commas would otherwise become millions
      // of fields (and a reply to match) before any check could see it.
      if (fields.length > CSV_MAX_COLUMNS) {
        throw new DomainError(
          'invalid',
          `Row ${this.row + 1} has more than ${CSV_MAX_COLUMNS} columns; a file may have at most ${CSV_MAX_COLUMNS}`,
        )
      }
      // After a delimiter the next pass reads the following field, an empty one at the end.
      if (i < end && text.charCodeAt(i) === delimiterCode) i++
      else break
    }
    const recordEnd = i
    if (i < end && text.charCodeAt(i) === CR) i++
    if (i < end && text.charCodeAt(i) === LF) i++
    this.i = i
    this.row += 1
    const raw = text.slice(recordStart, recordEnd)
    const { bytesOf } = this
    return {
      row: this.row,
      fields,
      raw: bytesOf === null ? raw : bytesOf(raw).toString('utf8'),
      invalidUtf8: bytesOf !== null && !isUtf8(bytesOf(raw)),
      unclosedQuote,
    }
  }

  private decode(start: number, end: number): string {
    const slice = this.text.slice(start, end)
    return this.bytesOf === null ? slice : this.bytesOf(slice).toString('utf8')
  }
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
