/** The small enumerations of the ticket model, shared by the contract and the outbox payloads. */

/** What kind of work a ticket is, as PSAs classify it. */
export const TICKET_TYPES = [
  'incident',
  'service-request',
  'problem',
  'change',
  'maintenance',
] as const
/** One ticket type. */
export type TicketTypeName = (typeof TICKET_TYPES)[number]

/** Who can see a note: technicians only, or the customer too. */
export const NOTE_VISIBILITIES = ['internal', 'customer'] as const
/** One note visibility. */
export type NoteVisibilityName = (typeof NOTE_VISIBILITIES)[number]

/** What kind of work a time entry was. */
export const WORK_TYPES = ['remote', 'onsite', 'phone', 'email', 'admin', 'travel'] as const
/** One work type. */
export type WorkTypeName = (typeof WORK_TYPES)[number]

/** What a ticket's timeline event records; 'created' and 'status' rows are its status history. */
export const TICKET_EVENT_KINDS = [
  'created',
  'updated',
  'status',
  'priority',
  'assigned',
  'device-linked',
  'device-unlinked',
] as const
/** One event kind. */
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number]

/** The board (queue) a new ticket lands on unless another is given. */
export const DEFAULT_BOARD = 'Service Desk'

/** Ticket fields that carry a version, for the base versions of an intent. */
export const TICKET_FIELDS = [
  'subject',
  'description',
  'contact',
  'type',
  'board',
  'siteId',
  'dueAt',
  'status',
  'impact',
  'urgency',
  'priority',
  'assignee',
  'devices',
] as const
/** One versioned ticket field. */
export type TicketFieldName = (typeof TICKET_FIELDS)[number]

/** Every intent a technician can perform on tickets; each is one outbox row. */
export const TICKET_INTENTS = [
  'tickets.create',
  'tickets.update',
  'tickets.setStatus',
  'tickets.setPriority',
  'tickets.assign',
  'tickets.linkDevice',
  'tickets.unlinkDevice',
  'tickets.addNote',
  'tickets.addTimeEntry',
  'tickets.startTimer',
  'tickets.stopTimer',
  'tickets.cancelTimer',
] as const
/** One ticket intent name. */
export type TicketIntentName = (typeof TICKET_INTENTS)[number]
