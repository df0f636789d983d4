/**
 * CSV preview and import. Every row is checked (bytes, column count, each mapped cell, client,
 * serial clashes within the file and with the store); all valid rows go in with one
 * transaction, so an import never stops half-way, and rejected rows come back with their row
 * number, reason and text, plus a CSV of them to fix and import again. Reading and checking a
 * large file takes a while, so it goes in steps with turns of the event loop between them (the
 * host answers other calls meanwhile); only the insert of the checked rows holds the host, and
 * the row limit of an import keeps that short.
 */
import type Database from 'better-sqlite3'
import {
  CSV_IMPORT_MAX_ROWS,
  CSV_REJECTED_KEPT_ROWS,
  type CsvFieldChange,
  type CsvImportMode,
  type CsvNewClient,
  type CsvRejectedRow,
  type CsvTarget,
} from '../../../../shared/contract'
import { DomainError } from '../../../../shared/domain/errors'
import { blankDevice, type DeviceValues } from '../device-values'
import { DeviceWriter } from '../device-writes'
import { autoMap, mappingProblems } from './csv-mapping'
import { openCsv, type CsvFile, type CsvRecord, type CsvStream } from './csv-reader'
import { newClientProblems, pendingClientId, UnknownClients } from './csv-new-clients'
import { slashDateOrder, wallTimeIn, zonelessTime, type DateOrder } from './csv-cells'
import { compileRowReader, DATE_TARGETS } from './csv-row'
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
  /** The record it came from, in case the store changed meanwhile and it must be rejected. */
  record: CsvRecord
  /** In update mode, the existing device the row matched; absent: the row creates one. */
  update?: RowUpdate
}

/** What an update-mode row does to the device it matched. */
export interface RowUpdate {
  deviceId: string
  /** The fields the row fills (a blank cell leaves its field as it is). */
  patch: Partial<DeviceValues>
  /** The fields that differ from the stored device when the file was checked. */
  changes: CsvFieldChange[]
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

  /** Clients the import will create, matched by name or short code until then. */
  withPending(newClients: readonly CsvNewClient[] | undefined): this {
    newClients?.forEach((client, index) => {
      for (const key of [client.name, client.shortCode]) {
        const lower = key.trim().toLowerCase()
        if (!this.byKey.has(lower)) this.byKey.set(lower, pendingClientId(index))
      }
    })
    this.byText.clear()
    return this
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

/** The row ready to insert, or why it cannot be. */
type RecordCheck = (record: CsvRecord) => ValidRow | string

/**
 * Checks records under a mapping, one at a time in file order. `serialOwner` tells which stored
 * device has a serial; the file's own duplicates are tracked here (the first occurrence wins,
 * later ones are rejected).
 */
function recordChecker(
  columns: number,
  mapping: ReadonlyArray<CsvTarget | null>,
  clients: ClientDirectory,
  fallbackClientId: string | null,
  serialOwner: SerialOwner,
  matcher: DeviceMatcher | null,
  dateOrder: DateOrder,
  zones: RowZones,
): RecordCheck {
  const serialsInFile = new Map<string, number>()
  const devicesInFile = new Map<string, number>()
  const readRow = compileRowReader(mapping, dateOrder)
  return (record) => {
    if (record.invalidUtf8) {
      return 'The row is not valid UTF-8 text; save the file as CSV UTF-8 and import it again'
    }
    if (record.fields.length !== columns) {
      return `The row has ${record.fields.length} columns; the header has ${columns}`
    }
    if (record.unclosedQuote) return 'A quoted field is never closed (a " is missing)'
    const result = readRow(record.fields)
    if (!result.ok) return result.problems.join('; ')
    const { values, clientRef, siteRef, zoneless } = result.draft
    const clientId = clientRef !== null ? clients.resolve(clientRef) : fallbackClientId
    if (!clientId) {
      return clientRef !== null
        ? `client: no client has the id, short code or name "${clientRef}"`
        : 'client: the row names no client and none was chosen for the import'
    }
    values.clientId = clientId
    let matched: MatchedDevice | null = null
    if (matcher !== null) {
      const found = matcher.match(values)
      if (typeof found === 'string') return found
      matched = found
      if (matched !== null) {
        const earlier = devicesInFile.get(matched.id)
        if (earlier !== undefined) {
          return `row ${earlier} already updates ${matched.hostname}; one row per device`
        }
        devicesInFile.set(matched.id, record.row)
      }
    }
    if (zoneless.length > 0) {
      const zone = zones.zone(clientId, siteRef, matched?.id ?? null)
      for (const key of zoneless) {
        const wall = values[key]
        if (wall !== null) values[key] = wallTimeIn(wall, zone)
      }
    }
    const update = matched && matcher ? matcher.update(matched.id, values, siteRef) : undefined
    if (values.serial !== null) {
      const key = values.serial.toLowerCase()
      // An update keeps or takes its own serial; only a created device must have a new one.
      const owner = update === undefined ? serialOwner(key) : undefined
      if (owner !== undefined) return `serial: ${values.serial} already belongs to ${owner}`
      const earlier = serialsInFile.get(key)
      if (earlier !== undefined) return `serial: ${values.serial} is also on row ${earlier}`
      serialsInFile.set(key, record.row)
    }
    return {
      row: record.row,
      values,
      siteName: siteRef,
      record,
      ...(update ? { update } : {}),
    }
  }
}

/**
 * The zone a row's zone-less times are read in: the one the technician chose, else the row's
 * site's, the matched device's site's, or the client's first site's (the one created first;
 * the rowid breaks a tie within a millisecond); UTC when none has one.
 */
class RowZones {
  private readonly siteZone: Database.Statement<[string, string], string>
  private readonly deviceZone: Database.Statement<[string], string>
  private readonly firstZone: Database.Statement<[string], string>

  constructor(
    db: Database.Database,
    private readonly chosen: string | undefined,
  ) {
    this.siteZone = db
      .prepare<[string, string], string>(
        'SELECT time_zone FROM sites WHERE client_id = ? AND name = ? COLLATE NOCASE LIMIT 1',
      )
      .pluck()
    this.deviceZone = db
      .prepare<[string], string>(
        'SELECT s.time_zone FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.id = ?',
      )
      .pluck()
    this.firstZone = db
      .prepare<[string], string>(
        'SELECT time_zone FROM sites WHERE client_id = ? ORDER BY created_at, rowid LIMIT 1',
      )
      .pluck()
  }

  zone(clientId: string, siteName: string | null, deviceId: string | null): string {
    if (this.chosen !== undefined) return this.chosen
    return (
      (siteName !== null ? this.siteZone.get(clientId, siteName) : undefined) ??
      (deviceId !== null ? this.deviceZone.get(deviceId) : undefined) ??
      this.firstZone.get(clientId) ??
      'UTC'
    )
  }
}

/** A device a row matched: its id and name. */
interface MatchedDevice {
  id: string
  hostname: string
  client_id: string
}

/** Fields a row's values never patch: the client is the match's, the site goes by name. */
const NOT_PATCHED = new Set<keyof DeviceValues>(['clientId', 'siteId'])

/** Finds the device an update-mode row stands for, and what the row would change on it. */
class DeviceMatcher {
  private readonly bySerial: Database.Statement<[string], MatchedDevice>
  private readonly byHostname: Database.Statement<[string, string], MatchedDevice>
  private readonly siteName: Database.Statement<[string], string>
  private readonly devices: DeviceWriter
  private readonly blank = blankDevice('', '')

  constructor(db: Database.Database) {
    this.bySerial = db.prepare(
      'SELECT id, hostname, client_id FROM devices WHERE serial = ? COLLATE NOCASE LIMIT 1',
    )
    this.byHostname = db.prepare(
      'SELECT id, hostname, client_id FROM devices WHERE hostname = ? COLLATE NOCASE AND client_id = ? LIMIT 2',
    )
    this.siteName = db.prepare<[string], string>('SELECT name FROM sites WHERE id = ?').pluck()
    this.devices = new DeviceWriter(db)
  }

  /**
   * The device with the row's serial, else the one with its hostname in its client; null when
   * none (the row creates one), or why the row cannot be matched safely.
   */
  match(values: DeviceValues): MatchedDevice | null | string {
    if (values.serial !== null) {
      const owner = this.bySerial.get(values.serial)
      if (owner !== undefined) {
        if (owner.client_id !== values.clientId) {
          return `serial: ${values.serial} belongs to ${owner.hostname}, a device of another client`
        }
        return owner
      }
    }
    const named = this.byHostname.all(values.hostname, values.clientId)
    if (named.length > 1) {
      return `hostname: the client has several devices named ${values.hostname}; give the row a serial to tell them apart`
    }
    return named[0] ?? null
  }

  /** The fields the row fills, and those that differ from the stored device. */
  update(deviceId: string, values: DeviceValues, siteRef: string | null): RowUpdate {
    const current = this.devices.current(deviceId)
    const patch = rowPatch(values, this.blank)
    // The serial matched without case; the stored spelling stays.
    if (patch.serial?.toLowerCase() === current.serial?.toLowerCase()) delete patch.serial
    // Exports (ours too) round RAM to a tenth of a GB: a size that rounds to the stored one is
    // the same RAM, not a change.
    if (
      patch.ramBytes !== undefined &&
      patch.ramBytes !== null &&
      current.ramBytes !== null &&
      Math.abs(patch.ramBytes - current.ramBytes) <= 0.05 * 1024 ** 3
    ) {
      delete patch.ramBytes
    }
    // The file's custom columns add to the device's custom fields; the others stay.
    if (patch.customFields) patch.customFields = { ...current.customFields, ...patch.customFields }
    const changes: CsvFieldChange[] = []
    for (const [field, after] of Object.entries(patch) as Array<[keyof DeviceValues, unknown]>) {
      const before = current[field]
      if (!sameValue(before, after)) {
        changes.push({ field, before: changeText(field, before), after: changeText(field, after) })
      }
    }
    if (siteRef !== null) {
      const site = current.siteId === null ? null : (this.siteName.get(current.siteId) ?? null)
      if (site === null || site.toLowerCase() !== siteRef.toLowerCase()) {
        changes.push({ field: 'site', before: site ?? '', after: siteRef })
      }
    }
    return { deviceId, patch, changes }
  }
}

/**
 * The fields a row filled: those that differ from a blank device. A blank cell is no field,
 * so re-importing an export with empty columns never clears what the device has.
 */
function rowPatch(values: DeviceValues, blank: DeviceValues): Partial<DeviceValues> {
  const patch: Partial<DeviceValues> = { hostname: values.hostname }
  for (const field of Object.keys(values) as Array<keyof DeviceValues>) {
    if (NOT_PATCHED.has(field) || sameValue(values[field], blank[field])) continue
    Object.assign(patch, { [field]: values[field] })
  }
  return patch
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** A field's value as the preview shows it. */
function changeText(field: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' && field.endsWith('At')) return new Date(value).toISOString()
  if (typeof value === 'number' && field === 'ramBytes') {
    return `${Math.round((value / 1024 ** 3) * 10) / 10} GB`
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (Array.isArray(value)) return value.join('; ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Checks every record of a preview's few rows. */
function checkRecords(
  records: Iterable<CsvRecord>,
  check: RecordCheck,
): { valid: ValidRow[]; rejected: RejectedRecord[] } {
  const valid: ValidRow[] = []
  const rejected: RejectedRecord[] = []
  for (const record of records) {
    const outcome = check(record)
    if (typeof outcome === 'string') rejected.push(rejectedRecord(record, outcome))
    else valid.push(outcome)
  }
  return { valid, rejected }
}

const rejectedRecord = (record: CsvRecord, reason: string): RejectedRecord => ({
  row: record.row,
  reason,
  raw: record.raw,
  fields: record.fields,
})

/**
 * Knows when a step of work has run its time and takes a turn of the event loop then, so a
 * long read leaves the host answering other calls. The clock is read every 256 items only.
 */
class Steps {
  private started = performance.now()
  private count = 0

  due(): boolean {
    this.count += 1
    return (this.count & 255) === 0 && performance.now() - this.started > STEP_MS
  }

  async turn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    this.started = performance.now()
  }
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
  newClients: readonly CsvNewClient[] | undefined,
): string[] {
  const problems = mappingProblems(mapping, headers)
  if (newClients && newClients.length > 0) problems.push(...newClientProblems(db, newClients))
  if (clientId !== undefined) {
    const exists = db.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId)
    if (!exists) throw new DomainError('not-found', 'No such client')
  } else if (!mapping.includes('client')) {
    problems.push('Choose a client for the import, or map a column to client')
  }
  return problems
}

interface CheckOptions {
  mapping?: ReadonlyArray<CsvTarget | null> | undefined
  clientId?: string | undefined
  mode?: CsvImportMode | undefined
  newClients?: readonly CsvNewClient[] | undefined
  dateOrder?: DateOrder | undefined
  timeZone?: string | undefined
}

/**
 * Finds a file's date order from its slash dates: one whose first part is over 12 is D/M/Y,
 * one whose second is, M/D/Y. A file whose dates all fit both must be told.
 */
class DateOrderFinder {
  private readonly columns: number[] = []
  private slashDates = false
  private zoneless = false
  private readonly seen = new Set<DateOrder>()

  constructor(mapping: ReadonlyArray<CsvTarget | null>) {
    mapping.forEach((target, column) => {
      if (target !== null && DATE_TARGETS.has(target)) this.columns.push(column)
    })
  }

  see(record: CsvRecord): void {
    for (const column of this.columns) {
      const cell = record.fields[column] ?? ''
      if (!this.zoneless && zonelessTime(cell)) this.zoneless = true
      const order = slashDateOrder(cell)
      if (order === null) continue
      this.slashDates = true
      if (order !== 'either') this.seen.add(order)
    }
  }

  /** What the preview tells: whether there are slash dates, and their order if it is clear. */
  found(): DatesFound {
    const [only] = this.seen
    return {
      slashDates: this.slashDates,
      detected: this.seen.size === 1 ? (only ?? null) : null,
      zonelessTimes: this.zoneless,
    }
  }

  /** The order to read with, or why the technician must choose one. */
  order(chosen: DateOrder | undefined): { order: DateOrder; problem?: string } {
    if (chosen !== undefined) return { order: chosen }
    if (this.seen.size > 1) {
      const problem =
        'The file has dates that are day first (25/03/2025) and month first (03/25/2025); choose the date order, and rows with the other order are rejected'
      return { order: 'mdy', problem }
    }
    const [only] = this.seen
    if (only !== undefined) return { order: only }
    if (!this.slashDates) return { order: 'mdy' }
    const problem =
      'The dates could be day/month/year or month/day/year (such as 03/04/2025): choose the date order'
    return { order: 'mdy', problem }
  }
}

/** Reads and checks a whole file (or its first rows, for the preview). */
export function checkCsv(
  db: Database.Database,
  bytes: Buffer,
  options: CheckOptions & { limit?: number },
): CheckedFile & { problems: string[] } {
  const stream = openCsv(bytes)
  if (stream.headers.length === 0) throw new DomainError('invalid', 'The file is empty')
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
): Promise<
  CheckedFile & {
    problems: string[]
    unknownClients: UnknownClientList
    dateOrder: DatesFound
  }
> {
  const stream = openCsv(bytes)
  if (stream.headers.length === 0) throw new DomainError('invalid', 'The file is empty')
  const records: CsvRecord[] = []
  let totalRows = 0
  const steps = new Steps()
  // Every row's client is looked at, so the preview offers each missing client once, whole.
  const clientColumn = (options.mapping ?? autoMap(stream.headers)).indexOf('client')
  const directory = new ClientDirectory(db)
  const unknown = new UnknownClients((reference) => directory.resolve(reference))
  const dates = new DateOrderFinder(options.mapping ?? autoMap(stream.headers))
  for (const record of stream.records()) {
    if (totalRows < PREVIEW_ROWS) records.push(record)
    totalRows += 1
    if (clientColumn >= 0) unknown.see(record.fields[clientColumn])
    dates.see(record)
    if (steps.due()) await steps.turn()
  }
  const { order, problem } = dates.order(options.dateOrder)
  const checked = checkRead(
    db,
    stream,
    records,
    totalRows,
    { ...options, dateOrder: order },
    serialLookup(db),
  )
  if (problem !== undefined) checked.problems.push(problem)
  // Said before the upload is imported, so the technician splits the file first.
  if (totalRows > CSV_IMPORT_MAX_ROWS) checked.problems.push(tooManyRows(totalRows))
  return { ...checked, unknownClients: unknown.list(db), dateOrder: dates.found() }
}

type UnknownClientList = Array<{ name: string; shortCode: string; rows: number }>

/** What the preview found in the date columns. */
interface DatesFound {
  slashDates: boolean
  detected: DateOrder | null
  zonelessTimes: boolean
}

function tooManyRows(rows: number | null): string {
  const limit = CSV_IMPORT_MAX_ROWS.toLocaleString('en')
  const has = rows === null ? `more than ${limit}` : rows.toLocaleString('en')
  return `The file has ${has} rows; one import takes at most ${limit}. Split the file and import the parts.`
}

/** What the preview sends back: every part cut to size, and whether anything was cut. */
export function previewReply(
  checked: CheckedFile & {
    problems: string[]
    unknownClients: UnknownClientList
    dateOrder: DatesFound
  },
) {
  let truncated = false
  const cut = (text: string): string => {
    const short = shorten(text, PREVIEW_CELL_CHARS)
    if (short !== text) truncated = true
    return short
  }
  const reasons = new Map(checked.rejected.map((r) => [r.row, r.reason]))
  const updates = new Map(checked.valid.map((v) => [v.row, v.update]))
  const rows: Array<{
    row: number
    cells: string[]
    problems: string[]
    action: 'create' | 'update' | 'reject'
    changes: CsvFieldChange[]
  }> = []
  let chars = 0
  for (const record of checked.file.records) {
    const cells = record.fields.map(cut)
    chars += cells.reduce((sum, cell) => sum + cell.length, 0)
    if (chars > PREVIEW_CELLS_CHARS && rows.length > 0) {
      truncated = true
      break
    }
    const reason = reasons.get(record.row)
    const update = updates.get(record.row)
    rows.push({
      row: record.row,
      cells,
      problems: reason === undefined ? [] : [cut(reason)],
      action: reason !== undefined ? 'reject' : update ? 'update' : 'create',
      changes: (update?.changes ?? []).map((c) => ({
        field: c.field,
        before: cut(c.before),
        after: cut(c.after),
      })),
    })
  }
  return {
    headers: checked.file.headers.map(cut),
    delimiter: checked.file.delimiter,
    mapping: checked.mapping,
    problems: checked.problems.map(cut),
    totalRows: checked.totalRows,
    rows,
    truncated,
    unknownClients: checked.unknownClients,
    dateOrder: checked.dateOrder,
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
  const problems = fileProblems(db, mapping, headers, options.clientId, options.newClients)
  const { valid, rejected } =
    problems.length > 0
      ? { valid: [], rejected: [] }
      : checkRecords(
          records,
          recordChecker(
            file.headers.length,
            mapping,
            new ClientDirectory(db).withPending(options.newClients),
            options.clientId ?? null,
            serialOwner,
            options.mode === 'update' ? new DeviceMatcher(db) : null,
            options.dateOrder ?? 'mdy',
            new RowZones(db, options.timeZone),
          ),
        )
  return { file, totalRows, mapping, valid, rejected: rejected.map(withoutFields), problems }
}

const withoutFields = ({ row, reason, raw }: RejectedRecord): CsvRejectedRow => ({
  row,
  reason,
  raw,
})

/** A file checked for import, ready to insert. */
export interface CheckedImport {
  headers: string[]
  valid: ValidRow[]
  /** The first CSV_REJECTED_KEPT_ROWS rejected rows, whole. */
  rejected: RejectedRecord[]
  /** Every rejected row, kept or not. */
  rejectedCount: number
}

/**
 * Reads and checks a file for import, in steps (see Steps): its mapping first (a problem there
 * is an error and imports nothing), then every row. A file of more than CSV_IMPORT_MAX_ROWS
 * rows is refused as soon as the row after the limit is read. Nothing is written: the store
 * may change meanwhile, so `recheckImport` looks again inside the transaction that inserts.
 */
export async function checkImport(
  db: Database.Database,
  bytes: Buffer,
  options: {
    mapping: ReadonlyArray<CsvTarget | null>
    clientId?: string | undefined
    mode?: CsvImportMode | undefined
    newClients?: readonly CsvNewClient[] | undefined
    dateOrder?: DateOrder | undefined
    timeZone?: string | undefined
  },
): Promise<CheckedImport> {
  // Only a file with date columns and no chosen order is read twice.
  const dateOrder =
    options.dateOrder ??
    (options.mapping.some((t) => t !== null && DATE_TARGETS.has(t))
      ? await fileDateOrder(bytes, options.mapping)
      : 'mdy')
  const stream = openCsv(bytes)
  if (stream.headers.length === 0) throw new DomainError('invalid', 'The file is empty')
  const mapping = [...options.mapping]
  const problems = fileProblems(db, mapping, stream.headers, options.clientId, options.newClients)
  if (problems.length > 0) throw new DomainError('invalid', problems.join('; '))
  const check = recordChecker(
    stream.headers.length,
    mapping,
    new ClientDirectory(db).withPending(options.newClients),
    options.clientId ?? null,
    storedSerials(db),
    options.mode === 'update' ? new DeviceMatcher(db) : null,
    dateOrder,
    new RowZones(db, options.timeZone),
  )
  const checked: CheckedImport = {
    headers: stream.headers,
    valid: [],
    rejected: [],
    rejectedCount: 0,
  }
  let rows = 0
  const steps = new Steps()
  for (const record of stream.records()) {
    rows += 1
    if (rows > CSV_IMPORT_MAX_ROWS) throw new DomainError('invalid', tooManyRows(null))
    const outcome = check(record)
    if (typeof outcome === 'string') reject(checked, record, outcome)
    else checked.valid.push(outcome)
    if (steps.due()) await steps.turn()
  }
  return checked
}

/**
 * The order the file's slash dates decide, for an import given none: the file is read once
 * more first (in steps), and a file whose dates fit both orders is refused, not guessed at.
 */
async function fileDateOrder(
  bytes: Buffer,
  mapping: ReadonlyArray<CsvTarget | null>,
): Promise<DateOrder> {
  const dates = new DateOrderFinder(mapping)
  const steps = new Steps()
  for (const record of openCsv(bytes).records()) {
    dates.see(record)
    if (steps.due()) await steps.turn()
  }
  const { order, problem } = dates.order(undefined)
  if (problem !== undefined) throw new DomainError('invalid', problem)
  return order
}

function reject(checked: CheckedImport, record: CsvRecord, reason: string): void {
  checked.rejectedCount += 1
  if (checked.rejected.length < CSV_REJECTED_KEPT_ROWS) {
    checked.rejected.push(rejectedRecord(record, reason))
  }
}

/**
 * Inside the transaction that inserts: the rows whose client or serial changed in the store
 * while the file was being checked (a client deleted, a device saved with the same serial, by
 * another call or another import) are rejected now; the rest are returned, to insert.
 */
export function recheckImport(db: Database.Database, checked: CheckedImport): ValidRow[] {
  const clientIds = new Set(db.prepare('SELECT id FROM clients').pluck().all())
  const serialOwner = checked.valid.some((row) => row.values.serial !== null)
    ? storedSerials(db)
    : () => undefined
  const insert: ValidRow[] = []
  for (const row of checked.valid) {
    const { clientId, serial } = row.values
    // An update's serial is checked against the device it updates, when it is written.
    const owner = serial === null || row.update ? undefined : serialOwner(serial.toLowerCase())
    if (!clientIds.has(clientId)) {
      reject(checked, row.record, 'client: the client was deleted during the import')
    } else if (owner !== undefined) {
      reject(checked, row.record, `serial: ${serial} already belongs to ${owner}`)
    } else {
      insert.push(row)
    }
  }
  return insert
}

/**
 * Writes an update-mode row onto its device, inside the import's transaction: the device as
 * it is now with the row's fields (and site, found or created by `siteOf`). A device deleted,
 * or a serial taken, since the file was checked rejects the row instead; returns false then.
 */
export function applyRowUpdate(
  writer: DeviceWriter,
  checked: CheckedImport,
  row: ValidRow & { update: RowUpdate },
  siteOf: (clientId: string, name: string) => string,
  now: number,
): boolean {
  const current = writer.find(row.update.deviceId)
  if (current === null || current.clientId !== row.values.clientId) {
    reject(checked, row.record, 'The device was deleted or moved during the import')
    return false
  }
  const next: DeviceValues = { ...current, ...row.update.patch }
  if (row.siteName !== null) next.siteId = siteOf(next.clientId, row.siteName)
  try {
    writer.validate(next, row.update.deviceId)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    reject(checked, row.record, error.message)
    return false
  }
  writer.update(row.update.deviceId, next, now)
  return true
}

/** Rejected rows in file order, after some were rejected late, while writing. */
export function sortRejected(checked: CheckedImport): void {
  checked.rejected.sort((a, b) => a.row - b.row)
}

/** What an import did with a file. */
export interface ImportOutcome {
  imported: number
  updated: number
  rejected: CsvRejectedRow[]
  rejectedCount: number
  rejectedCsv: string | null
}

/** The reply for an import that inserted `imported` rows of `checked`. */
export function importOutcome(
  checked: CheckedImport,
  imported: number,
  updated = 0,
): ImportOutcome {
  return {
    imported,
    updated,
    // The download keeps the rejected rows whole; the list only has to be readable.
    rejected: checked.rejected.map((r) => ({
      row: r.row,
      reason: shorten(r.reason, REJECTED_TEXT_CHARS),
      raw: shorten(r.raw, REJECTED_TEXT_CHARS),
    })),
    rejectedCount: checked.rejectedCount,
    rejectedCsv: rejectedRowsCsv(checked.headers, checked.rejected),
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
