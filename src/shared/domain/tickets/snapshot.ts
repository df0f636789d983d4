/**
 * A ticket as a team server confirms it: every field with its per-field versions, and its
 * devices, field changes, notes, time entries and running timers. The local store keeps the
 * last one per ticket as the base that pending outbox mutations are replayed on.
 */
import { z } from 'zod'
import { SlaPriority } from '../sla'
import { ContactValue } from './mutations'
import { IMPACT_LEVELS } from './priority'
import { TICKET_STATUSES } from './status'
import {
  NOTE_VISIBILITIES,
  TICKET_EVENT_KINDS,
  TICKET_FIELDS,
  TICKET_TYPES,
  WORK_TYPES,
} from './values'

const Id = z.string().min(1).max(100)
const Instant = z.number().int()

/** A server-confirmed ticket with everything that belongs to it. */
export const TicketSnapshot = z
  .object({
    id: Id,
    number: z.string().min(1).max(40),
    clientId: Id,
    siteId: Id.nullable(),
    subject: z.string().min(1).max(300),
    description: z.string().max(100_000),
    contact: ContactValue,
    type: z.enum(TICKET_TYPES),
    board: z.string().min(1).max(100),
    status: z.enum(TICKET_STATUSES),
    impact: z.enum(IMPACT_LEVELS),
    urgency: z.enum(IMPACT_LEVELS),
    priority: SlaPriority,
    priorityManual: z.boolean(),
    assignee: z.string().nullable(),
    dueAt: Instant.nullable(),
    createdBy: z.string(),
    createdAt: Instant,
    updatedAt: Instant,
    firstResponseAt: Instant.nullable(),
    resolutionPlanAt: Instant.nullable(),
    resolvedAt: Instant.nullable(),
    versions: z.partialRecord(z.enum(TICKET_FIELDS), z.number().int().min(0)),
    /** On the team server: the installation that wrote each field last (see applyTicketMutation). */
    writers: z.partialRecord(z.enum(TICKET_FIELDS), z.string().max(100)).optional(),
    devices: z.array(z.object({ id: Id, hostname: z.string() }).strict()),
    /** Field changes, oldest first; 'created' and 'status' rows are the status history. */
    events: z.array(
      z
        .object({
          at: Instant,
          actor: z.string(),
          kind: z.enum(TICKET_EVENT_KINDS),
          field: z.string().nullable(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        })
        .strict(),
    ),
    notes: z.array(
      z
        .object({
          id: Id,
          visibility: z.enum(NOTE_VISIBILITIES),
          isPlan: z.boolean(),
          author: z.string(),
          body: z.string(),
          createdAt: Instant,
        })
        .strict(),
    ),
    timeEntries: z.array(
      z
        .object({
          id: Id,
          technician: z.string(),
          startedAt: Instant.nullable(),
          endedAt: Instant.nullable(),
          durationMinutes: z.number().int().min(1),
          billable: z.boolean(),
          workType: z.enum(WORK_TYPES),
          note: z.string(),
          sessionId: Id.nullable(),
          recordingId: Id.nullable(),
          createdAt: Instant,
        })
        .strict(),
    ),
    timers: z.array(
      z
        .object({
          id: Id,
          technician: z.string(),
          startedAt: Instant,
          workType: z.enum(WORK_TYPES),
          billable: z.boolean(),
          note: z.string(),
        })
        .strict(),
    ),
  })
  .strict()
/** A server-confirmed ticket with everything that belongs to it. */
export type TicketSnapshot = z.infer<typeof TicketSnapshot>
