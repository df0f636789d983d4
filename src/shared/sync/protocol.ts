import { z } from 'zod'
import { TICKET_INTENTS } from '../domain/tickets/values'
import { INVENTORY_INTENTS } from './inventory'
import { SAVED_VIEW_INTENTS } from './saved-views'

/**
 * The team sync protocol, version 1: push sends an installation's outbox in order, pull brings
 * the changed rows of the caller's scope in pages. Shared by the app and the server.
 *
 * Ordering is the server's: every change of a client's (tenant's) rows takes the next version
 * of that tenant under a row lock, so versions commit in order and a cursor per tenant never
 * skips a row. Client clocks order nothing.
 */

const Id = z.string().min(1).max(100)
const Uuid = z.uuid()

/** One outbox entry as it travels. The payload is checked against its intent on the server. */
export const PushMutation = z
  .object({
    /** Strictly increasing per installation; the server accepts only last + 1. */
    mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    intent: z.enum([...TICKET_INTENTS, ...INVENTORY_INTENTS, ...SAVED_VIEW_INTENTS]),
    payload: z.record(z.string(), z.unknown()),
    /** Per field, the version of the copy the change was made on (0: none); checked per kind. */
    baseVersions: z
      .record(z.string().max(100), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
      .refine((v) => Object.keys(v).length <= 200, 'too many fields'),
    createdAt: z.number().int(),
  })
  .strict()
export type PushMutation = z.infer<typeof PushMutation>

export const MAX_PUSH_BATCH = 500

export const PushRequest = z
  .object({ mutations: z.array(PushMutation).min(1).max(MAX_PUSH_BATCH) })
  .strict()
export type PushRequest = z.infer<typeof PushRequest>

/** What became of one mutation. Every outcome but a transient error advances the id. */
export const MutationOutcome = z.discriminatedUnion('status', [
  z.object({ mutationId: z.number().int(), status: z.literal('applied') }),
  /** A replay of one the server has applied before: nothing happened now. */
  z.object({ mutationId: z.number().int(), status: z.literal('already-applied') }),
  /** Applied, but some fields were stale and were not: see the conflicts the next pull brings. */
  z.object({
    mutationId: z.number().int(),
    status: z.literal('conflict'),
    conflictIds: z.array(Uuid),
  }),
  /** Can never apply (permissions, a rule); the reason goes back to the technician. */
  z.object({ mutationId: z.number().int(), status: z.literal('rejected'), reason: z.string() }),
])
export type MutationOutcome = z.infer<typeof MutationOutcome>

export const PushResponse = z.object({
  outcomes: z.array(MutationOutcome),
  /** The installation's last applied mutation id after this push. */
  lastMutationId: z.number().int().nonnegative(),
  /** Set when the batch stopped early: the rest is to be sent again later. */
  stopped: z.object({ mutationId: z.number().int(), reason: z.string() }).optional(),
})
export type PushResponse = z.infer<typeof PushResponse>

/** The kinds of rows a pull brings. */
export const ENTITY_KINDS = [
  'client',
  'site',
  'device',
  'deviceSnapshot',
  /** A device left this client for another: drop it unless it is already under the new one. */
  'deviceMoved',
  'ticket',
  'savedView',
  'conflict',
] as const
export const EntityKind = z.enum(ENTITY_KINDS)
export type EntityKind = z.infer<typeof EntityKind>

/** One changed row; `doc` null is a tombstone (the row was deleted). */
export const EntityChange = z.object({
  kind: EntityKind,
  id: Id,
  /** The row's client; null for a technician's own rows (saved views). */
  clientId: Uuid.nullable(),
  version: z.number().int().positive(),
  doc: z.record(z.string(), z.unknown()).nullable(),
})
export type EntityChange = z.infer<typeof EntityChange>

/** Opaque to the app: it sends back what the last page gave it (null on the first pull). */
export const PullCursor = z.string().max(1_000_000)

export const PullRequest = z
  .object({ cursor: PullCursor.nullable(), limit: z.number().int().min(1).max(5000).default(1000) })
  .strict()
export type PullRequest = z.infer<typeof PullRequest>

export const PullResponse = z.object({
  changes: z.array(EntityChange),
  /** Clients no longer in the caller's scope: the installation drops their rows. */
  droppedClientIds: z.array(Uuid),
  cursor: PullCursor,
  /** More pages wait; pull again at once with the new cursor. */
  hasMore: z.boolean(),
  /** How far the server has applied this installation's outbox. */
  lastMutationId: z.number().int().nonnegative(),
})
export type PullResponse = z.infer<typeof PullResponse>

/** A conflict as the author's installation pulls it (an EntityChange of kind 'conflict'). */
export const ConflictDoc = z.object({
  id: Uuid,
  /** What was edited: a ticket (the default), or an inventory row. */
  entity: z.enum(['ticket', 'client', 'site', 'device']).default('ticket'),
  /** The edited row's id (a ticket's, or the client's, site's or device's). */
  ticketId: z.string(),
  ticketNumber: z.string(),
  subject: z.string(),
  field: z.string(),
  theirs: z.unknown(),
  mine: z.unknown(),
  /** Who set the value that stands, and when (server time), from the ticket's timeline. */
  theirActor: z.string().nullable(),
  theirAt: z.number().nullable(),
  mutationId: z.number().int(),
  createdAt: z.number(),
})
export type ConflictDoc = z.infer<typeof ConflictDoc>

/** A poke over the realtime stream: something in scope changed; pull. */
export const Poke = z.object({ type: z.literal('poke'), clientId: Uuid.optional() })
