/**
 * The inventory's side of team sync: local writes become outbox rows, pulled rows become the
 * base and the local tables. A row's local state is always its base with its pending changes
 * laid over it, so a pull never loses an edit not yet sent, and a refused one is undone by
 * laying the rest over the base again.
 *
 * Local writes are found by triggers (migration 11) whatever path made them, and turned into
 * changes at the end of their transaction by diffing each touched row against that state.
 */
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import { defaultBusinessHours } from '../../../shared/domain/sla'
import { DomainError } from '../../../shared/domain/errors'
import { InventoryDoc, type InventoryKind } from '../../../shared/sync/inventory'
import type { EntityChange, PushMutation } from '../../../shared/sync/protocol'
import { blankDevice, valuesFromRow, type DeviceDbRow, type DeviceValues } from './device-values'
import { DeviceWriter } from './device-writes'
import { statement } from '../store/statements'

/** A row as sync sees it: its client and its synced fields. */
interface SyncedRow {
  clientId: string
  fields: Record<string, unknown>
}

interface OutboxRow {
  mutation_id: number
  op: 'put' | 'delete'
  kind: SyncedKind
  entity_id: string
  client_id: string
  fields: string
  base_versions: string
  created_at: number
}

/** What sync changed here: the clients whose rows changed, and whether the saved views did. */
export interface InventorySyncChange {
  clientIds: string[]
  savedViews: boolean
}

/** A pending change dropped without being applied, and why (for the refused-changes list). */
export interface DroppedInventoryChange {
  mutationId: number
  clientId: string
  intent: PushMutation['intent']
  reason: string
}

/**
 * The rows this module syncs: the inventory's, and the technician's saved views of the device
 * table (their own, kept in the `inventory.deviceViews` setting; no client, no versions).
 */
type SyncedKind = InventoryKind | 'savedView'

const KIND_ORDER = `CASE kind WHEN 'client' THEN 0 WHEN 'site' THEN 1 WHEN 'device' THEN 2 ELSE 3 END`
const DIRTY_ROWS_SQL = `SELECT kind, id FROM inventory_dirty ORDER BY ${KIND_ORDER}`
const SYNCED_KINDS = new Set<string>(['client', 'site', 'device', 'deviceSnapshot', 'savedView'])
const VIEWS_KEY = 'inventory.deviceViews'

export function isInventoryKind(kind: string): kind is SyncedKind {
  return SYNCED_KINDS.has(kind)
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export class InventorySync {
  private readonly devices: DeviceWriter
  private readonly captured = new Set<() => void>()
  private readonly dirtyRows: Database.Statement
  private readonly changed = new Set<(change: InventorySyncChange) => void>()

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {
    this.devices = new DeviceWriter(db)
    this.dirtyRows = statement(db, DIRTY_ROWS_SQL)
  }

  // ---- capture ------------------------------------------------------------------------------

  /** Whether local writes are being turned into changes for a team. */
  isCapturing(): boolean {
    return statement(this.db, 'SELECT 1 FROM inventory_capture').get() !== undefined
  }

  setCapturing(on: boolean, db: Database.Database = this.db): void {
    if (!on) {
      db.exec('DELETE FROM inventory_capture; DELETE FROM inventory_dirty;')
      return
    }
    statement(db, 'INSERT OR IGNORE INTO inventory_capture (singleton) VALUES (1)').run()
    // Saved views are the technician's own, whatever the team has: each is looked at again,
    // and any the team lacks is sent.
    statement(
      db,
      `INSERT OR IGNORE INTO inventory_dirty (kind, id)
       SELECT 'savedView', json_extract(v.value, '$.id')
       FROM settings s, json_each(s.value) v WHERE s.key = ?`,
    ).run(VIEWS_KEY)
  }

  /** Hears that new changes were queued (inside the transaction that queues them). */
  onCaptured(listener: () => void): () => void {
    this.captured.add(listener)
    return () => this.captured.delete(listener)
  }

  /** Hears which clients' rows sync changed here, after the transaction that changed them. */
  onDidChange(listener: (change: InventorySyncChange) => void): () => void {
    this.changed.add(listener)
    return () => this.changed.delete(listener)
  }

  /** Tells the listeners; the engine calls it once the page's transaction has committed. */
  announce(clientIds: Iterable<string>, savedViews = false): void {
    const ids = [...new Set(clientIds)].filter((id) => id !== '')
    if (ids.length === 0 && !savedViews) return
    for (const listener of this.changed) listener({ clientIds: ids, savedViews })
  }

  /** "Upload local data": every local row becomes a change, as if just written. */
  markAllDirty(db: Database.Database): void {
    db.exec(`
      INSERT OR IGNORE INTO inventory_dirty (kind, id) SELECT 'client', id FROM clients;
      INSERT OR IGNORE INTO inventory_dirty (kind, id) SELECT 'site', id FROM sites;
      INSERT OR IGNORE INTO inventory_dirty (kind, id) SELECT 'device', id FROM devices;
      INSERT OR IGNORE INTO inventory_dirty (kind, id)
        SELECT 'deviceSnapshot', id FROM device_snapshots WHERE sync_id IS NULL;
    `)
  }

  /** Turns the rows written in this transaction into outbox rows. Runs before each commit. */
  capture(db: Database.Database): number {
    // Runs before every commit of the store: prepared once, and nothing more when clean.
    const dirty = (db === this.db ? this.dirtyRows : statement(db, DIRTY_ROWS_SQL)).all() as Array<{
      kind: SyncedKind
      id: string
    }>
    if (dirty.length === 0) return 0
    statement(db, 'DELETE FROM inventory_dirty').run()
    let queued = 0
    for (const { kind, id } of dirty) {
      if (kind === 'deviceSnapshot') {
        queued += this.captureSnapshot(db, Number(id))
        continue
      }
      const local = readLocal(db, kind, id)
      const expected = this.expected(db, kind, id)
      if (local === null) {
        if (expected === null) continue
        // Gone with its client: the client's own removal says it all (and if that is
        // refused, these come back with it).
        if (kind !== 'client' && kind !== 'savedView' && !clientExists(db, expected.clientId)) {
          continue
        }
        this.append(db, 'delete', kind, id, expected.clientId, {}, {})
        queued += 1
        continue
      }
      if (kind === 'savedView') {
        // A view goes whole, and only when it differs from what the team has of it.
        if (expected !== null && sameJson(local.fields, expected.fields)) continue
        this.append(db, 'put', kind, id, '', local.fields, {})
        queued += 1
        continue
      }
      const moved = expected !== null && expected.clientId !== local.clientId
      const changed = Object.fromEntries(
        Object.entries(local.fields).filter(
          ([field, value]) =>
            expected === null || moved || !sameJson(value, expected.fields[field]),
        ),
      )
      if (Object.keys(changed).length === 0) continue
      const versions = this.base(db, kind, id)?.versions ?? {}
      const baseVersions = Object.fromEntries(
        Object.keys(changed).map((field) => [field, versions[field] ?? 0]),
      )
      this.append(db, 'put', kind, id, local.clientId, changed, baseVersions)
      queued += 1
    }
    if (queued > 0) for (const listener of this.captured) listener()
    return queued
  }

  private captureSnapshot(db: Database.Database, localId: number): number {
    const row = statement(
      db,
      `SELECT s.sync_id, d.client_id FROM device_snapshots s JOIN devices d ON d.id = s.device_id
         WHERE s.id = ?`,
    ).get(localId) as { sync_id: string | null; client_id: string } | undefined
    // Pulled snapshots carry their team id already; a snapshot already gone needs nothing.
    if (!row || row.sync_id !== null) return 0
    const syncId = randomUUID()
    statement(db, 'UPDATE device_snapshots SET sync_id = ? WHERE id = ?').run(syncId, localId)
    const snapshot = readSnapshot(db, syncId)
    if (!snapshot) return 0
    this.append(db, 'put', 'deviceSnapshot', syncId, row.client_id, snapshot.fields, {})
    return 1
  }

  private append(
    db: Database.Database,
    op: 'put' | 'delete',
    kind: SyncedKind,
    id: string,
    clientId: string,
    fields: Record<string, unknown>,
    baseVersions: Record<string, number>,
  ): void {
    statement(
      db,
      `INSERT INTO inventory_outbox
         (mutation_id, op, kind, entity_id, client_id, fields, base_versions, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      nextMutationId(db),
      op,
      kind,
      id,
      clientId,
      JSON.stringify(fields),
      JSON.stringify(baseVersions),
      this.now(),
    )
  }

  // ---- the outbox ---------------------------------------------------------------------------

  /** Pending changes after `afterMutationId`, as they are pushed. */
  outboxPage(afterMutationId: number, limit: number): PushMutation[] {
    const rows = statement(
      this.db,
      'SELECT * FROM inventory_outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?',
    ).all(afterMutationId, limit) as OutboxRow[]
    return rows.map((row) => toPushMutation(row))
  }

  count(afterMutationId = 0): number {
    return statement(this.db, 'SELECT count(*) FROM inventory_outbox WHERE mutation_id > ?')
      .pluck()
      .get(afterMutationId) as number
  }

  /**
   * A change the server refused for good leaves the outbox and its row goes back to the base
   * with the other pending changes over it (a refused client removal brings back its rows).
   */
  revertRefused(db: Database.Database, mutationId: number): DroppedInventoryChange | null {
    const row = statement(db, 'SELECT * FROM inventory_outbox WHERE mutation_id = ?').get(
      mutationId,
    ) as OutboxRow | undefined
    if (!row) return null
    statement(db, 'DELETE FROM inventory_outbox WHERE mutation_id = ?').run(mutationId)
    const known = statement(db, 'SELECT 1 FROM inventory_base WHERE kind = ? AND id = ?').get(
      row.kind,
      row.entity_id,
    )
    if (row.op === 'put' && !known) {
      // A row the team never had: it stays here as it is (the technician sees why it was
      // refused); undoing it would delete their work.
    } else if (row.op === 'delete' && row.kind === 'client') {
      this.rebuild(db, 'client', row.entity_id)
      const rows = statement(
        db,
        `SELECT kind, id FROM inventory_base WHERE client_id = ? ORDER BY ${KIND_ORDER}`,
      ).all(row.entity_id) as Array<{ kind: SyncedKind; id: string }>
      for (const r of rows) if (r.kind !== 'client') this.rebuild(db, r.kind, r.id)
    } else {
      this.rebuild(db, row.kind, row.entity_id)
    }
    statement(db, 'DELETE FROM inventory_dirty').run()
    return {
      mutationId,
      clientId: row.client_id,
      intent: intentOf(row.op, row.kind),
      reason: '',
    }
  }

  // ---- pulling ------------------------------------------------------------------------------

  /**
   * One page's inventory rows, inside the page's transaction: changes the server has applied
   * leave the outbox, each row becomes the new base with the pending changes laid over it,
   * and clients no longer in scope go with everything of theirs.
   */
  applyPulled(
    db: Database.Database,
    page: { changes: EntityChange[]; droppedClientIds: string[]; confirmedThrough: number },
  ): DroppedInventoryChange[] {
    const dropped: DroppedInventoryChange[] = []
    statement(db, 'DELETE FROM inventory_outbox WHERE mutation_id <= ?').run(page.confirmedThrough)
    const renamed: string[] = []
    for (const change of page.changes) {
      if (change.kind === 'deviceMoved') {
        dropped.push(...this.movedAway(db, change))
        continue
      }
      if (!isInventoryKind(change.kind)) continue
      const kind = change.kind
      if (change.doc === null) {
        statement(db, 'DELETE FROM inventory_base WHERE kind = ? AND id = ?').run(kind, change.id)
        dropped.push(
          ...this.dropPending(
            db,
            'kind = ? AND entity_id = ?',
            [kind, change.id],
            'removed on the team',
          ),
        )
        deleteLocal(db, kind, change.id)
        continue
      }
      // A saved view comes as the view itself; it has no per-field versions.
      const doc =
        kind === 'savedView'
          ? { fields: change.doc, versions: {}, writers: {} }
          : InventoryDoc.parse(change.doc)
      statement(
        db,
        `INSERT INTO inventory_base (kind, id, client_id, doc) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET client_id = excluded.client_id, doc = excluded.doc`,
      ).run(kind, change.id, change.clientId ?? '', JSON.stringify(doc))
      const clash = this.rebuild(db, kind, change.id)
      // Only a client the team does not have sends its new code. A team client (a stand-in
      // too, whose own row has not come) gave the code up on the team already and its row
      // will say so: sending the made-up code (and a stand-in's made-up name) would raise a
      // conflict its technician never made, or rename the client for everyone.
      if (clash && !statement(db, 'SELECT 1 FROM inventory_base WHERE client_id = ?').get(clash)) {
        renamed.push(clash)
      }
    }
    for (const clientId of page.droppedClientIds) {
      dropped.push(
        ...this.dropPending(db, 'client_id = ?', [clientId], 'no longer one of your clients'),
      )
      statement(db, 'DELETE FROM inventory_base WHERE client_id = ?').run(clientId)
      statement(db, 'DELETE FROM clients WHERE id = ?').run(clientId)
    }
    // What the page wrote is the team's, not a local edit; only the local clients whose short
    // code had to give way to a team client's are edits to send.
    statement(db, 'DELETE FROM inventory_dirty').run()
    for (const id of renamed) {
      statement(db, "INSERT OR IGNORE INTO inventory_dirty (kind, id) VALUES ('client', ?)").run(id)
    }
    return dropped
  }

  /**
   * A device that left the client `change` is of: gone from here unless this installation
   * sees its new client as well.
   */
  private movedAway(db: Database.Database, change: EntityChange): DroppedInventoryChange[] {
    const moved = change.doc as { deviceId?: unknown; to?: unknown } | null
    const deviceId = moved?.deviceId
    if (typeof deviceId !== 'string' || change.clientId === null) return []
    // Seeing its new client too, the installation has the device's row there, or will.
    if (typeof moved?.to === 'string' && clientExists(db, moved.to)) return []
    const here = statement(db, 'SELECT client_id FROM devices WHERE id = ?').pluck().get(deviceId)
    const based = statement(
      db,
      "SELECT client_id FROM inventory_base WHERE kind = 'device' AND id = ?",
    )
      .pluck()
      .get(deviceId)
    if (here !== change.clientId && based !== change.clientId) return []
    statement(db, "DELETE FROM inventory_base WHERE kind = 'device' AND id = ?").run(deviceId)
    deleteLocal(db, 'device', deviceId)
    return this.dropPending(
      db,
      "kind = 'device' AND entity_id = ?",
      [deviceId],
      'moved to a client you do not have',
    )
  }

  /** "Start from the team's data": the local inventory goes (after a backup) and capture starts. */
  dropAll(db: Database.Database): void {
    db.exec(`
      DELETE FROM inventory_capture;
      DELETE FROM clients;
      DELETE FROM inventory_outbox;
      DELETE FROM inventory_base;
      DELETE FROM inventory_dirty;
    `)
  }

  /** Moves pending ids down by `shift` (see renumberOutbox); ascending so none collides. */
  renumber(db: Database.Database, shift: number): void {
    const ids = statement(db, 'SELECT mutation_id FROM inventory_outbox ORDER BY mutation_id')
      .pluck()
      .all() as number[]
    const move = statement(db, 'UPDATE inventory_outbox SET mutation_id = ? WHERE mutation_id = ?')
    for (const id of ids) move.run(id - shift, id)
  }

  private dropPending(
    db: Database.Database,
    where: string,
    params: string[],
    why: string,
  ): DroppedInventoryChange[] {
    const rows = statement(
      db,
      `SELECT mutation_id, op, kind, client_id FROM inventory_outbox WHERE ${where}`,
    ).all(...params) as Array<Pick<OutboxRow, 'mutation_id' | 'op' | 'kind' | 'client_id'>>
    statement(db, `DELETE FROM inventory_outbox WHERE ${where}`).run(...params)
    return rows.map((r) => ({
      mutationId: r.mutation_id,
      clientId: r.client_id,
      intent: intentOf(r.op, r.kind),
      reason: `Not applied: the ${r.kind === 'deviceSnapshot' ? 'snapshot' : r.kind} was ${why}`,
    }))
  }

  private base(db: Database.Database, kind: SyncedKind, id: string): InventoryDoc | null {
    const raw = statement(db, 'SELECT doc FROM inventory_base WHERE kind = ? AND id = ?')
      .pluck()
      .get(kind, id) as string | undefined
    return raw === undefined ? null : (JSON.parse(raw) as InventoryDoc)
  }

  /** The base with every pending change laid over it; null when that leaves no row. */
  private expected(db: Database.Database, kind: SyncedKind, id: string): SyncedRow | null {
    const baseRow = statement(
      db,
      'SELECT client_id, doc FROM inventory_base WHERE kind = ? AND id = ?',
    ).get(kind, id) as { client_id: string; doc: string } | undefined
    let row: SyncedRow | null = baseRow
      ? {
          clientId: baseRow.client_id,
          fields: { ...(JSON.parse(baseRow.doc) as InventoryDoc).fields },
        }
      : null
    const pending = statement(
      db,
      'SELECT op, client_id, fields FROM inventory_outbox WHERE kind = ? AND entity_id = ? ORDER BY mutation_id',
    ).all(kind, id) as Array<Pick<OutboxRow, 'op' | 'client_id' | 'fields'>>
    for (const change of pending) {
      if (change.op === 'delete') row = null
      else {
        row = {
          clientId: change.client_id,
          fields: {
            ...(row?.fields ?? {}),
            ...(JSON.parse(change.fields) as Record<string, unknown>),
          },
        }
      }
    }
    return row
  }

  /**
   * Writes the local row as its base and pending changes say. Returns the id of a local
   * client whose short code was taken by this team client and moved aside, if any.
   */
  private rebuild(db: Database.Database, kind: SyncedKind, id: string): string | null {
    const row = this.expected(db, kind, id)
    if (row === null) {
      deleteLocal(db, kind, id)
      return null
    }
    return this.write(db, kind, id, row)
  }

  /**
   * "Apply mine" on an inventory conflict: the technician's value is written again over the
   * row as it stands, and goes out as a change based on the version just pulled.
   */
  applyMine(db: Database.Database, kind: SyncedKind, id: string, field: string, value: unknown) {
    const row = this.expected(db, kind, id)
    if (row === null) throw new DomainError('not-found', 'That row is no longer in the inventory')
    this.write(db, kind, id, { ...row, fields: { ...row.fields, [field]: value } })
  }

  private write(db: Database.Database, kind: SyncedKind, id: string, row: SyncedRow) {
    const now = this.now()
    if (kind !== 'client' && kind !== 'savedView' && !clientExists(db, row.clientId)) {
      placeholderClient(db, row.clientId, now)
    }
    switch (kind) {
      case 'client':
        return writeClient(db, id, row.fields, now)
      case 'site':
        writeSite(db, id, row.clientId, row.fields, now)
        this.relinkDevices(db, id, row.clientId)
        return null
      case 'device':
        this.writeDevice(db, id, row.clientId, row.fields, now)
        return null
      case 'deviceSnapshot':
        writeSnapshot(db, id, row.fields)
        return null
      case 'savedView':
        writeSavedView(db, id, row.fields, now)
        return null
    }
  }

  /**
   * Devices that came before their site (a page brings a client's rows in the order they were
   * last written, so a site edited after its devices comes after them) were written without
   * it; they get it now. Left without, any later edit of such a device would send its site
   * as cleared and clear it for the whole team.
   */
  private relinkDevices(db: Database.Database, siteId: string, clientId: string): void {
    const waiting = statement(
      db,
      `SELECT d.id FROM devices d JOIN inventory_base b ON b.kind = 'device' AND b.id = d.id
         WHERE d.client_id = ? AND d.site_id IS NULL AND json_extract(b.doc, '$.fields.siteId') = ?`,
    )
      .pluck()
      .all(clientId, siteId) as string[]
    for (const id of waiting) this.rebuild(db, 'device', id)
  }

  private writeDevice(
    db: Database.Database,
    id: string,
    clientId: string,
    fields: Record<string, unknown>,
    now: number,
  ): void {
    const existing = this.devices.find(id)
    const values = {
      ...blankDevice(clientId, String(fields.hostname ?? id)),
      ...fields,
      clientId,
      // The credential names a secret in this technician's vault: it never travels.
      credentialId: existing?.credentialId ?? null,
    } as DeviceValues
    if (
      values.siteId !== null &&
      !statement(db, 'SELECT 1 FROM sites WHERE id = ?').get(values.siteId)
    ) {
      values.siteId = null
    }
    if (existing) {
      this.devices.update(id, values, now)
      return
    }
    this.devices.insertUnchecked(values, now, id)
    // Snapshots that came before their device (another page, another order) follow it now.
    const snapshots = statement(
      db,
      `SELECT id, doc FROM inventory_base WHERE kind = 'deviceSnapshot' AND client_id = ?
         AND json_extract(doc, '$.fields.deviceId') = ?`,
    ).all(clientId, id) as Array<{ id: string; doc: string }>
    for (const snapshot of snapshots) {
      writeSnapshot(db, snapshot.id, (JSON.parse(snapshot.doc) as InventoryDoc).fields)
    }
  }
}

function intentOf(op: 'put' | 'delete', kind: SyncedKind): PushMutation['intent'] {
  if (kind === 'savedView') return op === 'put' ? 'views.put' : 'views.delete'
  return op === 'put' ? 'inventory.put' : 'inventory.delete'
}

function toPushMutation(row: OutboxRow): PushMutation {
  const base = {
    mutationId: row.mutation_id,
    baseVersions: JSON.parse(row.base_versions) as Record<string, number>,
    createdAt: row.created_at,
  }
  if (row.kind === 'savedView') {
    return row.op === 'put'
      ? {
          ...base,
          intent: 'views.put',
          payload: { id: row.entity_id, view: JSON.parse(row.fields) as unknown },
        }
      : { ...base, intent: 'views.delete', payload: { id: row.entity_id } }
  }
  return row.op === 'put'
    ? {
        ...base,
        intent: 'inventory.put',
        payload: {
          kind: row.kind,
          id: row.entity_id,
          clientId: row.client_id,
          fields: JSON.parse(row.fields) as unknown,
        },
      }
    : {
        ...base,
        intent: 'inventory.delete',
        payload: { kind: row.kind, id: row.entity_id, clientId: row.client_id },
      }
}

/**
 * The next id in the one order of this installation's changes: the ticket outbox's
 * AUTOINCREMENT sequence, which SQLite keeps above every id it gave out.
 */
export function nextMutationId(db: Database.Database): number {
  statement(
    db,
    `INSERT INTO sqlite_sequence (name, seq)
     SELECT 'ticket_outbox', coalesce((SELECT max(mutation_id) FROM ticket_outbox), 0)
     WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'ticket_outbox')`,
  ).run()
  return statement(
    db,
    `UPDATE sqlite_sequence
       SET seq = max(seq, coalesce((SELECT max(mutation_id) FROM inventory_outbox), 0)) + 1
       WHERE name = 'ticket_outbox' RETURNING seq`,
  )
    .pluck()
    .get() as number
}

function clientExists(db: Database.Database, id: string): boolean {
  return statement(db, 'SELECT 1 FROM clients WHERE id = ?').get(id) !== undefined
}

/** The synced fields of a local row; null when there is none. */
function readLocal(db: Database.Database, kind: SyncedKind, id: string): SyncedRow | null {
  switch (kind) {
    case 'client': {
      const c = statement(db, 'SELECT * FROM clients WHERE id = ?').get(id) as
        Record<string, string | number> | undefined
      if (!c) return null
      return {
        clientId: id,
        fields: {
          name: c.name,
          shortCode: c.short_code,
          contractTier: c.contract_tier,
          notes: c.notes,
          onlineMinutes: c.online_minutes,
          staleMinutes: c.stale_minutes,
        },
      }
    }
    case 'site': {
      const s = statement(db, 'SELECT * FROM sites WHERE id = ?').get(id) as
        Record<string, string> | undefined
      if (!s) return null
      return {
        clientId: s.client_id as string,
        fields: {
          name: s.name,
          address: s.address,
          timeZone: s.time_zone,
          businessHours: JSON.parse(s.business_hours as string) as unknown,
        },
      }
    }
    case 'device': {
      const d = statement(db, 'SELECT * FROM devices WHERE id = ?').get(id) as
        DeviceDbRow | undefined
      if (!d) return null
      const { clientId, credentialId: _credential, ...fields } = valuesFromRow(d)
      void _credential
      return { clientId, fields }
    }
    case 'deviceSnapshot':
      return readSnapshot(db, id)
    case 'savedView': {
      const view = savedViews(db).find((v) => v.id === id)
      return view ? { clientId: '', fields: view } : null
    }
  }
}

/** The technician's saved views of the device table, as the setting holds them. */
function savedViews(db: Database.Database): Array<Record<string, unknown> & { id: string }> {
  const raw = statement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(VIEWS_KEY) as
    string | undefined
  const parsed = raw === undefined ? [] : (JSON.parse(raw) as unknown)
  return Array.isArray(parsed)
    ? parsed.filter(
        (v): v is Record<string, unknown> & { id: string } =>
          typeof (v as { id?: unknown } | null)?.id === 'string',
      )
    : []
}

function setSavedViews(db: Database.Database, views: unknown[], now: number): void {
  statement(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(VIEWS_KEY, JSON.stringify(views), now)
}

/** A pulled view takes its place in the list (a new one goes last). */
function writeSavedView(
  db: Database.Database,
  id: string,
  view: Record<string, unknown>,
  now: number,
): void {
  const views = savedViews(db)
  const at = views.findIndex((v) => v.id === id)
  const next = { ...view, id }
  if (at >= 0) views[at] = next
  else views.push(next)
  setSavedViews(db, views, now)
}

function readSnapshot(db: Database.Database, syncId: string): SyncedRow | null {
  const s = statement(
    db,
    `SELECT s.id, s.device_id, s.collected_at, s.source, s.facts, s.problems, d.client_id
       FROM device_snapshots s JOIN devices d ON d.id = s.device_id WHERE s.sync_id = ?`,
  ).get(syncId) as
    | {
        id: number
        device_id: string
        collected_at: number
        source: string
        facts: string
        problems: string
        client_id: string
      }
    | undefined
  if (!s) return null
  const changes = statement(
    db,
    'SELECT at, field, summary, before, after FROM device_changes WHERE snapshot_id = ? ORDER BY id',
  ).all(s.id) as Array<{
    at: number
    field: string
    summary: string
    before: string | null
    after: string | null
  }>
  return {
    clientId: s.client_id,
    fields: {
      deviceId: s.device_id,
      collectedAt: s.collected_at,
      source: s.source,
      facts: JSON.parse(s.facts) as unknown,
      problems: JSON.parse(s.problems) as unknown,
      changes: changes.map((c) => ({
        at: c.at,
        field: c.field,
        summary: c.summary,
        before: c.before === null ? null : (JSON.parse(c.before) as unknown),
        after: c.after === null ? null : (JSON.parse(c.after) as unknown),
      })),
    },
  }
}

function deleteLocal(db: Database.Database, kind: SyncedKind, id: string): void {
  const table = { client: 'clients', site: 'sites', device: 'devices' } as const
  if (kind === 'savedView') {
    const views = savedViews(db)
    if (views.some((v) => v.id === id)) {
      const updated = statement(db, 'SELECT updated_at FROM settings WHERE key = ?').pluck()
      setSavedViews(
        db,
        views.filter((v) => v.id !== id),
        updated.get(VIEWS_KEY) as number,
      )
    }
  } else if (kind === 'deviceSnapshot') {
    statement(db, 'DELETE FROM device_snapshots WHERE sync_id = ?').run(id)
  } else {
    statement(db, `DELETE FROM ${table[kind]} WHERE id = ?`).run(id)
  }
}

/**
 * A team client's row. A local client holding the same short code (made here and not yet
 * sent) gives it up: its code gets a suffix, and that rename is sent like any edit.
 */
function writeClient(
  db: Database.Database,
  id: string,
  f: Record<string, unknown>,
  now: number,
): string | null {
  const code = String(f.shortCode)
  const holder = statement(
    db,
    'SELECT id FROM clients WHERE short_code = ? COLLATE NOCASE AND id <> ?',
  )
    .pluck()
    .get(code, id) as string | undefined
  if (holder !== undefined) {
    statement(db, 'UPDATE clients SET short_code = ? WHERE id = ?').run(
      freeShortCode(db, `${code.slice(0, 11)}-${holder.slice(0, 4)}`, holder),
      holder,
    )
  }
  statement(
    db,
    `INSERT INTO clients (id, name, short_code, contract_tier, notes, online_minutes, stale_minutes,
       created_at, updated_at) VALUES (@id, @name, @shortCode, @contractTier, @notes,
       @onlineMinutes, @staleMinutes, @now, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, short_code = excluded.short_code,
       contract_tier = excluded.contract_tier, notes = excluded.notes,
       online_minutes = excluded.online_minutes, stale_minutes = excluded.stale_minutes,
       updated_at = excluded.updated_at`,
  ).run({
    id,
    name: f.name,
    shortCode: code,
    contractTier: f.contractTier,
    notes: f.notes,
    onlineMinutes: f.onlineMinutes,
    staleMinutes: f.staleMinutes,
    now,
  })
  return holder ?? null
}

/** A client the team has rows of but whose own row has not come yet: named by its id. */
function placeholderClient(db: Database.Database, id: string, now: number): void {
  statement(
    db,
    `INSERT INTO clients (id, name, short_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(id, `Client ${id.slice(0, 8)}`, freeShortCode(db, `C-${id.slice(0, 8)}`, id), now, now)
}

/**
 * `wanted`, or a variant of it no other client here holds. Short codes are unique in this
 * store, and a code made up while applying a page may already be taken (time-ordered ids made
 * in one minute share their first characters; a team client may hold any code): the
 * constraint would fail the page on every retry and stall sync for good.
 */
function freeShortCode(db: Database.Database, wanted: string, id: string): string {
  const taken = statement(
    db,
    'SELECT 1 FROM clients WHERE short_code = ? COLLATE NOCASE AND id <> ?',
  )
  let code = wanted
  for (let n = 1; taken.get(code, id) !== undefined; n += 1) {
    code = `${wanted.slice(0, 11)}-${n.toString(36)}`
  }
  return code
}

function writeSite(
  db: Database.Database,
  id: string,
  clientId: string,
  f: Record<string, unknown>,
  now: number,
): void {
  const timeZone = String(f.timeZone ?? 'UTC')
  statement(
    db,
    `INSERT INTO sites (id, client_id, name, address, time_zone, business_hours, created_at,
       updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, name = excluded.name,
       address = excluded.address, time_zone = excluded.time_zone,
       business_hours = excluded.business_hours, updated_at = excluded.updated_at`,
  ).run(
    id,
    clientId,
    String(f.name ?? ''),
    String(f.address ?? ''),
    timeZone,
    JSON.stringify(f.businessHours ?? defaultBusinessHours(timeZone)),
    now,
    now,
  )
}

/** A pulled snapshot and its changes; skipped while its device is not here. */
function writeSnapshot(db: Database.Database, syncId: string, f: Record<string, unknown>): void {
  if (statement(db, 'SELECT 1 FROM device_snapshots WHERE sync_id = ?').get(syncId)) return
  if (!statement(db, 'SELECT 1 FROM devices WHERE id = ?').get(f.deviceId)) return
  const snapshotId = statement(
    db,
    `INSERT INTO device_snapshots (device_id, collected_at, source, facts, problems, sync_id)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .pluck()
    .get(
      f.deviceId,
      f.collectedAt,
      f.source,
      JSON.stringify(f.facts ?? {}),
      JSON.stringify(f.problems ?? []),
      syncId,
    ) as number
  const insert = statement(
    db,
    `INSERT INTO device_changes (device_id, snapshot_id, at, field, summary, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const changes = (f.changes ?? []) as Array<{
    at: number
    field: string
    summary: string
    before: unknown
    after: unknown
  }>
  for (const c of changes) {
    insert.run(
      f.deviceId,
      snapshotId,
      c.at,
      c.field,
      c.summary,
      c.before === null || c.before === undefined ? null : JSON.stringify(c.before),
      c.after === null || c.after === undefined ? null : JSON.stringify(c.after),
    )
  }
}
