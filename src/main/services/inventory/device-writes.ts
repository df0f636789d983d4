/**
 * The write path for devices: prepared INSERT/UPDATE/DELETE statements and the checks that
 * give a technician a clear reason instead of a constraint error. Callers run these inside
 * `Store.transaction`; nothing here opens one, so a bulk import is one transaction.
 */
import type Database from 'better-sqlite3'
import { AvStatus, DeviceRole, OsFamily } from '../../../shared/contract'
import { DomainError } from '../../../shared/domain/errors'
import {
  WRITABLE_DEVICE_COLUMNS,
  blankDevice,
  deviceColumnValues,
  valuesFromRow,
  type DeviceDbRow,
  type DeviceValues,
} from './device-values'
import { substringColumns, wordColumns } from '../store/migrations/004-inventory'
import { refreshPlannerStatistics } from './planner-statistics'
import { timeOrderedId } from '../../base/time-ordered-id'

/** A load this large (and at least half the table) drops and rebuilds the indexes. */
const BULK_REBUILD_MIN = 5000
/** A load this large also refreshes the planner's statistics. */
const ANALYZE_AFTER_ROWS = 5000

/**
 * Page cache for a bulk load, in KiB (SQLite's negative cache_size). A 100k-device load touches
 * ~100 MB of pages; with the default 16 MB the index rebuilds and the search index evict and
 * re-read pages they just wrote. Pages are allocated only as used and released afterwards.
 */
const BULK_CACHE_KIB = 256 * 1024

/** The value a blank device writes to each column: what the column's DEFAULT also gives. */
const BLANK_PARAMS = deviceColumnValues(blankDevice('', ''))
/** Columns without a DEFAULT, which every INSERT must name. */
const REQUIRED_INDEXES = new Set(
  ['client_id', 'hostname'].map((name) =>
    WRITABLE_DEVICE_COLUMNS.indexOf(name as (typeof WRITABLE_DEVICE_COLUMNS)[number]),
  ),
)

interface Thresholds {
  online_minutes: number
  stale_minutes: number
}

interface SchemaItem {
  type: 'index' | 'trigger'
  name: string
  sql: string
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`

const columnList = WRITABLE_DEVICE_COLUMNS.join(', ')
const placeholders = WRITABLE_DEVICE_COLUMNS.map(() => '?').join(', ')
const setList = WRITABLE_DEVICE_COLUMNS.map((c) => `${c} = ?`).join(', ')

/**
 * A bulk load's search indexing: the new devices (seq from `?` on) into both search indexes.
 * In rowid order, whatever the planner prefers: FTS5 writes out its in-memory buffer whenever
 * a rowid is not above the last one, and the planner could read the words source client by
 * client (through its clients join). A second 100k-row CSV import into a store did: ~50k
 * flushes, 5.0 s of search indexing instead of 1.5-2.0 s.
 */
export const BULK_SEARCH_INSERTS = [
  `INSERT INTO device_search_words (rowid, ${wordColumns})
   SELECT * FROM device_search_words_source WHERE seq >= ? ORDER BY seq`,
  `INSERT INTO device_search_trigram (rowid, ${substringColumns})
   SELECT * FROM device_search_trigram_source WHERE seq >= ? ORDER BY seq`,
] as const

/** Inserts one validated device during a bulk load; returns its id. */
export type BulkInsert = (values: DeviceValues, createdAt: number, id?: string) => string

/** Prepared device writes on one connection. */
export class DeviceWriter {
  private readonly insertStatement: Database.Statement
  private readonly updateStatement: Database.Statement
  private readonly deleteStatement: Database.Statement<[string]>
  private readonly rowStatement: Database.Statement<[string], DeviceDbRow>
  private readonly serialOwnerStatement: Database.Statement<
    [string, string],
    { id: string; hostname: string }
  >
  private readonly siteClientStatement: Database.Statement<[string], { client_id: string }>
  private readonly credentialStatement: Database.Statement<[string], { id: string }>
  private readonly clientStatement: Database.Statement<[string], Thresholds>
  private readonly maxSeqStatement: Database.Statement<[], number>
  private readonly countStatement: Database.Statement<[], number>
  private readonly schemaStatement: Database.Statement<[string, string], SchemaItem>

  constructor(private readonly db: Database.Database) {
    // Positional parameters (binding 50 named ones costs twice as much per row) and VALUES
    // rather than INSERT ... SELECT, which would need a statement journal for every row.
    this.insertStatement = db.prepare(
      `INSERT INTO devices (id, ${columnList}, online_minutes, stale_minutes, created_at, updated_at)
       VALUES (?, ${placeholders}, ?, ?, ?, ?)`,
    )
    this.updateStatement = db.prepare(`UPDATE devices SET ${setList}, updated_at = ? WHERE id = ?`)
    this.deleteStatement = db.prepare('DELETE FROM devices WHERE id = ?')
    this.rowStatement = db.prepare('SELECT * FROM devices WHERE id = ?')
    this.serialOwnerStatement = db.prepare(
      'SELECT id, hostname FROM devices WHERE serial = ? COLLATE NOCASE AND id <> ? LIMIT 1',
    )
    this.siteClientStatement = db.prepare('SELECT client_id FROM sites WHERE id = ?')
    this.credentialStatement = db.prepare('SELECT id FROM credentials WHERE id = ?')
    this.clientStatement = db.prepare(
      'SELECT online_minutes, stale_minutes FROM clients WHERE id = ?',
    )
    this.maxSeqStatement = db
      .prepare<[], number>('SELECT coalesce(max(seq), 0) FROM devices')
      .pluck()
    this.countStatement = db.prepare<[], number>('SELECT count(*) FROM devices').pluck()
    // The devices search insert trigger and (when rebuilding) the secondary indexes; the
    // implicit indexes of PRIMARY KEY and UNIQUE have no sql and always stay.
    this.schemaStatement = db.prepare(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE tbl_name = 'devices' AND sql IS NOT NULL
         AND (type = ? OR (type = ? AND name = 'devices_search_insert'))`,
    )
  }

  /** The stored device, or NOT_FOUND. */
  current(id: string): DeviceValues {
    const values = this.find(id)
    if (!values) throw new DomainError('not-found', 'No such device')
    return values
  }

  /** The stored device, or null. */
  find(id: string): DeviceValues | null {
    const row = this.rowStatement.get(id)
    return row ? valuesFromRow(row) : null
  }

  /** Checks what the schema would reject, in words: client, site, credential, serial. */
  validate(values: DeviceValues, id = ''): void {
    this.thresholds(values.clientId)
    if (values.siteId !== null) {
      const site = this.siteClientStatement.get(values.siteId)
      if (!site) throw new DomainError('not-found', 'No such site')
      if (site.client_id !== values.clientId) {
        throw new DomainError('invalid', 'The site belongs to another client')
      }
    }
    if (values.credentialId !== null && !this.credentialStatement.get(values.credentialId)) {
      throw new DomainError('not-found', 'No such credential')
    }
    if (values.serial !== null) {
      const owner = this.serialOwnerStatement.get(values.serial, id)
      if (owner) {
        throw new DomainError(
          'conflict',
          `Serial ${values.serial} already belongs to ${owner.hostname}; serials are unique`,
        )
      }
    }
  }

  /** Inserts without the checks (the caller validated, e.g. a CSV import); returns the id. */
  insertUnchecked(
    values: DeviceValues,
    now: number,
    id: string = timeOrderedId(now),
    thresholds: Thresholds = this.thresholds(values.clientId),
  ): string {
    const params = deviceColumnValues(values)
    params.unshift(id)
    params.push(thresholds.online_minutes, thresholds.stale_minutes, now, now)
    this.insertStatement.run(params)
    return id
  }

  /** The client's status thresholds, which every device row carries a copy of. */
  thresholds(clientId: string): Thresholds {
    const thresholds = this.clientStatement.get(clientId)
    if (!thresholds) throw new DomainError('not-found', 'No such client')
    return thresholds
  }

  /**
   * Inserts many validated devices in the caller's transaction, the way bulk loads should:
   * the per-row search trigger is set aside and the new rows are indexed for search with one
   * statement per table; when the load is large next to the table, the secondary indexes are
   * dropped and rebuilt (sorting 100k keys once beats 100k scattered b-tree inserts), and a
   * large load refreshes the planner's statistics. Schema changes are transactional, so a
   * failed load leaves the schema as it was.
   */
  insertMany(
    rows: ReadonlyArray<{ id?: string; values: DeviceValues; createdAt: number }>,
  ): string[] {
    if (rows.length === 0) return []
    return this.bulkLoad(rows.length, (insert) =>
      rows.map((row) => insert(row.values, row.createdAt, row.id)),
    )
  }

  /**
   * A bulk load as `insertMany` does it, for a caller that produces rows as it goes (a CSV
   * import checks and inserts row by row instead of holding every row first). `expectedRows`
   * decides whether rebuilding the indexes pays; an estimate will do.
   */
  bulkLoad<T>(expectedRows: number, load: (insert: BulkInsert) => T): T {
    const existing = this.countStatement.get() ?? 0
    const rebuild = expectedRows >= BULK_REBUILD_MIN && expectedRows >= existing / 2
    const setAside = this.schemaStatement.all(rebuild ? 'index' : '-', 'trigger')
    for (const item of setAside) {
      this.db.exec(`DROP ${item.type === 'index' ? 'INDEX' : 'TRIGGER'} ${quoteName(item.name)}`)
    }
    const first = (this.maxSeqStatement.get() ?? 0) + 1
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number
    this.db.pragma(`cache_size = ${-BULK_CACHE_KIB}`)
    // The inserter checks the enumerations the table's CHECKs guard, for a fraction of what
    // SQLite's per-row CHECKs cost; the flag applies to statements prepared while it is on.
    const ignoredChecks = this.db.pragma('ignore_check_constraints', { simple: true }) as number
    this.db.pragma('ignore_check_constraints = ON')
    try {
      const inserter = new SparseInserter(this.db, (clientId) => this.thresholds(clientId))
      let loaded = 0
      const result = load((values, createdAt, id) => {
        loaded += 1
        return inserter.insert(values, createdAt, id)
      })
      for (const item of setAside) this.db.exec(item.sql)
      // Before the search indexing below plans its reads. Dropping an index drops its
      // statistics, and without them the planner takes every rebuilt index for a near-unique
      // one (the search indexing would then walk devices client by client).
      if (rebuild || loaded >= ANALYZE_AFTER_ROWS) refreshPlannerStatistics(this.db)
      this.indexForSearch(first)
      return result
    } finally {
      this.db.pragma(`ignore_check_constraints = ${ignoredChecks ? 'ON' : 'OFF'}`)
      this.db.pragma(`cache_size = ${cacheSize}`)
    }
  }

  /** Adds devices from `first` on to both search indexes, one statement each. */
  private indexForSearch(first: number): void {
    for (const sql of BULK_SEARCH_INSERTS) this.db.prepare(sql).run(first)
  }

  /** Writes every column of an existing device. */
  update(id: string, values: DeviceValues, now: number): void {
    const result = this.updateStatement.run(...deviceColumnValues(values), now, id)
    if (result.changes === 0) throw new DomainError('not-found', 'No such device')
  }

  /** Deletes devices (snapshots and changes cascade); returns how many existed. */
  delete(ids: readonly string[]): number {
    let deleted = 0
    for (const id of ids) deleted += this.deleteStatement.run(id).changes
    return deleted
  }
}

/** Distinct column sets a load prepares a statement for before it names every column. */
const MAX_SHAPES = 64
const POWERS = WRITABLE_DEVICE_COLUMNS.map((_, c) => 2 ** c)

const ROLES = new Set<unknown>(DeviceRole.options)
const OS_FAMILIES = new Set<unknown>(OsFamily.options)
const AV_STATUSES = new Set<unknown>([null, ...AvStatus.options])

/**
 * What the devices table's CHECKs guard, checked here because a bulk load turns them off:
 * callers validate rows long before, so this only stops a programming error from storing a
 * value the table would have refused.
 */
function checkEnumerations(values: DeviceValues): void {
  if (
    !ROLES.has(values.role) ||
    !OS_FAMILIES.has(values.osFamily) ||
    !AV_STATUSES.has(values.avStatus)
  ) {
    throw new Error(
      `Device ${values.hostname} has a role, OS family or antivirus status the store does not know`,
    )
  }
}

interface Shape {
  statement: Database.Statement
  /** The columns this statement names, by index into WRITABLE_DEVICE_COLUMNS. */
  columns: number[]
  bound: unknown[]
}

/**
 * A bulk load's INSERTs, naming only the columns a row fills: a CSV maps a dozen of the 49
 * columns, and binding a parameter costs about as much as SQLite storing it, so the others
 * are left to their DEFAULTs (the blank device's values; a test keeps the two equal). Rows
 * that fill the same columns share one prepared statement.
 */
class SparseInserter {
  private readonly shapes = new Map<number, Shape>()
  private readonly thresholdsByClient = new Map<string, Thresholds>()
  private everyColumn: Shape | null = null

  constructor(
    private readonly db: Database.Database,
    private readonly thresholdsOf: (clientId: string) => Thresholds,
  ) {}

  insert(values: DeviceValues, createdAt: number, id = timeOrderedId(createdAt)): string {
    let thresholds = this.thresholdsByClient.get(values.clientId)
    if (!thresholds) {
      thresholds = this.thresholdsOf(values.clientId)
      this.thresholdsByClient.set(values.clientId, thresholds)
    }
    checkEnumerations(values)
    const params = deviceColumnValues(values)
    let key = 0
    for (let c = 0; c < params.length; c++) {
      if (params[c] !== BLANK_PARAMS[c] || REQUIRED_INDEXES.has(c)) key += POWERS[c] as number
    }
    const shape = this.shape(key)
    const { bound, columns } = shape
    bound[0] = id
    for (let k = 0; k < columns.length; k++) bound[k + 1] = params[columns[k] as number]
    bound[columns.length + 1] = thresholds.online_minutes
    bound[columns.length + 2] = thresholds.stale_minutes
    bound[columns.length + 3] = createdAt
    bound[columns.length + 4] = createdAt
    shape.statement.run(bound)
    return id
  }

  private shape(key: number): Shape {
    const known = this.shapes.get(key)
    if (known) return known
    if (this.shapes.size >= MAX_SHAPES) {
      this.everyColumn ??= this.prepare(WRITABLE_DEVICE_COLUMNS.map((_, c) => c))
      return this.everyColumn
    }
    const shape = this.prepare(
      WRITABLE_DEVICE_COLUMNS.flatMap((_, c) =>
        key % (2 * (POWERS[c] as number)) >= (POWERS[c] as number) ? [c] : [],
      ),
    )
    this.shapes.set(key, shape)
    return shape
  }

  private prepare(columns: number[]): Shape {
    const names = columns.map((c) => WRITABLE_DEVICE_COLUMNS[c] as string)
    const statement = this.db.prepare(
      `INSERT INTO devices (id, ${names.join(', ')}, online_minutes, stale_minutes, created_at, updated_at)
       VALUES (${Array.from({ length: names.length + 5 }, () => '?').join(', ')})`,
    )
    return { statement, columns, bound: new Array<unknown>(names.length + 5) }
  }
}
