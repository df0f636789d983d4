import { z } from 'zod'
import { clientFields, deviceFields, Hostname, siteFields } from '../contract/inventory'

/**
 * Inventory rows as team sync carries them: clients, sites, devices and collected snapshots
 * (facts with the changes found against the one before). Each row is a document of fields;
 * the server keeps a version and the writing installation per field, so two technicians'
 * edits of different fields of one device both stand, and an edit made from a stale copy of
 * a field is recorded as a conflict for its author instead of silently winning.
 */

export const INVENTORY_INTENTS = ['inventory.put', 'inventory.delete'] as const
export type InventoryIntent = (typeof INVENTORY_INTENTS)[number]

export const INVENTORY_KINDS = ['client', 'site', 'device', 'deviceSnapshot'] as const
export const InventoryKind = z.enum(INVENTORY_KINDS)
export type InventoryKind = z.infer<typeof InventoryKind>

const Id = z.string().min(1).max(100)
const Millis = z.number().int()

/** What travels of a device: everything but its client (the row's tenant) and its vault
 * credential, which names a secret in one technician's own vault and means nothing elsewhere. */
const { credentialId: _localCredential, ...sharedDeviceFields } = deviceFields
void _localCredential

/** Deeper than any collection nests facts; the check itself must not recurse. */
const MAX_JSON_DEPTH = 64

function nestsWithin(value: unknown, depth: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue
    if (next.depth >= depth) return false
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth: next.depth + 1 })
    }
  }
  return true
}

/**
 * Collected JSON. Nesting is bounded because each later reader walks it recursively (the
 * server's JSON.stringify, PostgreSQL's jsonb): a stack overflow there is no refusal, it
 * fails the push on every retry and stalls the installation's queue for good.
 */
const CollectedJson = z.unknown().refine((value) => nestsWithin(value, MAX_JSON_DEPTH), {
  message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
})

export const SnapshotChange = z
  .object({
    at: Millis,
    field: z.string().max(500),
    summary: z.string().max(2000),
    before: CollectedJson,
    after: CollectedJson,
  })
  .strict()
export type SnapshotChange = z.infer<typeof SnapshotChange>

/** Each kind's fields, complete: a new row must have every required one. */
export const INVENTORY_FIELDS = {
  client: z.object(clientFields).strict(),
  site: z.object(siteFields).strict(),
  device: z.object({ hostname: Hostname, ...sharedDeviceFields }).strict(),
  deviceSnapshot: z
    .object({
      deviceId: Id,
      collectedAt: Millis,
      source: z.enum(['ssh', 'winrm']),
      facts: z.record(z.string(), CollectedJson),
      problems: z.array(z.string().max(2000)).max(500),
      changes: z.array(SnapshotChange).max(5000),
    })
    .strict(),
} as const

/** The part of a row one change sets: any subset of its kind's fields. */
export const INVENTORY_PATCHES = {
  client: INVENTORY_FIELDS.client.partial(),
  site: INVENTORY_FIELDS.site.partial(),
  device: INVENTORY_FIELDS.device.partial(),
  deviceSnapshot: INVENTORY_FIELDS.deviceSnapshot.partial(),
} as const

/** inventory.put: create the row or set some of its fields. */
export const InventoryPut = z
  .object({
    kind: InventoryKind,
    id: Id,
    clientId: z.uuid(),
    fields: z.record(z.string(), z.unknown()),
  })
  .strict()
export type InventoryPut = z.infer<typeof InventoryPut>

/** inventory.delete: the row goes (a tombstone for everyone who has it). */
export const InventoryDelete = z
  .object({ kind: InventoryKind, id: Id, clientId: z.uuid() })
  .strict()
export type InventoryDelete = z.infer<typeof InventoryDelete>

/** A row as the server stores it and a pull brings it. */
export const InventoryDoc = z.object({
  fields: z.record(z.string(), z.unknown()),
  /** The server version at which each field was last set. */
  versions: z.record(z.string(), z.number().int().nonnegative()),
  /** The installation that last set each field (its own later edits never conflict). */
  writers: z.record(z.string(), z.string()),
})
export type InventoryDoc = z.infer<typeof InventoryDoc>

/** The claim a client's short code holds on the server: no two clients of a team share one. */
export const shortCodeKey = (code: string): string => `client-code:${code.toLowerCase()}`

export function isInventoryIntent(intent: string): intent is InventoryIntent {
  return (INVENTORY_INTENTS as readonly string[]).includes(intent)
}

/** Kinds whose rows are facts as collected: written once, never edited, never in conflict. */
export const APPEND_ONLY_KINDS: readonly InventoryKind[] = ['deviceSnapshot']

export interface InventoryMerge {
  doc: InventoryDoc
  /** Fields whose change was made from a stale copy and was not applied. */
  conflicts: Array<{ field: string; theirs: unknown; mine: unknown }>
}

/**
 * Applies a put's fields to the stored row, last writer wins in server order: each field
 * takes `version`, unless the writer's base version of it is older than the stored one and
 * another installation set it since (then it is a conflict and the stored value stays).
 */
export function mergeInventoryFields(
  current: InventoryDoc | null,
  fields: Record<string, unknown>,
  baseVersions: Record<string, number>,
  options: { version: number; installationId: string },
): InventoryMerge {
  const doc: InventoryDoc = current
    ? {
        fields: { ...current.fields },
        versions: { ...current.versions },
        writers: { ...current.writers },
      }
    : { fields: {}, versions: {}, writers: {} }
  const conflicts: InventoryMerge['conflicts'] = []
  for (const [field, value] of Object.entries(fields)) {
    const stored = doc.versions[field] ?? 0
    const base = baseVersions[field] ?? 0
    const sameValue = JSON.stringify(doc.fields[field]) === JSON.stringify(value)
    if (current && stored > base && doc.writers[field] !== options.installationId && !sameValue) {
      conflicts.push({ field, theirs: doc.fields[field], mine: value })
      continue
    }
    doc.fields[field] = value
    doc.versions[field] = options.version
    doc.writers[field] = options.installationId
  }
  return { doc, conflicts }
}
