/**
 * The payloads of outbox mutations: each intent as it was applied locally, with every value
 * it generated (ids, the ticket number, the instant), so replaying it — on top of a newer base
 * here, or on the team server — gives the same result. Shared by the app and the sync server.
 */
import { z } from 'zod'
import { SlaPriority } from '../sla'
import { IMPACT_LEVELS } from './priority'
import { TICKET_STATUSES } from './status'
import { NOTE_VISIBILITIES, TICKET_INTENTS, TICKET_TYPES, WORK_TYPES } from './values'

const Id = z.string().min(1).max(100)
const Instant = z.number().int()
const Impact = z.enum(IMPACT_LEVELS)
const nullableText = z.string().nullable()

/** Who did it and when; every payload has these. */
const stamp = { at: Instant, actor: z.string().min(1).max(200) }

/** A contact as stored: absent parts are null. */
export const ContactValue = z
  .object({ name: nullableText, email: nullableText, phone: nullableText })
  .strict()
/** A contact as stored. */
export type ContactValue = z.infer<typeof ContactValue>

/** The editable text fields of tickets.update, each optional. */
export const TicketChanges = z
  .object({
    subject: z.string().min(1).max(300).optional(),
    description: z.string().max(100_000).optional(),
    contact: ContactValue.partial().strict().optional(),
    type: z.enum(TICKET_TYPES).optional(),
    board: z.string().min(1).max(100).optional(),
    siteId: Id.nullable().optional(),
    dueAt: Instant.nullable().optional(),
  })
  .strict()
/** The editable text fields of tickets.update. */
export type TicketChanges = z.infer<typeof TicketChanges>

/** Payload schema of each intent. */
export const MUTATION_PAYLOADS = {
  'tickets.create': z
    .object({
      ...stamp,
      id: Id,
      number: z.string().min(1).max(40),
      clientId: Id,
      siteId: Id.nullable(),
      devices: z.array(z.object({ id: Id, hostname: z.string() }).strict()).max(50),
      subject: z.string().min(1).max(300),
      description: z.string().max(100_000),
      contact: ContactValue,
      type: z.enum(TICKET_TYPES),
      board: z.string().min(1).max(100),
      impact: Impact,
      urgency: Impact,
      /** A priority set by hand; null: from the matrix. */
      priority: SlaPriority.nullable(),
      assignee: nullableText,
      dueAt: Instant.nullable(),
    })
    .strict(),
  'tickets.update': z.object({ ...stamp, id: Id, changes: TicketChanges }).strict(),
  'tickets.setStatus': z.object({ ...stamp, id: Id, status: z.enum(TICKET_STATUSES) }).strict(),
  'tickets.setPriority': z
    .object({
      ...stamp,
      id: Id,
      impact: Impact.optional(),
      urgency: Impact.optional(),
      priority: SlaPriority.nullable().optional(),
    })
    .strict(),
  'tickets.assign': z.object({ ...stamp, id: Id, assignee: nullableText }).strict(),
  'tickets.linkDevice': z.object({ ...stamp, id: Id, deviceId: Id, hostname: z.string() }).strict(),
  'tickets.unlinkDevice': z.object({ ...stamp, id: Id, deviceId: Id }).strict(),
  'tickets.addNote': z
    .object({
      ...stamp,
      ticketId: Id,
      noteId: Id,
      body: z.string().min(1).max(50_000),
      visibility: z.enum(NOTE_VISIBILITIES),
      isPlan: z.boolean(),
    })
    .strict(),
  'tickets.addTimeEntry': z
    .object({
      ...stamp,
      ticketId: Id,
      entryId: Id,
      technician: z.string().min(1).max(200),
      startedAt: Instant.nullable(),
      endedAt: Instant.nullable(),
      durationMinutes: z.number().int().min(1),
      billable: z.boolean(),
      workType: z.enum(WORK_TYPES),
      note: z.string().max(20_000),
      sessionId: Id.nullable(),
      recordingId: Id.nullable(),
    })
    .strict(),
  'tickets.startTimer': z
    .object({
      ...stamp,
      ticketId: Id,
      timerId: Id,
      technician: z.string().min(1).max(200),
      workType: z.enum(WORK_TYPES),
      billable: z.boolean(),
      note: z.string().max(20_000),
    })
    .strict(),
  'tickets.stopTimer': z
    .object({
      ...stamp,
      ticketId: Id,
      timerId: Id,
      entryId: Id,
      technician: z.string().min(1).max(200),
      startedAt: Instant,
      durationMinutes: z.number().int().min(1),
      billable: z.boolean(),
      workType: z.enum(WORK_TYPES),
      note: z.string().max(20_000),
    })
    .strict(),
  'tickets.cancelTimer': z.object({ ...stamp, ticketId: Id, timerId: Id }).strict(),
} as const satisfies Record<(typeof TICKET_INTENTS)[number], z.ZodType>

/** The payload of one intent. */
export type MutationPayload<I extends keyof typeof MUTATION_PAYLOADS> = z.infer<
  (typeof MUTATION_PAYLOADS)[I]
>

/** Any intent with its payload. */
export type TicketMutation = {
  [I in keyof typeof MUTATION_PAYLOADS]: { intent: I; payload: MutationPayload<I> }
}[keyof typeof MUTATION_PAYLOADS]

/** Parses a stored payload of `intent`; throws a ZodError when it does not fit. */
export function parseMutation(intent: string, payload: unknown): TicketMutation {
  if (!(TICKET_INTENTS as readonly string[]).includes(intent)) {
    throw new Error(`Unknown ticket intent ${intent}`)
  }
  const schema = MUTATION_PAYLOADS[intent as keyof typeof MUTATION_PAYLOADS]
  return { intent, payload: schema.parse(payload) } as TicketMutation
}
