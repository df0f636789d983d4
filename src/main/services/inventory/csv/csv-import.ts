/**
 * CSV preview and import. Every row is checked first (bytes, column count, each mapped cell,
 * client, serial clashes within the file and with the store); then all valid rows go in with
 * one transaction, so an import never stops half-way, and rejected rows come back with their
 * row number, reason and text, plus a CSV of them to fix and import again.
 */
import type Database from 'better-sqlite3'
import type { CsvRejectedRow, CsvTarget } from '../../../../shared/contract'
import { RpcError } from '../../../../shared/rpc/errors'
import type { DeviceValues } from '../device-values'
import { autoMap, mappingProblems } from './csv-mapping'
import { readCsv, type CsvFile, type CsvRecord } from './csv-reader'
import { compileRowReader } from './csv-row'
import { csvLine } from './csv-writer'

/** How many rows the preview checks and shows. */
export const PREVIEW_ROWS = 20

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

/** The outcome of checking a file. */
export interface CheckedFile {
  file: CsvFile
  mapping: Array<CsvTarget | null>
  valid: ValidRow[]
  rejected: CsvRejectedRow[]
}

/** Knows the clients, to resolve a client column or check the chosen client. */
class ClientDirectory {
  private readonly byKey = new Map<string, string>()

  constructor(db: Database.Database) {
    const rows = db.prepare('SELECT id, name, short_code FROM clients').all() as ClientRow[]
    // Names first, so an id or short code that equals another client's name still wins.
    for (const row of rows) this.byKey.set(row.name.toLowerCase(), row.id)
    for (const row of rows) this.byKey.set(row.short_code.toLowerCase(), row.id)
    for (const row of rows) this.byKey.set(row.id.toLowerCase(), row.id)
  }

  resolve(reference: string): string | undefined {
    return this.byKey.get(reference.trim().toLowerCase())
  }
}

/** Where a serial is already used: a lookup against the store. */
type SerialOwner = (serialLower: string) => string | undefined

/**
 * Checks records under a mapping. `serialOwner` tells which stored device has a serial; the
 * file's own duplicates are tracked here (the first occurrence wins, later ones are rejected).
 */
function checkRecords(
  file: CsvFile,
  records: readonly CsvRecord[],
  mapping: ReadonlyArray<CsvTarget | null>,
  clients: ClientDirectory,
  fallbackClientId: string | null,
  serialOwner: SerialOwner,
): { valid: ValidRow[]; rejected: CsvRejectedRow[] } {
  const valid: ValidRow[] = []
  const rejected: CsvRejectedRow[] = []
  const serialsInFile = new Map<string, number>()
  const columns = file.headers.length
  const readRow = compileRowReader(mapping)
  for (const record of records) {
    const reject = (reason: string): void => {
      rejected.push({ row: record.row, reason, raw: record.raw })
    }
    if (record.invalidUtf8) {
      reject('The row is not valid UTF-8 text; save the file as CSV UTF-8 and import it again')
      continue
    }
    if (record.fields.length !== columns) {
      reject(`The row has ${record.fields.length} columns; the header has ${columns}`)
      continue
    }
    if (record.unclosedQuote) {
      reject('A quoted field is never closed (a " is missing)')
      continue
    }
    const result = readRow(record.fields)
    if (!result.ok) {
      reject(result.problems.join('; '))
      continue
    }
    const { values, clientRef, siteRef } = result.draft
    const clientId = clientRef !== null ? clients.resolve(clientRef) : fallbackClientId
    if (!clientId) {
      reject(
        clientRef !== null
          ? `client: no client has the id, short code or name "${clientRef}"`
          : 'client: the row names no client and none was chosen for the import',
      )
      continue
    }
    values.clientId = clientId
    if (values.serial !== null) {
      const key = values.serial.toLowerCase()
      const owner = serialOwner(key)
      if (owner !== undefined) {
        reject(`serial: ${values.serial} already belongs to ${owner}`)
        continue
      }
      const earlier = serialsInFile.get(key)
      if (earlier !== undefined) {
        reject(`serial: ${values.serial} is also on row ${earlier}`)
        continue
      }
      serialsInFile.set(key, record.row)
    }
    valid.push({ row: record.row, values, siteName: siteRef })
  }
  return { valid, rejected }
}

/** Reads and checks a whole file (or its first rows, for the preview). */
export function checkCsv(
  db: Database.Database,
  bytes: Buffer,
  options: {
    mapping?: ReadonlyArray<CsvTarget | null> | undefined
    clientId?: string | undefined
    limit?: number
  },
): CheckedFile & { problems: string[] } {
  const file = readCsv(bytes)
  if (file.headers.length === 0) throw new RpcError('BAD_REQUEST', 'The file is empty')
  const mapping = options.mapping ? [...options.mapping] : autoMap(file.headers)
  const problems = mappingProblems(mapping, file.headers)
  const clientMapped = mapping.includes('client')
  if (options.clientId !== undefined) {
    const exists = db.prepare('SELECT 1 FROM clients WHERE id = ?').get(options.clientId)
    if (!exists) throw new RpcError('NOT_FOUND', 'No such client')
  } else if (!clientMapped) {
    problems.push('Choose a client for the import, or map a column to client')
  }
  const records = options.limit === undefined ? file.records : file.records.slice(0, options.limit)
  const serialOwner = options.limit === undefined ? storedSerials(db) : serialLookup(db)
  const { valid, rejected } =
    problems.length > 0
      ? { valid: [], rejected: [] }
      : checkRecords(
          file,
          records,
          mapping,
          new ClientDirectory(db),
          options.clientId ?? null,
          serialOwner,
        )
  return { file, mapping, valid, rejected, problems }
}

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

/** The rejected rows as CSV: the original columns plus an Error column. */
export function rejectedCsv(file: CsvFile, rejected: readonly CsvRejectedRow[]): string | null {
  if (rejected.length === 0) return null
  const byRow = new Map(file.records.map((r) => [r.row, r]))
  let out = csvLine([...file.headers, 'Error', 'Row'])
  for (const item of rejected) {
    const fields = byRow.get(item.row)?.fields ?? [item.raw]
    out += csvLine([...fields, item.reason, item.row])
  }
  return out
}
