/**
 * What collection leaves behind: one snapshot per successful run (the facts as the probe
 * reported them, and its problems) and the changes found against the previous snapshot.
 */
import type Database from 'better-sqlite3'
import type { DeviceChange, SnapshotSummary } from '../../../shared/contract'
import { DomainError } from '../../../shared/domain/errors'
import type { FactChange, InventoryFacts } from './probes'

interface SnapshotDbRow {
  id: number
  device_id: string
  collected_at: number
  source: 'ssh' | 'winrm'
  problems: string
  changes: number
}

interface ChangeDbRow {
  id: number
  device_id: string
  snapshot_id: number | null
  at: number
  field: string
  summary: string
  before: string | null
  after: string | null
}

const changeFrom = (row: ChangeDbRow): DeviceChange => ({
  id: row.id,
  deviceId: row.device_id,
  snapshotId: row.snapshot_id,
  at: row.at,
  field: row.field,
  summary: row.summary,
  before: row.before === null ? null : (JSON.parse(row.before) as unknown),
  after: row.after === null ? null : (JSON.parse(row.after) as unknown),
})

const snapshotFrom = (row: SnapshotDbRow): SnapshotSummary => ({
  id: row.id,
  deviceId: row.device_id,
  collectedAt: row.collected_at,
  source: row.source,
  problems: JSON.parse(row.problems) as string[],
  changes: row.changes,
})

const SNAPSHOT_SELECT = `SELECT s.id, s.device_id, s.collected_at, s.source, s.problems,
  (SELECT count(*) FROM device_changes WHERE snapshot_id = s.id) AS changes
  FROM device_snapshots s`

/** Prepared snapshot and change statements on one connection. */
export class DeviceHistory {
  private readonly latestFactsStatement: Database.Statement<[string], string>
  private readonly insertSnapshotStatement: Database.Statement
  private readonly insertChangeStatement: Database.Statement
  private readonly snapshotsStatement: Database.Statement<[string, number], SnapshotDbRow>
  private readonly snapshotStatement: Database.Statement<
    [number],
    SnapshotDbRow & { facts: string }
  >
  private readonly changesStatement: Database.Statement<[string, number, number], ChangeDbRow>

  constructor(db: Database.Database) {
    this.latestFactsStatement = db
      .prepare<[string], string>(
        'SELECT facts FROM device_snapshots WHERE device_id = ? ORDER BY collected_at DESC, id DESC LIMIT 1',
      )
      .pluck()
    this.insertSnapshotStatement = db.prepare(
      `INSERT INTO device_snapshots (device_id, collected_at, source, facts, problems)
       VALUES (?, ?, ?, ?, ?)`,
    )
    this.insertChangeStatement = db.prepare(
      `INSERT INTO device_changes (device_id, snapshot_id, at, field, summary, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.snapshotsStatement = db.prepare(
      `${SNAPSHOT_SELECT} WHERE s.device_id = ? ORDER BY s.collected_at DESC, s.id DESC LIMIT ?`,
    )
    this.snapshotStatement = db.prepare(
      `SELECT s.id, s.device_id, s.collected_at, s.source, s.problems, s.facts,
         (SELECT count(*) FROM device_changes WHERE snapshot_id = s.id) AS changes
       FROM device_snapshots s WHERE s.id = ?`,
    )
    this.changesStatement = db.prepare(
      `SELECT * FROM device_changes WHERE device_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    )
  }

  /** The facts of the device's newest snapshot, if it has one. */
  latestFacts(deviceId: string): InventoryFacts | undefined {
    const text = this.latestFactsStatement.get(deviceId)
    return text === undefined ? undefined : (JSON.parse(text) as InventoryFacts)
  }

  /** Stores a snapshot and its changes; run it inside the collection's transaction. */
  record(
    deviceId: string,
    at: number,
    source: 'ssh' | 'winrm',
    facts: InventoryFacts,
    problems: readonly string[],
    changes: readonly FactChange[],
  ): number {
    const snapshotId = Number(
      this.insertSnapshotStatement.run(
        deviceId,
        at,
        source,
        JSON.stringify(facts),
        JSON.stringify(problems),
      ).lastInsertRowid,
    )
    for (const change of changes) {
      this.insertChangeStatement.run(
        deviceId,
        snapshotId,
        at,
        change.field,
        change.summary,
        toJson(change.before),
        toJson(change.after),
      )
    }
    return snapshotId
  }

  snapshots(deviceId: string, limit = 50): SnapshotSummary[] {
    return this.snapshotsStatement.all(deviceId, limit).map(snapshotFrom)
  }

  snapshot(id: number): SnapshotSummary & { facts: Record<string, unknown> } {
    const row = this.snapshotStatement.get(id)
    if (!row) throw new DomainError('not-found', 'No such snapshot')
    return { ...snapshotFrom(row), facts: JSON.parse(row.facts) as Record<string, unknown> }
  }

  /** Newest first, before `beforeId` when paging. */
  changes(deviceId: string, limit: number, beforeId?: number): DeviceChange[] {
    return this.changesStatement
      .all(deviceId, beforeId ?? Number.MAX_SAFE_INTEGER, limit)
      .map(changeFrom)
  }
}

const toJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value)
