import { z } from 'zod'
import { SLA_MILESTONES, SlaPlan, SlaPriority } from '../domain/sla'
import {
  IMPACT_LEVELS,
  NOTE_VISIBILITIES,
  TICKET_EVENT_KINDS,
  TICKET_FIELDS,
  TICKET_INTENTS,
  TICKET_STATUSES,
  TICKET_TYPES,
  WORK_TYPES,
} from '../domain/tickets'
import { call, event } from '../rpc/define'

const Id = z.string().min(1).max(100)
/** Epoch milliseconds, as callers send them. */
const Millis = z.number().int()
/** Epoch milliseconds (or a duration), as main sends them. */
const MillisOut = z.number()
const name = (max: number) => z.string().trim().min(1).max(max)

// ---------------------------------------------------------------------------------------------
// Enumerations

/** Where a ticket is in its life; see TICKET_TRANSITIONS in domain/tickets for allowed moves. */
export const TicketStatus = z.enum(TICKET_STATUSES)
export type TicketStatus = z.infer<typeof TicketStatus>

/** What kind of work a ticket is, as PSAs classify it. */
export const TicketType = z.enum(TICKET_TYPES)
export type TicketType = z.infer<typeof TicketType>

/** Impact or urgency of a ticket; the two give its priority (priorityFromMatrix). */
export const ImpactLevel = z.enum(IMPACT_LEVELS)
export type ImpactLevel = z.infer<typeof ImpactLevel>

/** Ticket priority, P1 (critical) to P4 (low). */
export const TicketPriority = SlaPriority
export type TicketPriority = z.infer<typeof TicketPriority>

/** Who can see a note: technicians only, or the customer too. */
export const NoteVisibility = z.enum(NOTE_VISIBILITIES)
export type NoteVisibility = z.infer<typeof NoteVisibility>

/** What kind of work a time entry was. */
export const WorkType = z.enum(WORK_TYPES)
export type WorkType = z.infer<typeof WorkType>

/** Ticket fields that carry a version, for the base versions of an intent. */
export const TicketField = z.enum(TICKET_FIELDS)
export type TicketField = z.infer<typeof TicketField>

/**
 * Per-field versions: how many changes a field has seen (the server's count in the base, plus
 * one per pending local change). Intents send back the versions the technician saw.
 */
export const FieldVersions = z.partialRecord(TicketField, z.number().int().min(0))
export type FieldVersions = z.infer<typeof FieldVersions>

/** Every intent a technician can perform on tickets; each is one outbox row. */
export const TicketIntent = z.enum(TICKET_INTENTS)
export type TicketIntent = z.infer<typeof TicketIntent>

// ---------------------------------------------------------------------------------------------
// SLA as tickets carry it

/** State of one SLA clock; precedence met, breached, paused, at-risk, running. */
export const SlaClockState = z.enum(['met', 'breached', 'running', 'at-risk', 'paused'])
export type SlaClockState = z.infer<typeof SlaClockState>

/** One SLA milestone. */
export const SlaMilestoneName = z.enum(SLA_MILESTONES)
export type SlaMilestoneName = z.infer<typeof SlaMilestoneName>

/** Where one milestone's clock stands (domain/sla MilestoneClock). */
export const SlaMilestoneClock = z.object({
  targetMs: MillisOut,
  /** Clock time used so far, excluding time in waiting statuses. */
  usedMs: MillisOut,
  /** Negative once breached. */
  remainingMs: MillisOut,
  /** When the target is reached if nothing pauses it; null while paused with time left. */
  dueAt: MillisOut.nullable(),
  state: SlaClockState,
  metAt: MillisOut.optional(),
  breachedAt: MillisOut.optional(),
})
export type SlaMilestoneClock = z.infer<typeof SlaMilestoneClock>

/** A ticket's SLA, computed when read: three clocks and the badge headline. */
export const TicketSla = z.object({
  planName: z.string(),
  /** The time zone the business hours count in (the site's, else the client's first site's). */
  timeZone: z.string(),
  priority: TicketPriority,
  clock: z.enum(['business-hours', '24x7']),
  /** True while the ticket waits (waiting statuses) or is resolved/closed. */
  paused: z.boolean(),
  milestones: z.object({
    firstResponse: SlaMilestoneClock,
    resolutionPlan: SlaMilestoneClock,
    resolved: SlaMilestoneClock,
  }),
  /** The most urgent milestone still open (what a badge shows); state 'met' when all are met. */
  headline: z.object({
    state: SlaClockState,
    milestone: SlaMilestoneName.nullable(),
    dueAt: MillisOut.nullable(),
    remainingMs: MillisOut.nullable(),
  }),
})
export type TicketSla = z.infer<typeof TicketSla>

// ---------------------------------------------------------------------------------------------
// Outputs

/** The person at the customer who reported the ticket. */
export const TicketContact = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})
export type TicketContact = z.infer<typeof TicketContact>

/** One ticket as the list shows it. `pendingSync`: local changes the server has not confirmed. */
export const TicketRow = z.object({
  id: Id,
  /** Stable forever, made offline: "T-7F3A-0042". */
  number: z.string(),
  subject: z.string(),
  clientId: Id,
  clientName: z.string(),
  siteId: Id.nullable(),
  siteName: z.string().nullable(),
  status: TicketStatus,
  priority: TicketPriority,
  type: TicketType,
  board: z.string(),
  assignee: z.string().nullable(),
  contactName: z.string().nullable(),
  createdAt: MillisOut,
  updatedAt: MillisOut,
  /** A due date agreed with the customer, apart from the SLA. */
  dueAt: MillisOut.nullable(),
  sla: TicketSla,
  pendingSync: z.boolean(),
})
export type TicketRow = z.infer<typeof TicketRow>

/** A device linked to a ticket; `missing` once the device was deleted from the inventory. */
export const TicketDevice = z.object({
  id: Id,
  hostname: z.string(),
  missing: z.boolean(),
})
export type TicketDevice = z.infer<typeof TicketDevice>

/** One entry of a ticket's status history (what pauses the SLA). */
export const TicketStatusChange = z.object({ status: TicketStatus, at: MillisOut })
export type TicketStatusChange = z.infer<typeof TicketStatusChange>

/** A ticket with every field (without its notes and time entries). */
export const Ticket = TicketRow.extend({
  description: z.string(),
  contact: TicketContact,
  impact: ImpactLevel,
  urgency: ImpactLevel,
  /** 'matrix': from impact × urgency; 'manual': set by a technician. */
  prioritySource: z.enum(['matrix', 'manual']),
  devices: z.array(TicketDevice),
  statusHistory: z.array(TicketStatusChange),
  /** Statuses this ticket may move to next. */
  allowedStatuses: z.array(TicketStatus),
  versions: FieldVersions,
})
export type Ticket = z.infer<typeof Ticket>

/** A note on a ticket. `isPlan` marks the resolution plan (meets that SLA milestone). */
export const TicketNote = z.object({
  id: Id,
  ticketId: Id,
  visibility: NoteVisibility,
  isPlan: z.boolean(),
  author: z.string(),
  body: z.string(),
  createdAt: MillisOut,
  pendingSync: z.boolean(),
})
export type TicketNote = z.infer<typeof TicketNote>

/** Work logged on a ticket, optionally from an SSH session (with its recording). */
export const TimeEntry = z.object({
  id: Id,
  ticketId: Id,
  technician: z.string(),
  startedAt: MillisOut.nullable(),
  endedAt: MillisOut.nullable(),
  durationMinutes: z.number().int(),
  billable: z.boolean(),
  workType: WorkType,
  note: z.string(),
  sessionId: Id.nullable(),
  recordingId: Id.nullable(),
  createdAt: MillisOut,
  pendingSync: z.boolean(),
})
export type TimeEntry = z.infer<typeof TimeEntry>

/** A running work timer; it survives restarts and becomes a time entry when stopped. */
export const TicketTimer = z.object({
  id: Id,
  ticketId: Id,
  ticketNumber: z.string(),
  ticketSubject: z.string(),
  technician: z.string(),
  startedAt: MillisOut,
  workType: WorkType,
  billable: z.boolean(),
  note: z.string(),
  pendingSync: z.boolean(),
})
export type TicketTimer = z.infer<typeof TicketTimer>

/** A change to a ticket's fields, for the timeline ("status new → in-progress"). */
export const TicketEvent = z.object({
  id: z.number().int(),
  at: MillisOut,
  actor: z.string(),
  kind: z.enum(TICKET_EVENT_KINDS),
  /** The field changed ('subject', 'status', ...) or null for 'created'. */
  field: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  pendingSync: z.boolean(),
})
export type TicketEvent = z.infer<typeof TicketEvent>

/** One item of a ticket's timeline, oldest first. */
export const TimelineItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), at: MillisOut, event: TicketEvent }),
  z.object({ type: z.literal('note'), at: MillisOut, note: TicketNote }),
  z.object({ type: z.literal('time'), at: MillisOut, timeEntry: TimeEntry }),
])
export type TimelineItem = z.infer<typeof TimelineItem>

/** An SSH session opened for a ticket, with its recording. */
export const TicketSession = z.object({
  sessionId: Id,
  ticketId: Id,
  deviceId: Id.nullable(),
  title: z.string(),
  /** user@host:port */
  host: z.string(),
  state: z.enum(['open', 'closed']),
  startedAt: MillisOut,
  endedAt: MillisOut.nullable(),
  recordingId: Id.nullable(),
  /** The time entry already logged for this session, if any. */
  timeEntryId: Id.nullable(),
})
export type TicketSession = z.infer<typeof TicketSession>

/** Everything about one ticket, for its page. */
export const TicketDetail = Ticket.extend({
  notes: z.array(TicketNote),
  timeEntries: z.array(TimeEntry),
  /** Notes, time entries and field changes together, oldest first. */
  timeline: z.array(TimelineItem),
  sessions: z.array(TicketSession),
  timers: z.array(TicketTimer),
  /** Sum of all time entries. */
  totalMinutes: z.number().int(),
  billableMinutes: z.number().int(),
})
export type TicketDetail = z.infer<typeof TicketDetail>

/** A proposed time entry for a closed ticket-bound session; save it with tickets.addTimeEntry. */
export const SessionDraft = z.object({
  ticketId: Id,
  sessionId: Id,
  deviceId: Id.nullable(),
  recordingId: Id.nullable(),
  startedAt: MillisOut,
  endedAt: MillisOut,
  durationMinutes: z.number().int(),
  workType: WorkType,
  billable: z.boolean(),
  /** Device, duration and the commands typed (where keystrokes were recorded). */
  note: z.string(),
  commands: z.array(z.string()),
  /** Set when a time entry for this session exists already. */
  loggedTimeEntryId: Id.nullable(),
})
export type SessionDraft = z.infer<typeof SessionDraft>

/** One pending local change, as it will be sent to the team server. */
export const OutboxEntry = z.object({
  /** Increases strictly per installation and is never reused. */
  mutationId: z.number().int(),
  installationId: z.string(),
  intent: TicketIntent,
  /** The entity the intent created or changed (ticket, note, time entry or timer id). */
  entityId: Id,
  ticketId: Id,
  payload: z.record(z.string(), z.unknown()),
  baseVersions: FieldVersions,
  createdAt: MillisOut,
})
export type OutboxEntry = z.infer<typeof OutboxEntry>

// ---------------------------------------------------------------------------------------------
// Inputs

/** The named lists of the queue sidebar. */
export const TicketQueue = z.enum([
  /** Open tickets assigned to this installation's technician. */
  'mine',
  /** Open tickets without an assignee. */
  'unassigned',
  /** Open tickets of one client (clientId required). */
  'client',
  /** Open tickets whose SLA is at risk or breached. */
  'sla-at-risk',
  /** Tickets in a waiting status. */
  'waiting',
  /** Every ticket not resolved or closed. */
  'open',
  'all',
])
export type TicketQueue = z.infer<typeof TicketQueue>

/** Columns the ticket list can sort on ('due' is the next SLA deadline). */
export const TicketSortColumn = z.enum([
  'updated',
  'created',
  'number',
  'priority',
  'due',
  'status',
  'subject',
  'client',
  'assignee',
])
export type TicketSortColumn = z.infer<typeof TicketSortColumn>

/**
 * The order a queue opens in: "SLA at risk" by time left (the next deadline, breached ones
 * first), every other queue by last change, newest first.
 */
export function defaultTicketSort(queue: TicketQueue): {
  column: TicketSortColumn
  direction: 'asc' | 'desc'
} {
  return queue === 'sla-at-risk'
    ? { column: 'due', direction: 'asc' }
    : { column: 'updated', direction: 'desc' }
}

const Subject = name(300)
const Description = z.string().max(100_000)
const Technician = name(200)
const Board = name(100)
const ContactInput = z
  .object({
    name: z.string().trim().max(200).nullable().optional(),
    email: z.email('Not an email address').max(254).nullable().optional(),
    phone: z
      .string()
      .trim()
      .max(50)
      .regex(/^[\d\s()+./-]*(?:(?:ext\.?|x)\s*\d+)?$/i, 'Not a phone number')
      .nullable()
      .optional(),
  })
  .strict()

/** Per-field versions the technician saw; missing fields take the version at apply time. */
const baseVersions = { baseVersions: FieldVersions.optional() }

/** One page of a ticket queue, filtered, searched and sorted. */
export const TicketListInput = z
  .object({
    queue: TicketQueue.default('open'),
    clientId: Id.optional(),
    /** Tickets linked to this device. */
    deviceId: Id.optional(),
    status: z.array(TicketStatus).max(7).optional(),
    priority: z.array(TicketPriority).max(4).optional(),
    type: z.array(TicketType).max(5).optional(),
    /** A technician's name, or null for unassigned. */
    assignee: Technician.nullable().optional(),
    /**
     * Words to find in subject, description and notes, all in the same ticket text or note:
     * words of three or more characters match the start of a word ("print off" finds "Printer
     * offline"), two-character words whole words, single characters nothing. Looks at the 2000
     * most recent matches (see `truncated`). A whole ticket number ("T-7F3A-0042") finds that
     * ticket.
     */
    query: z.string().max(200).optional(),
    /** Absent: the queue's own order (see defaultTicketSort). */
    sort: z
      .object({ column: TicketSortColumn, direction: z.enum(['asc', 'desc']).default('asc') })
      .strict()
      .optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((input) => input.queue !== 'client' || input.clientId !== undefined, {
    message: 'The client queue needs a clientId',
    path: ['clientId'],
  })
  .transform((input) => ({ ...input, sort: input.sort ?? defaultTicketSort(input.queue) }))
export type TicketListInput = z.input<typeof TicketListInput>

const timeEntryFields = {
  startedAt: Millis.optional(),
  endedAt: Millis.optional(),
  /** Minutes worked; default: from startedAt and endedAt. */
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  billable: z.boolean().default(true),
  workType: WorkType.default('remote'),
  note: z.string().max(20_000).default(''),
}

/**
 * An intent's reply: its outbox row (acknowledged means committed) and which ticket it
 * changed. Not the ticket itself: every window refetches what it shows after a change
 * (`onDidChange`), so reading the whole ticket back here would only make each write wait for
 * a read nobody uses.
 */
const IntentAck = z.object({
  mutationId: z.number().int(),
  ticket: z.object({ id: Id, number: z.string() }),
})

/** Tickets that work offline: every change is an intent, applied locally and queued to sync. */
export const tickets = {
  list: call({
    doc: 'One page of a queue with filters, search and sort, with the total; SLA per row.',
    input: TicketListInput,
    output: z.object({
      total: z.number().int(),
      rows: z.array(TicketRow),
      /**
       * Search only: more texts and notes match than the 2000 most recent ones a search looks
       * at, so older matches are left out; the UI asks to narrow the search.
       */
      truncated: z.boolean(),
    }),
  }),
  queueCounts: call({
    doc: 'Ticket counts for the queue sidebar, open tickets per client, and pending changes.',
    input: z.object({}).strict(),
    output: z.object({
      /** The technician "mine" means (this installation's). */
      me: z.string(),
      mine: z.number().int(),
      unassigned: z.number().int(),
      slaAtRisk: z.number().int(),
      waiting: z.number().int(),
      open: z.number().int(),
      all: z.number().int(),
      /** Outbox rows not yet confirmed by a server. */
      pending: z.number().int(),
      clients: z.array(z.object({ clientId: Id, clientName: z.string(), open: z.number().int() })),
    }),
  }),
  get: call({
    doc: 'One ticket with notes, time entries, timeline, devices, sessions, timers and SLA.',
    input: z.object({ id: Id }).strict(),
    output: TicketDetail,
  }),
  lookup: call({
    doc: 'The id of the ticket with this number ("T-7F3A-0042"), or null.',
    input: z.object({ number: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({ id: Id.nullable() }),
  }),
  pickLists: call({
    doc: 'Values for pickers: who "me" is, known assignees and boards.',
    input: z.object({}).strict(),
    output: z.object({
      me: z.string(),
      assignees: z.array(z.string()),
      boards: z.array(z.string()),
    }),
  }),

  create: call({
    doc: 'Creates a ticket (status new) with an offline-safe number; priority from impact × urgency unless given.',
    input: z
      .object({
        clientId: Id,
        siteId: Id.nullable().optional(),
        deviceIds: z.array(Id).max(50).default([]),
        subject: Subject,
        description: Description.default(''),
        contact: ContactInput.optional(),
        type: TicketType.default('incident'),
        board: Board.default('Service Desk'),
        impact: ImpactLevel.default('medium'),
        urgency: ImpactLevel.default('medium'),
        /** Overrides the matrix. */
        priority: TicketPriority.optional(),
        assignee: Technician.nullable().optional(),
        dueAt: Millis.nullable().optional(),
      })
      .strict(),
    output: IntentAck,
  }),
  update: call({
    doc: 'Changes subject, description, contact, type, board, site or due date.',
    input: z
      .object({
        id: Id,
        subject: Subject.optional(),
        description: Description.optional(),
        contact: ContactInput.optional(),
        type: TicketType.optional(),
        board: Board.optional(),
        siteId: Id.nullable().optional(),
        dueAt: Millis.nullable().optional(),
        ...baseVersions,
      })
      .strict()
      .refine(
        (input) =>
          Object.keys(input).some((key) => !['id', 'baseVersions'].includes(key)) &&
          (input.contact === undefined || Object.keys(input.contact).length > 0),
        { message: 'Nothing to change', path: ['id'] },
      ),
    output: IntentAck,
  }),
  setStatus: call({
    doc: 'Moves a ticket to another status; illegal moves are refused (BAD_REQUEST on status).',
    input: z.object({ id: Id, status: TicketStatus, ...baseVersions }).strict(),
    output: IntentAck,
  }),
  setPriority: call({
    doc: 'Changes impact and/or urgency, or sets the priority by hand (null: back to the matrix).',
    input: z
      .object({
        id: Id,
        impact: ImpactLevel.optional(),
        urgency: ImpactLevel.optional(),
        priority: TicketPriority.nullable().optional(),
        ...baseVersions,
      })
      .strict()
      .refine(
        (i) => i.impact !== undefined || i.urgency !== undefined || i.priority !== undefined,
        { message: 'Give impact, urgency or priority', path: ['priority'] },
      ),
    output: IntentAck,
  }),
  assign: call({
    doc: 'Assigns a ticket to a technician, or unassigns it (null).',
    input: z.object({ id: Id, assignee: Technician.nullable(), ...baseVersions }).strict(),
    output: IntentAck,
  }),
  linkDevice: call({
    doc: 'Links an inventory device (of the ticket’s client) to a ticket.',
    input: z.object({ id: Id, deviceId: Id, ...baseVersions }).strict(),
    output: IntentAck,
  }),
  unlinkDevice: call({
    doc: 'Removes a device from a ticket.',
    input: z.object({ id: Id, deviceId: Id, ...baseVersions }).strict(),
    output: IntentAck,
  }),
  addNote: call({
    doc: 'Adds an internal or customer-facing note; a customer note is the first response.',
    input: z
      .object({
        ticketId: Id,
        body: z.string().trim().min(1, 'The note is empty').max(50_000),
        visibility: NoteVisibility.default('internal'),
        /** This note is the resolution plan. */
        isPlan: z.boolean().default(false),
      })
      .strict(),
    output: IntentAck.extend({ note: TicketNote }),
  }),
  addTimeEntry: call({
    doc: 'Logs work: a duration, or start and end; optionally from a session and its recording.',
    input: z
      .object({
        ticketId: Id,
        ...timeEntryFields,
        sessionId: Id.nullable().optional(),
        recordingId: Id.nullable().optional(),
      })
      .strict()
      .refine(
        (e) =>
          e.durationMinutes !== undefined || (e.startedAt !== undefined && e.endedAt !== undefined),
        { message: 'Give a duration, or a start and an end', path: ['durationMinutes'] },
      )
      .refine(
        (e) => e.startedAt === undefined || e.endedAt === undefined || e.endedAt > e.startedAt,
        { message: 'The end must be after the start', path: ['endedAt'] },
      ),
    output: IntentAck.extend({ timeEntry: TimeEntry }),
  }),
  startTimer: call({
    doc: 'Starts a work timer on a ticket (one per ticket and technician); it survives restarts.',
    input: z
      .object({
        ticketId: Id,
        workType: WorkType.default('remote'),
        billable: z.boolean().default(true),
        note: z.string().max(20_000).default(''),
      })
      .strict(),
    output: IntentAck.extend({ timer: TicketTimer }),
  }),
  stopTimer: call({
    doc: 'Stops a timer and logs its time as a time entry in the same transaction.',
    input: z
      .object({
        timerId: Id,
        workType: WorkType.optional(),
        billable: z.boolean().optional(),
        note: z.string().max(20_000).optional(),
        /** Overrides the measured minutes (e.g. a timer left running over lunch). */
        durationMinutes: timeEntryFields.durationMinutes,
      })
      .strict(),
    output: IntentAck.extend({ timeEntry: TimeEntry }),
  }),
  cancelTimer: call({
    doc: 'Discards a running timer without logging time.',
    input: z.object({ timerId: Id }).strict(),
    output: IntentAck,
  }),
  timers: call({
    doc: 'Running timers (of one ticket, or all), oldest first.',
    input: z.object({ ticketId: Id.optional() }).strict(),
    output: z.object({ timers: z.array(TicketTimer) }),
  }),

  sessions: call({
    doc: 'SSH sessions opened for a ticket, with recordings, newest first.',
    input: z.object({ ticketId: Id }).strict(),
    output: z.object({ sessions: z.array(TicketSession) }),
  }),
  sessionDraft: call({
    doc: 'A proposed time entry for a closed session opened with a ticketId.',
    input: z.object({ sessionId: Id }).strict(),
    output: SessionDraft,
  }),

  slaPlan: call({
    doc: 'The SLA plan of a client (the default plan when it has none).',
    input: z.object({ clientId: Id }).strict(),
    output: z.object({ clientId: Id, plan: SlaPlan, isDefault: z.boolean() }),
  }),
  setSlaPlan: call({
    doc: 'Sets a client’s SLA plan, or goes back to the default (null); open tickets follow.',
    input: z.object({ clientId: Id, plan: SlaPlan.nullable() }).strict(),
    output: z.object({ clientId: Id, plan: SlaPlan, isDefault: z.boolean() }),
  }),

  outbox: call({
    doc: 'Pending local changes in order (for the sync status and debugging).',
    input: z
      .object({
        ticketId: Id.optional(),
        afterMutationId: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    output: z.object({ total: z.number().int(), entries: z.array(OutboxEntry) }),
  }),
  pendingCount: call({
    doc: 'How many local changes (and tickets) wait to be synced.',
    input: z.object({}).strict(),
    output: z.object({ pending: z.number().int(), tickets: z.number().int() }),
  }),
  onDidChange: event({
    doc: 'Fires after every committed ticket change, with the tickets it touched.',
    input: z.object({}).strict(),
    data: z.object({
      ticketIds: z.array(Id),
      intent: TicketIntent.nullable(),
      mutationId: z.number().int().nullable(),
      pending: z.number().int(),
    }),
  }),
}
