/**
 * Inventory changes pushed by an installation: clients, sites, devices and collected
 * snapshots, each a document of fields merged last-writer-wins per field in server order.
 * Scope is checked by the rows themselves: under row-level security a client the caller is
 * not assigned is not there, so a put into it finds no version to take and is refused.
 */
import { randomUUID } from 'node:crypto'
import {
  APPEND_ONLY_KINDS,
  INVENTORY_FIELDS,
  INVENTORY_PATCHES,
  InventoryDelete,
  InventoryDoc,
  InventoryPut,
  mergeInventoryFields,
  shortCodeKey,
  type InventoryKind,
} from '../../shared/sync/inventory'
import type { ConflictDoc, PushMutation } from '../../shared/sync/protocol'
import type { Principal } from '../auth/auth-service'
import type { Sql } from '../db/database'
import { insertConflict } from './conflict-rows'
import type { IntentResult } from './intent-result'

export interface InventoryIntentTools {
  /** The client's next version (locked until commit), or null when it is not the caller's. */
  nextVersion(clientId: string): Promise<number | null>
  /** Refuses text PostgreSQL cannot store; null when the value is fine. */
  unstorable(value: unknown): string | null
  now(): number
}

const NOUN: Record<InventoryKind, string> = {
  client: 'client',
  site: 'site',
  device: 'device',
  deviceSnapshot: 'collected snapshot',
}

export async function applyInventoryIntent(
  sql: Sql,
  principal: Principal,
  pushed: PushMutation,
  tools: InventoryIntentTools,
): Promise<IntentResult> {
  const rejected = (reason: string): IntentResult => ({
    outcome: { mutationId: pushed.mutationId, status: 'rejected', reason },
    changedClientId: null,
  })
  const applied = (clientId: string | null): IntentResult => ({
    outcome: { mutationId: pushed.mutationId, status: 'applied' },
    changedClientId: clientId,
  })
  const parsed =
    pushed.intent === 'inventory.put'
      ? InventoryPut.safeParse(pushed.payload)
      : InventoryDelete.safeParse(pushed.payload)
  if (!parsed.success) return rejected('The inventory change is not in a form this server accepts')
  const { kind, id, clientId } = parsed.data
  const noun = NOUN[kind]
  // A client's row is its own tenant. Any other id would file one client's row under
  // another's (reaching that client's other technicians), and one that is no uuid fails the
  // clients lookup on every retry, stalling the queue.
  if (kind === 'client' && id !== clientId) {
    return rejected('A client’s row must carry its own id as its client')
  }
  const existing = await sql.query<{ client_id: string; doc: unknown }>(
    'SELECT client_id, doc FROM entities WHERE kind = $1 AND id = $2 FOR UPDATE',
    [kind, id],
  )
  const row = existing.rows[0]
  if (row && row.client_id !== clientId && kind !== 'device') {
    return rejected(`A ${noun} stays with its client; this one belongs to another`)
  }
  const current = row?.doc ? InventoryDoc.parse(row.doc) : null

  if (!('fields' in parsed.data)) {
    if (kind === 'client') {
      if (principal.role === 'technician') return rejected('Only leads and admins remove clients')
      // By the clients table, not the client's row: a client made before inventory travelled
      // has none, and its removal answered 'applied' while the team kept it. Its rows
      // cascade; every installation that had it drops it on its next pull.
      const removed = await sql.query('DELETE FROM clients WHERE id = $1 RETURNING 1', [id])
      return applied(removed.rows.length > 0 ? id : null)
    }
    if (!row || row.doc === null) return applied(null)
    await tombstone(sql, tools, row.client_id, kind, id)
    if (kind === 'device') {
      // Its collected snapshots go with it, each under its own version so no page splits them.
      const snapshots = await sql.query<{ id: string }>(
        `SELECT id FROM entities WHERE kind = 'deviceSnapshot' AND client_id = $1
         AND doc->'fields'->>'deviceId' = $2 FOR UPDATE`,
        [row.client_id, id],
      )
      for (const s of snapshots.rows) {
        await tombstone(sql, tools, row.client_id, 'deviceSnapshot', s.id)
      }
    }
    return applied(row.client_id)
  }

  const fields = INVENTORY_PATCHES[kind].safeParse(parsed.data.fields)
  if (!fields.success) {
    const issue = fields.error.issues[0]
    return rejected(
      `The ${noun}'s ${issue?.path.join('.') || 'fields'} cannot be stored: ${issue?.message ?? 'invalid'}`,
    )
  }
  if (row && row.doc === null) return rejected(`That ${noun} was removed on the team`)
  if (row && APPEND_ONLY_KINDS.includes(kind)) return applied(null)

  // Checked before anything is written: a refused change (or a stale one, kept as a
  // conflict) must claim no short code and rename no client, or the team's claims drift from
  // its rows and a second client can take a code the first still shows.
  const preview = mergeInventoryFields(current, fields.data, pushed.baseVersions, {
    version: 0,
    installationId: principal.installationId,
  })
  if (!current) {
    const complete = INVENTORY_FIELDS[kind].safeParse(preview.doc.fields)
    if (!complete.success) {
      const missing = complete.error.issues[0]?.path.join('.') ?? 'fields'
      return rejected(`A new ${noun} needs ${missing}`)
    }
  }
  const invalid = invalidRow(kind, preview.doc.fields)
  if (invalid) return rejected(invalid)
  const unstorable = tools.unstorable(preview.doc)
  if (unstorable) return rejected(unstorable)

  if (kind === 'client') {
    const stale = new Set(preview.conflicts.map((c) => c.field))
    const named = fields.data as { name?: string; shortCode?: string }
    const refused = await putClientRow(
      sql,
      principal,
      id,
      {
        name: stale.has('name') ? undefined : named.name,
        shortCode: stale.has('shortCode') ? undefined : named.shortCode,
      },
      current !== null,
    )
    if (refused) return rejected(refused)
  }
  const version = await tools.nextVersion(clientId)
  if (version === null) return rejected('That client is not one of yours on the team')
  if (kind === 'deviceSnapshot' && 'deviceId' in fields.data) {
    const device = await sql.query(
      "SELECT 1 FROM entities WHERE kind = 'device' AND id = $1 AND client_id = $2 AND doc IS NOT NULL",
      [fields.data.deviceId, clientId],
    )
    if (device.rows.length === 0)
      return rejected('The snapshot is of a device the team does not have')
  }
  // Another client's site would tie the device to rows its client's technicians cannot see;
  // an app that has both could no longer save the device. The answer is the same whether the
  // site is another client's or no one's, so it tells nothing of other clients.
  const siteId = preview.doc.fields.siteId
  const siteSet = 'siteId' in fields.data || (row !== undefined && row.client_id !== clientId)
  if (kind === 'device' && siteSet && typeof siteId === 'string') {
    const site = await sql.query(
      "SELECT 1 FROM entities WHERE kind = 'site' AND id = $1 AND client_id = $2 AND doc IS NOT NULL",
      [siteId, clientId],
    )
    if (site.rows.length === 0) return rejected('The device’s site is not one of its client’s')
  }
  const merged = mergeInventoryFields(current, fields.data, pushed.baseVersions, {
    version,
    installationId: principal.installationId,
  })
  await sql.query(
    `INSERT INTO entities (kind, id, client_id, version, doc) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, id) DO UPDATE
       SET client_id = excluded.client_id, version = excluded.version, doc = excluded.doc`,
    [kind, id, clientId, version, JSON.stringify(merged.doc)],
  )
  if (row && row.client_id !== clientId) {
    // A device moved to another client: the old client's stream says so, for installations
    // that see the old client but not the new one (nothing else there mentions it again).
    const moved = await tools.nextVersion(row.client_id)
    await sql.query(
      `INSERT INTO entities (kind, id, client_id, version, doc) VALUES ('deviceMoved', $1, $2, $3, $4)`,
      [`${id}@${moved}`, row.client_id, moved, JSON.stringify({ deviceId: id, to: clientId })],
    )
  }
  const conflictIds: string[] = []
  for (const conflict of merged.conflicts) {
    const doc: ConflictDoc = {
      id: randomUUID(),
      entity: kind === 'deviceSnapshot' ? 'device' : kind,
      ticketId: id,
      ticketNumber: '',
      subject: String(merged.doc.fields.hostname ?? merged.doc.fields.name ?? id),
      field: conflict.field,
      theirs: conflict.theirs,
      mine: conflict.mine,
      theirActor: await writerName(sql, current?.writers[conflict.field]),
      theirAt: null,
      mutationId: pushed.mutationId,
      createdAt: tools.now(),
    }
    await insertConflict(
      sql,
      doc,
      clientId,
      await tools.nextVersion(clientId),
      principal.technicianId,
    )
    conflictIds.push(doc.id)
  }
  return {
    outcome:
      conflictIds.length > 0
        ? { mutationId: pushed.mutationId, status: 'conflict', conflictIds }
        : { mutationId: pushed.mutationId, status: 'applied' },
    changedClientId: clientId,
  }
}

/**
 * The clients table row behind a client put: a new client (leads and admins only), its
 * name kept in step, and its short code claimed so no two clients of the team share one.
 */
async function putClientRow(
  sql: Sql,
  principal: Principal,
  id: string,
  fields: { name?: string | undefined; shortCode?: string | undefined },
  exists: boolean,
): Promise<string | null> {
  const visible = await sql.query('SELECT 1 FROM clients WHERE id = $1', [id])
  if (visible.rows.length === 0) {
    if (exists) return 'That client is not one of yours on the team'
    if (principal.role === 'technician') return 'Only leads and admins add clients to the team'
    const inserted = await sql.query(
      'INSERT INTO clients (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING 1',
      [id, fields.name ?? 'Unnamed client'],
    )
    if (inserted.rows.length === 0) return 'That client is not one of yours on the team'
  } else if (fields.name !== undefined) {
    await sql.query('UPDATE clients SET name = $2 WHERE id = $1', [id, fields.name])
  }
  if (fields.shortCode === undefined) return null
  const key = shortCodeKey(fields.shortCode)
  // DO NOTHING, then look: a claim held for another client may be one the caller cannot
  // see, and updating an invisible row is an error rather than a miss.
  const claimed = await sql.query(
    `INSERT INTO ticket_keys (key, ticket_id, client_id) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO NOTHING RETURNING 1`,
    [key, id, id],
  )
  if (claimed.rows.length === 0) {
    const ours = await sql.query('SELECT 1 FROM ticket_keys WHERE key = $1 AND ticket_id = $2', [
      key,
      id,
    ])
    if (ours.rows.length === 0) {
      return `Another client of the team has the short code ${fields.shortCode}`
    }
  }
  await sql.query(
    "DELETE FROM ticket_keys WHERE ticket_id = $1 AND key LIKE 'client-code:%' AND key <> $2",
    [id, key],
  )
  return null
}

/**
 * What the fields allow one by one but the row as a whole must not be (every installation's
 * store refuses it, so a pull bringing it could never be applied). Checked on the merged row:
 * two edits of different fields, each fine, may make it together.
 */
function invalidRow(kind: InventoryKind, fields: Record<string, unknown>): string | null {
  if (kind !== 'client') return null
  const { onlineMinutes, staleMinutes } = fields
  if (
    typeof onlineMinutes === 'number' &&
    typeof staleMinutes === 'number' &&
    staleMinutes < onlineMinutes
  ) {
    return `The client's stale threshold (${staleMinutes} min) cannot be below its online one (${onlineMinutes} min)`
  }
  return null
}

/** The display name of the technician whose installation wrote a field last. */
async function writerName(sql: Sql, installationId: string | undefined): Promise<string | null> {
  if (installationId === undefined) return null
  const { rows } = await sql.query<{ display_name: string }>(
    `SELECT t.display_name FROM installations i JOIN technicians t ON t.id = i.technician_id
     WHERE i.id = $1`,
    [installationId],
  )
  return rows[0]?.display_name ?? null
}

async function tombstone(
  sql: Sql,
  tools: InventoryIntentTools,
  clientId: string,
  kind: InventoryKind,
  id: string,
): Promise<void> {
  await sql.query('UPDATE entities SET doc = NULL, version = $3 WHERE kind = $1 AND id = $2', [
    kind,
    id,
    await tools.nextVersion(clientId),
  ])
}
