/**
 * CSV preview and import. Every row is checked (bytes, column count, each mapped cell, client,
 * serial clashes within the file and with the store); all valid rows go in with one
 * transaction, so an import never stops half-way, and rejected rows come back with their row
 * number, reason and text, plus a CSV of them to fix and import again. An import checks and
 * inserts row by row inside that transaction rather than holding every parsed row first.
 */
import type Database from 'better-sqlite3'
import type { CsvRejectedRow, CsvTarget } from '../../../../shared/contract'
import { RpcError } from '../../../../shared/rpc/errors'
import type { DeviceValues } from '../device-values'
import { autoMap, mappingProblems } from './csv-mapping'
import { openCsv, type CsvFile, type CsvRecord, type CsvStream } from './csv-reader'
import { compileRowReader } from './csv-row'
import { csvLine } from './csv-writer'

/** How many rows the preview checks and shows. */
export const PREVIEW_ROWS = 20
/** A preview cell (or header, or row problem) is cut to this many characters. */
export const PREVIEW_CELL_CHARS = 1000
/** The preview's rows stop once their cells hold this many characters together. */
export const PREVIEW_CELLS_CHARS = 256 * 1024
/** A rejected row's text and reason in an import's reply are cut to this many characters. */
export const REJECTED_TEXT_CHARS = 2000
/** Work between two turns of the event loop while a preview reads a large file. */
const STEP_MS = 10

interface ClientRow {
  id: string
  name: string
  short_code: string
}

/** A row that passed every check, ready to insert. */
export interface ValidRow {
  row: number
  values: DeviceValues
  /** A site name that must be found or created under the row's client. */
  siteName: string | null
}

/** A rejected row, with the fields it had. */
interface RejectedRecord extends CsvRejectedRow {
  fields: string[]
}

/** The outcome of checking a file. */
export interface CheckedFile {
  /** The file, with only the checked records when a limit was given. */
  file: CsvFile
  /** Every data record in the file, checked or not. */
  totalRows: number
  mapping: Array<CsvTarget | null>
  valid: ValidRow[]
  rejected: CsvRejectedRow[]
}

/** Knows the clients, to resolve a client column or check the chosen client. */
class ClientDirectory {
  private readonly byKey = new Map<string, string>()
  /** Answers by the cell's exact text: a file names the same few clients on every row. */
  private readonly byText = new Map<string, string | undefined>()

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT id, name, short_code FROM clients').all() as ClientRow[]
    // Names first, so an id or short code that equals another client's name still wins.
    for (const row of rows) this.byKey.set(row.name.toLowerCase(), row.id)
    for (const row of rows) this.byKey.set(row.short_code.toLowerCase(), row.id)
    for (const row of rows) this.byKey.set(row.id.toLowerCase(), row.id)
  }

  resolve(reference: string): string | undefined {
    if (this.byText.has(reference)) return this.byText.get(reference)
    const id = this.byKey.get(reference.trim().toLowerCase())
    this.byText.set(reference, id)
    return id
  }
}

/** Where a serial is already used: a lookup against the store. */
type SerialOwner = (serialLower: string) => string | undefined

/**
 * Checks records under a mapping, handing each valid row to `onValid` as it is found.
 * `serialOwner` tells which stored device has a serial; the file's own duplicates are tracked
 * here (the first occurrence wins, later ones are rejected). Rejected rows keep their fields,
 * for the CSV of rejected rows.
 */
function checkRecords(
  columns: number,
  records: Iterable<CsvRecord>,
  mapping: ReadonlyArray<CsvTarget | null>,
  clients: ClientDirectory,
  fallbackClientId: string | null,
  serialOwner: SerialOwner,
  onValid: (row: ValidRow) => void,
): { rejected: RejectedRecord[] } {
  const rejected: RejectedRecord[] = []
  const serialsInFile = new Map<string, number>()
  const readRow = compileRowReader(mapping)
  /** The row ready to insert, or why it cannot be. */
  const check = (record: CsvRecord): ValidRow | string => {
    if (record.invalidUtf8) {
      return 'The row is not valid UTF-8 text; save the file as CSV UTF-8 and import it again'
    }
    if (record.fields.length !== columns) {
      return `The row has ${record.fields.length} columns; the header has ${columns}`
    }
    if (record.unclosedQuote) return 'A quoted field is never closed (a " is missing)'
    const result = readRow(record.fields)
    if (!result.ok) return result.problems.join('; ')
    const { values, clientRef, siteRef } = result.draft
    const clientId = clientRef !== null ? clients.resolve(clientRef) : fallbackClientId
    if (!clientId) {
      return clientRef !== null
        ? `client: no client has the id, short code or name "${clientRef}"`
        : 'client: the row names no client and none was chosen for the import'
    }
    values.clientId = clientId
    if (values.serial !== null) {
      const key = values.serial.toLowerCase()
      const owner = serialOwner(key)
      if (owner !== undefined) return `serial: ${values.serial} already belongs to ${owner}`
      const earlier = serialsInFile.get(key)
      if (earlier !== undefined) return `serial: ${values.serial} is also on row ${earlier}`
      serialsInFile.set(key, record.row)
    }
    return { row: record.row, values, siteName: siteRef }
  }
  for (const record of records) {
    const outcome = check(record)
    if (typeof outcome === 'string') {
      rejected.push({ row: record.row, reason: outcome, raw: record.raw, fields: record.fields })
    } else onValid(outcome)
  }
  return { rejected }
}

/**
 * What is wrong with the file as a whole under `mapping` (nothing mapped to hostname, no
 * client); a chosen client that does not exist is NOT_FOUND.
 */
function fileProblems(
  db: Database.Database,
  mapping: ReadonlyArray<CsvTarget | null>,
  headers: readonly string[],
  clientId: string | undefined,
): string[] {
  const problems = mappingProblems(mapping, headers)
  if (clientId !== undefined) {
    const exists = db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId)
    if (!exists) throw new RpcError('NOT_FOUND', 'No such client')
  } else if (!mapping.includes('client')) {
    problems.push('Choose a client for the import, or map a column to client')
  }
  return problems
}

interface CheckOptions {
  mapping?: ReadonlyArray<CsvTarget | null> | undefined
  clientId?: string | undefined
}

/** Reads and checks a whole file (or its first rows, for the preview). */
export function checkCsv(
  db: Database.Database,
  bytes: Buffer,
  options: CheckOptions & { limit?: number },
): CheckedFile & { problems: string[] } {
  const stream = openCsv(bytes)
  if (stream.headers.length === 0) throw new RpcError('BAD_REQUEST', 'The file is empty')
  // A preview keeps its few rows and only counts the rest, so a large upload costs no memory.
  const records: CsvRecord[] = []
  let totalRows = 0
  for (const record of stream.records()) {
    if (options.limit === undefined || totalRows < options.limit) records.push(record)
    totalRows += 1
  }
  const serialOwner = options.limit === undefined ? storedSerials(db) : serialLookup(db)
  return checkRead(db, stream, records, totalRows, options, serialOwner)
}

/**
 * The preview: the file's first PREVIEW_ROWS rows checked, and the rest counted. Counting a
 * large upload takes a while, so it goes in steps of STEP_MS with a turn of the event loop
 * between them: other calls, on this connection and others, are answered meanwhile.
 */
export async function previewCsv(
  db: Database.Database,
  bytes: Buffer,
  options: CheckOptions,
): Promise<CheckedFile & { problems: string[] }> {
  const stream = openCsv(bytes)
  if (stream.headers.length === 0) throw new RpcError('BAD_REQUEST', 'The file is empty')
  const records: CsvRecord[] = []
  let totalRows = 0
  let stepStarted = performance.now()
  for (const record of stream.records()) {
    if (totalRows < PREVIEW_ROWS) records.push(record)
    totalRows += 1
    if ((totalRows & 255) === 0 && performance.now() - stepStarted > STEP_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      stepStarted = performance.now()
    }
  }
  return checkRead(db, stream, records, totalRows, options, serialLookup(db))
}

/** What the preview sends back: every part cut to size, and whether anything was cut. */
export function previewReply(checked: CheckedFile & { problems: string[] }) {
  let truncated = false
  const cut = (text: string): string => {
    const short = shorten(text, PREVIEW_CELL_CHARS)
    if (short !== text) truncated = true
    return short
  }
  const reasons = new Map(checked.rejected.map((r) => [r.row, r.reason]))
  const rows: Array<{ row: number; cells: string[]; problems: string[] }> = []
  let chars = 0
  for (const record of checked.file.records) {
    const cells = record.fields.map(cut)
    chars += cells.reduce((sum, cell) => sum + cell.length, 0)
    if (chars > PREVIEW_CELLS_CHARS && rows.length > 0) {
      truncated = true
      break
    }
    const reason = reasons.get(record.row)
    rows.push({ row: record.row, cells, problems: reason === undefined ? [] : [cut(reason)] })
  }
  return {
    headers: checked.file.headers.map(cut),
    delimiter: checked.file.delimiter,
    mapping: checked.mapping,
    problems: checked.problems.map(cut),
    totalRows: checked.totalRows,
    rows,
    truncated,
  }
}

/** Checks the records read from `stream` (all of them, or a preview's first ones). */
function checkRead(
  db: Database.Database,
  stream: CsvStream,
  records: CsvRecord[],
  totalRows: number,
  options: CheckOptions,
  serialOwner: SerialOwner,
): CheckedFile & { problems: string[] } {
  const { headers, delimiter } = stream
  const file: CsvFile = { headers, delimiter, records }
  const mapping = options.mapping ? [...options.mapping] : autoMap(file.headers)
  const problems = fileProblems(db, mapping, headers, options.clientId)
  const valid: ValidRow[] = []
  const { rejected } =
    problems.length > 0
      ? { rejected: [] }
      : checkRecords(
          file.headers.length,
          records,
          mapping,
          new ClientDirectory(db),
          options.clientId ?? null,
          serialOwner,
          (row) => valid.push(row),
        )
  return { file, totalRows, mapping, valid, rejected: rejected.map(withoutFields), problems }
}

const withoutFields = ({ row, reason, raw }: RejectedRecord): CsvRejectedRow => ({
  row,
  reason,
  raw,
})

/** What an import did with a file. */
export interface ImportOutcome {
  imported: number
  rejected: CsvRejectedRow[]
  rejectedCsv: string | null
}

/**
 * Imports a file: its mapping is checked first (a problem there is an error and imports
 * nothing), then every row, each valid one going to `insert` as soon as it is checked. The
 * caller runs this inside its transaction, and `load` gets the number of rows to expect
 * before any is inserted (to choose how to load them).
 */
export function importCsv(
  db: Database.Database,
  bytes: Buffer,
  options: { mapping: ReadonlyArray<CsvTarget | null>; clientId?: string | undefined },
  load: (expectedRows: number, eachRow: (insert: (row: ValidRow) => void) => void) => void,
): ImportOutcome {
  const file = openCsv(bytes)
  if (file.headers.length === 0) throw new RpcError('BAD_REQUEST', 'The file is empty')
  const mapping = [...options.mapping]
  const problems = fileProblems(db, mapping, file.headers, options.clientId)
  if (problems.length > 0) throw new RpcError('BAD_REQUEST', problems.join('; '))
  const clients = new ClientDirectory(db)
  const serialOwner = storedSerials(db)
  let imported = 0
  let rejected: RejectedRecord[] = []
  load(file.estimatedRecords(), (insert) => {
    rejected = checkRecords(
      file.headers.length,
      file.records(),
      mapping,
      clients,
      options.clientId ?? null,
      serialOwner,
      (row) => {
        insert(row)
        imported += 1
      },
    ).rejected
  })
  return {
    imported,
    // The download keeps every rejected row whole; the list only has to be readable.
    rejected: rejected.map((r) => ({
      row: r.row,
      reason: shorten(r.reason, REJECTED_TEXT_CHARS),
      raw: shorten(r.raw, REJECTED_TEXT_CHARS),
    })),
    rejectedCsv: rejectedRowsCsv(file.headers, rejected),
  }
}

const shorten = (text: string, chars: number): string =>
  text.length <= chars ? text : `${text.slice(0, chars - 1)}…`

/** Every stored serial, lower-cased, with its device: one scan for a whole import. */
function storedSerials(db: Database.Database): SerialOwner {
  const owners = new Map<string, string>()
  const rows = db
    .prepare('SELECT lower(serial) AS serial, hostname FROM devices WHERE serial IS NOT NULL')
    .raw()
    .iterate() as IterableIterator<[string, string]>
  for (const [serial, hostname] of rows) if (!owners.has(serial)) owners.set(serial, hostname)
  return (serial) => owners.get(serial)
}

/** One indexed lookup per serial, for a preview of a few rows. */
function serialLookup(db: Database.Database): SerialOwner {
  const statement = db
    .prepare<[string], string>('SELECT hostname FROM devices WHERE serial = ? COLLATE NOCASE')
    .pluck()
  return (serial) => statement.get(serial)
}

/** The rejected rows as CSV: the original columns plus an Error column and the row. */
function rejectedRowsCsv(headers: readonly string[], rejected: readonly RejectedRecord[]) {
  if (rejected.length === 0) return null
  let out = csvLine([...headers, 'Error', 'Row'])
  for (const item of rejected) out += csvLine([...item.fields, item.reason, item.row])
  return out
}
