/**
 * Applies one ticket intent to a whole ticket document (TicketSnapshot), with the rules the
 * app's TicketWriter applies to its SQLite rows: the team server runs this to apply pushed
 * outbox mutations authoritatively, with no SQLite. Keep the two in step; the equivalence
 * test in main/services/tickets checks that they are.
 *
 * On top of those rules, per-field conflicts: a scalar field whose version moved on since the
 * author's base is not changed, and comes back as a FieldConflict instead. Devices are a set
 * (link and unlink only collide on the same device, which is a rule), and notes, time entries
 * and timers are append-only, so none of those ever conflict.
 */
import { z } from 'zod'
import type { SlaMilestone } from '../sla'
import { ContactValue, type MutationPayload, type TicketMutation } from './mutations'
import { priorityFromMatrix } from './priority'
import { milestonesClearedByStatus, milestonesMetByNote, milestonesMetByStatus } from './sla-rules'
import type { TicketSnapshot } from './snapshot'
import { transitionProblem } from './status'
import { TICKET_FIELDS, type TicketEventKind, type TicketFieldName } from './values'

/** Per-field versions (the contract's FieldVersions; restated here to keep domain → contract acyclic). */
export type TicketFieldVersions = Partial<Record<TicketFieldName, number>>

/** A value a conflicting field had or was to get: text, an instant, null, or (part of) a contact. */
export const FieldConflictValue = z.union([
  z.string(),
  z.number(),
  z.null(),
  ContactValue.partial().strict(),
])
/** A value a conflicting field had or was to get. */
export type FieldConflictValue = z.infer<typeof FieldConflictValue>

/**
 * A field change that was not applied because someone else changed the field after the
 * author last saw it: `theirs` stands (at `theirVersion`), `mine` is what the mutation wanted
 * (for contact, only the parts it set).
 */
export const FieldConflict = z
  .object({
    field: z.enum(TICKET_FIELDS),
    theirs: FieldConflictValue,
    mine: FieldConflictValue,
    theirVersion: z.number().int().min(0),
  })
  .strict()
/** A field change that was not applied because the field changed since the author's base. */
export type FieldConflict = z.infer<typeof FieldConflict>

/** Why a mutation can never apply to the ticket as it stands. */
export const TICKET_RULE_CODES = [
  /** The ticket, the linked device or the running timer is not there. */
  'not-found',
  /** The status move is not allowed from the current status. */
  'invalid-transition',
  /** The ticket, device link, note, time entry or timer (or the technician's timer) exists. */
  'conflict-exists',
  /** The mutation does not fit the ticket (another ticket's id, a value out of range). */
  'invalid',
] as const
/** Why a mutation can never apply. */
export type TicketRuleCode = (typeof TICKET_RULE_CODES)[number]

/** A permanent rejection: applying the same mutation again will fail the same way. */
export class TicketRuleError extends Error {
  constructor(
    readonly code: TicketRuleCode,
    message: string,
  ) {
    super(message)
    this.name = 'TicketRuleError'
  }
}

/** What the caller knows about the mutation beyond its payload. */
export interface ApplyContext {
  /** The version every field this mutation changes gets (the server's version of the change). */
  version: number
  /** The outbox row's base_versions: each field's version as the author last saw it. */
  baseVersions: TicketFieldVersions
  /**
   * The installation the mutation comes from (the server sets it). A field it wrote last is
   * not stale for it: an author's own offline edits, each based on the version they pulled,
   * follow each other without conflicting, while a change by anyone else in between does.
   */
  installationId?: string
}

/** The ticket after the mutation, and the field changes that were not applied. */
export interface AppliedTicketMutation {
  snapshot: TicketSnapshot
  conflicts: FieldConflict[]
}

type Timestamp = { at: number; actor: string }
type Event = TicketSnapshot['events'][number]
type Device = TicketSnapshot['devices'][number]

const MILESTONE_FIELD = {
  firstResponse: 'firstResponseAt',
  resolutionPlan: 'resolutionPlanAt',
  resolved: 'resolvedAt',
} as const satisfies Record<SlaMilestone, keyof TicketSnapshot>

/** Date's range: an instant past it cannot be shown in the timeline (toISOString throws). */
const MAX_DATE_MS = 8.64e15

/**
 * Timeline text is for reading, not for reconstructing long text: cut to 200 characters as
 * TicketWriter cuts it. A cut through a surrogate pair leaves half a character, which SQLite
 * stores as U+FFFD; writing U+FFFD here gives the same text and keeps the document valid
 * Unicode (PostgreSQL's jsonb refuses a lone surrogate).
 */
export function timelineText(value: string | null): string | null {
  if (value === null || value.length <= 200) return value
  let head = value.slice(0, 199)
  const last = head.charCodeAt(198)
  if (last >= 0xd800 && last <= 0xdbff) head = `${head.slice(0, 198)}\ufffd`
  return `${head}…`
}

/** Orders device ids as SQLite's BINARY collation does (UTF-8 bytes, i.e. code points). */
function compareIds(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0)
    if (d !== 0) return d
  }
  return x.length - y.length
}

const showInstant = (value: number | null): string | null =>
  value === null ? null : new Date(value).toISOString()

/** The ticket a mutation is about. */
export function mutationTicketId(mutation: TicketMutation): string {
  return 'ticketId' in mutation.payload ? mutation.payload.ticketId : mutation.payload.id
}

/**
 * Applies `mutation` to `current` (null when the ticket does not exist yet) and returns the
 * new document with the conflicts; `current` is left as it was. Throws TicketRuleError for a
 * mutation that can never apply, with the same rules (and messages) as TicketWriter. The
 * mutation must be parsed (parseMutation). A creation starts every field at version 0 (no
 * entry), as the app does, so the creator's own later changes are never stale.
 */
export function applyTicketMutation(
  current: TicketSnapshot | null,
  mutation: TicketMutation,
  context: ApplyContext,
): AppliedTicketMutation {
  if (!Number.isSafeInteger(context.version) || context.version < 0) {
    throw new RangeError(`A mutation's version must be a whole number ≥ 0, not ${context.version}`)
  }
  if (mutation.intent === 'tickets.create') {
    if (current !== null) {
      throw new TicketRuleError('conflict-exists', 'A ticket with this id exists already')
    }
    return { snapshot: created(mutation.payload), conflicts: [] }
  }
  if (current === null) throw new TicketRuleError('not-found', 'No such ticket')
  const ticketId = mutationTicketId(mutation)
  if (current.id !== ticketId) {
    throw new TicketRuleError(
      'invalid',
      `The mutation is for ticket ${ticketId}, not ${current.id}`,
    )
  }
  const draft = new Draft(current, mutation.payload, context)
  switch (mutation.intent) {
    case 'tickets.update':
      update(draft, mutation.payload)
      break
    case 'tickets.setStatus':
      setStatus(draft, mutation.payload)
      break
    case 'tickets.setPriority':
      setPriority(draft, mutation.payload)
      break
    case 'tickets.assign':
      if (draft.take('assignee', current.assignee, mutation.payload.assignee)) {
        draft.event('assigned', 'assignee', current.assignee, mutation.payload.assignee)
        draft.next.assignee = mutation.payload.assignee
      }
      break
    case 'tickets.linkDevice':
      linkDevice(draft, mutation.payload)
      break
    case 'tickets.unlinkDevice':
      unlinkDevice(draft, mutation.payload)
      break
    case 'tickets.addNote':
      addNote(draft, mutation.payload)
      break
    case 'tickets.addTimeEntry':
      addTimeEntry(draft, mutation.payload)
      break
    case 'tickets.startTimer':
      startTimer(draft, mutation.payload)
      break
    case 'tickets.stopTimer':
      stopTimer(draft, mutation.payload)
      break
    case 'tickets.cancelTimer':
      removeTimer(draft, mutation.payload.timerId)
      break
  }
  return draft.result()
}

/**
 * The document being changed: a shallow copy whose arrays are copied before they change, the
 * fields applied, and the conflicts found.
 */
class Draft {
  readonly next: TicketSnapshot
  readonly conflicts: FieldConflict[] = []
  private applied = 0

  constructor(
    readonly current: TicketSnapshot,
    private readonly stamp: Timestamp,
    private readonly context: ApplyContext,
  ) {
    this.next = { ...current, versions: { ...current.versions }, events: [...current.events] }
  }

  /**
   * Whether the change of `field` applies: true (and the field takes this version) unless the
   * author's base is older than the field's version, in which case the conflict is recorded.
   */
  take(field: TicketFieldName, theirs: FieldConflictValue, mine: FieldConflictValue): boolean {
    const theirVersion = this.current.versions[field] ?? 0
    const base = this.context.baseVersions[field]
    const ownLastWrite =
      this.context.installationId !== undefined &&
      this.current.writers?.[field] === this.context.installationId
    if (base !== undefined && base < theirVersion && !ownLastWrite) {
      this.conflicts.push({ field, theirs, mine, theirVersion })
      return false
    }
    this.bump(field)
    return true
  }

  /** `field` changed without a conflict check (devices, or priority following the matrix). */
  bump(field: TicketFieldName): void {
    this.next.versions[field] = this.context.version
    if (this.context.installationId !== undefined) {
      this.next.writers = { ...this.next.writers, [field]: this.context.installationId }
    }
    this.applied += 1
  }

  event(kind: TicketEventKind, field: string | null, from: string | null, to: string | null) {
    const event: Event = { at: this.stamp.at, actor: this.stamp.actor, kind, field, from, to }
    this.next.events.push(event)
  }

  /** Sets each milestone not met yet to now. */
  meet(milestones: readonly SlaMilestone[]): void {
    for (const milestone of milestones) {
      const key = MILESTONE_FIELD[milestone]
      if (this.current[key] === null) this.next[key] = this.stamp.at
    }
  }

  /** The outcome: unchanged when every change it tried conflicted, else stamped with its time. */
  result(): AppliedTicketMutation {
    if (this.conflicts.length > 0 && this.applied === 0) {
      return { snapshot: this.current, conflicts: this.conflicts }
    }
    this.next.updatedAt = this.stamp.at
    return { snapshot: this.next, conflicts: this.conflicts }
  }
}

function created(p: MutationPayload<'tickets.create'>): TicketSnapshot {
  const devices: Device[] = []
  for (const device of p.devices) {
    if (devices.some((d) => d.id === device.id)) {
      throw new TicketRuleError('invalid', `Device ${device.id} is listed twice`)
    }
    devices.push({ id: device.id, hostname: device.hostname })
  }
  devices.sort((a, b) => compareIds(a.id, b.id))
  return {
    id: p.id,
    number: p.number,
    clientId: p.clientId,
    siteId: p.siteId,
    subject: p.subject,
    description: p.description,
    contact: { name: p.contact.name, email: p.contact.email, phone: p.contact.phone },
    type: p.type,
    board: p.board,
    status: 'new',
    impact: p.impact,
    urgency: p.urgency,
    priority: p.priority ?? priorityFromMatrix(p.impact, p.urgency),
    priorityManual: p.priority !== null,
    assignee: p.assignee,
    dueAt: p.dueAt,
    createdBy: p.actor,
    createdAt: p.at,
    updatedAt: p.at,
    firstResponseAt: null,
    resolutionPlanAt: null,
    resolvedAt: null,
    versions: {},
    devices,
    events: [{ at: p.at, actor: p.actor, kind: 'created', field: null, from: null, to: 'new' }],
    notes: [],
    timeEntries: [],
    timers: [],
  }
}

function update(d: Draft, p: MutationPayload<'tickets.update'>): void {
  const c = p.changes
  const cur = d.current
  const next = d.next
  // TicketWriter formats both instants for the timeline and fails on one out of Date's range.
  if (c.dueAt !== undefined) {
    for (const value of [cur.dueAt, c.dueAt]) {
      if (value !== null && Math.abs(value) > MAX_DATE_MS) {
        throw new TicketRuleError('invalid', `${value} is not a date`)
      }
    }
  }
  const text = (field: TicketFieldName, from: string | null, to: string | null) =>
    d.event('updated', field, timelineText(from), timelineText(to))
  if (c.subject !== undefined && d.take('subject', cur.subject, c.subject)) {
    text('subject', cur.subject, c.subject)
    next.subject = c.subject
  }
  if (c.description !== undefined && d.take('description', cur.description, c.description)) {
    d.event('updated', 'description', null, null)
    next.description = c.description
  }
  if (c.contact !== undefined && d.take('contact', cur.contact, c.contact)) {
    const contact = {
      name: c.contact.name === undefined ? cur.contact.name : c.contact.name,
      email: c.contact.email === undefined ? cur.contact.email : c.contact.email,
      phone: c.contact.phone === undefined ? cur.contact.phone : c.contact.phone,
    }
    // The timeline shows the contact's name only, as TicketWriter writes it.
    text('contact', cur.contact.name, contact.name)
    next.contact = contact
  }
  if (c.type !== undefined && d.take('type', cur.type, c.type)) {
    text('type', cur.type, c.type)
    next.type = c.type
  }
  if (c.board !== undefined && d.take('board', cur.board, c.board)) {
    text('board', cur.board, c.board)
    next.board = c.board
  }
  if (c.siteId !== undefined && d.take('siteId', cur.siteId, c.siteId)) {
    text('siteId', cur.siteId, c.siteId)
    next.siteId = c.siteId
  }
  if (c.dueAt !== undefined && d.take('dueAt', cur.dueAt, c.dueAt)) {
    text('dueAt', showInstant(cur.dueAt), showInstant(c.dueAt))
    next.dueAt = c.dueAt
  }
}

function setStatus(d: Draft, p: MutationPayload<'tickets.setStatus'>): void {
  const from = d.current.status
  // A stale status is a conflict, not a rule: the move is judged only when it applies.
  if (!d.take('status', from, p.status)) return
  const problem = transitionProblem(from, p.status)
  if (problem) throw new TicketRuleError('invalid-transition', problem)
  d.next.status = p.status
  d.meet(milestonesMetByStatus(from, p.status))
  for (const milestone of milestonesClearedByStatus(from, p.status)) {
    d.next[MILESTONE_FIELD[milestone]] = null
  }
  d.event('status', 'status', from, p.status)
}

function setPriority(d: Draft, p: MutationPayload<'tickets.setPriority'>): void {
  const cur = d.current
  const impactGiven = p.impact !== undefined && d.take('impact', cur.impact, p.impact)
  const urgencyGiven = p.urgency !== undefined && d.take('urgency', cur.urgency, p.urgency)
  const priorityGiven = p.priority !== undefined && d.take('priority', cur.priority, p.priority)
  if (d.conflicts.length > 0 && !impactGiven && !urgencyGiven && !priorityGiven) return
  const impact = impactGiven && p.impact !== undefined ? p.impact : cur.impact
  const urgency = urgencyGiven && p.urgency !== undefined ? p.urgency : cur.urgency
  let manual = cur.priorityManual
  let priority = cur.priority
  if (priorityGiven && p.priority !== undefined) {
    manual = p.priority !== null
    priority = p.priority ?? priorityFromMatrix(impact, urgency)
  } else if (!manual) {
    // A matrix priority follows the impact and urgency that applied: never a conflict itself.
    priority = priorityFromMatrix(impact, urgency)
  }
  if (priority !== cur.priority) {
    if (!priorityGiven) d.bump('priority')
    d.event('priority', 'priority', cur.priority, priority)
  }
  d.next.impact = impact
  d.next.urgency = urgency
  d.next.priority = priority
  d.next.priorityManual = manual
}

function linkDevice(d: Draft, p: MutationPayload<'tickets.linkDevice'>): void {
  if (d.current.devices.some((device) => device.id === p.deviceId)) {
    throw new TicketRuleError('conflict-exists', `${p.hostname} is linked to this ticket already`)
  }
  d.next.devices = [...d.current.devices, { id: p.deviceId, hostname: p.hostname }].sort((a, b) =>
    compareIds(a.id, b.id),
  )
  d.event('device-linked', 'devices', null, p.hostname)
  d.bump('devices')
}

function unlinkDevice(d: Draft, p: MutationPayload<'tickets.unlinkDevice'>): void {
  const linked = d.current.devices.find((device) => device.id === p.deviceId)
  if (!linked) throw new TicketRuleError('not-found', 'That device is not linked to this ticket')
  d.next.devices = d.current.devices.filter((device) => device.id !== p.deviceId)
  d.event('device-unlinked', 'devices', linked.hostname, null)
  d.bump('devices')
}

function addNote(d: Draft, p: MutationPayload<'tickets.addNote'>): void {
  if (d.current.notes.some((note) => note.id === p.noteId)) {
    throw new TicketRuleError('conflict-exists', 'A note with this id exists already')
  }
  d.next.notes = [
    ...d.current.notes,
    {
      id: p.noteId,
      visibility: p.visibility,
      isPlan: p.isPlan,
      author: p.actor,
      body: p.body,
      createdAt: p.at,
    },
  ]
  d.meet(milestonesMetByNote(p))
}

type TimeEntry = TicketSnapshot['timeEntries'][number]

function appendTimeEntry(d: Draft, entry: TimeEntry): void {
  if (d.current.timeEntries.some((e) => e.id === entry.id)) {
    throw new TicketRuleError('conflict-exists', 'A time entry with this id exists already')
  }
  d.next.timeEntries = [...d.current.timeEntries, entry]
}

function addTimeEntry(d: Draft, p: MutationPayload<'tickets.addTimeEntry'>): void {
  appendTimeEntry(d, {
    id: p.entryId,
    technician: p.technician,
    startedAt: p.startedAt,
    endedAt: p.endedAt,
    durationMinutes: p.durationMinutes,
    billable: p.billable,
    workType: p.workType,
    note: p.note,
    sessionId: p.sessionId,
    recordingId: p.recordingId,
    createdAt: p.at,
  })
}

function startTimer(d: Draft, p: MutationPayload<'tickets.startTimer'>): void {
  // One running timer per technician per ticket.
  if (d.current.timers.some((t) => t.technician === p.technician)) {
    throw new TicketRuleError(
      'conflict-exists',
      `A timer is already running on ${d.current.number}`,
    )
  }
  if (d.current.timers.some((t) => t.id === p.timerId)) {
    throw new TicketRuleError('conflict-exists', 'A timer with this id exists already')
  }
  d.next.timers = [
    ...d.current.timers,
    {
      id: p.timerId,
      technician: p.technician,
      startedAt: p.at,
      workType: p.workType,
      billable: p.billable,
      note: p.note,
    },
  ]
}

function removeTimer(d: Draft, timerId: string): void {
  if (!d.current.timers.some((t) => t.id === timerId)) {
    throw new TicketRuleError('not-found', 'That timer is not running')
  }
  d.next.timers = d.current.timers.filter((t) => t.id !== timerId)
}

function stopTimer(d: Draft, p: MutationPayload<'tickets.stopTimer'>): void {
  removeTimer(d, p.timerId)
  appendTimeEntry(d, {
    id: p.entryId,
    technician: p.technician,
    startedAt: p.startedAt,
    endedAt: p.at,
    durationMinutes: p.durationMinutes,
    billable: p.billable,
    workType: p.workType,
    note: p.note,
    sessionId: null,
    recordingId: null,
    createdAt: p.at,
  })
}
