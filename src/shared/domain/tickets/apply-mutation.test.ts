import { describe, expect, it } from 'vitest'
import {
  applyTicketMutation,
  FieldConflict,
  TicketRuleError,
  TICKET_FIELDS,
  parseMutation,
  TicketSnapshot,
  timelineText,
  type ApplyContext,
  type MutationPayload,
  type TicketMutation,
  type TicketRuleCode,
} from '.'

const T0 = Date.UTC(2026, 2, 2, 9, 0)
const MIN = 60_000
const now = { at: T0 + 10 * MIN, actor: 'bob' }
/** The author saw every field as it is: nothing is stale. */
const fresh: ApplyContext = { version: 7, baseVersions: {} }

function createPayload(
  overrides: Partial<MutationPayload<'tickets.create'>> = {},
): MutationPayload<'tickets.create'> {
  return {
    at: T0,
    actor: 'alice',
    id: 'ticket-1',
    number: 'T-ABCD-0001',
    clientId: 'client-1',
    siteId: 'site-1',
    devices: [],
    subject: 'Printer offline',
    description: 'Paper jam',
    contact: { name: 'Dana', email: 'dana@example.com', phone: null },
    type: 'incident',
    board: 'Service Desk',
    impact: 'medium',
    urgency: 'medium',
    priority: null,
    assignee: null,
    dueAt: null,
    ...overrides,
  }
}

function ticket(overrides: Partial<MutationPayload<'tickets.create'>> = {}): TicketSnapshot {
  return applyTicketMutation(
    null,
    { intent: 'tickets.create', payload: createPayload(overrides) },
    fresh,
  ).snapshot
}

/** A ticket whose every scalar field was changed by someone else at version 5. */
function edited(): TicketSnapshot {
  const versions = Object.fromEntries(TICKET_FIELDS.map((f) => [f, 5]))
  return { ...ticket(), versions }
}

const apply = (
  current: TicketSnapshot | null,
  mutation: TicketMutation,
  context: ApplyContext = fresh,
) => applyTicketMutation(current, mutation, context)

const on = (current: TicketSnapshot, mutation: TicketMutation) => apply(current, mutation).snapshot

function refused(work: () => unknown, code: TicketRuleCode, message?: string | RegExp): void {
  try {
    work()
  } catch (error) {
    expect(error).toBeInstanceOf(TicketRuleError)
    expect((error as TicketRuleError).code).toBe(code)
    if (message !== undefined) expect((error as Error).message).toMatch(message)
    return
  }
  throw new Error(`expected a ${code} rejection`)
}

const update = (
  changes: MutationPayload<'tickets.update'>['changes'],
  id = 'ticket-1',
): TicketMutation => ({ intent: 'tickets.update', payload: { ...now, id, changes } })
const setStatus = (status: MutationPayload<'tickets.setStatus'>['status']): TicketMutation => ({
  intent: 'tickets.setStatus',
  payload: { ...now, id: 'ticket-1', status },
})
const setPriority = (
  p: Omit<MutationPayload<'tickets.setPriority'>, 'at' | 'actor' | 'id'>,
): TicketMutation => ({ intent: 'tickets.setPriority', payload: { ...now, id: 'ticket-1', ...p } })
const link = (deviceId: string, hostname: string): TicketMutation => ({
  intent: 'tickets.linkDevice',
  payload: { ...now, id: 'ticket-1', deviceId, hostname },
})
const note = (
  p: Partial<MutationPayload<'tickets.addNote'>> = {},
): Extract<TicketMutation, { intent: 'tickets.addNote' }> => ({
  intent: 'tickets.addNote',
  payload: {
    ...now,
    ticketId: 'ticket-1',
    noteId: 'note-1',
    body: 'Called the customer',
    visibility: 'internal',
    isPlan: false,
    ...p,
  },
})
const startTimer = (timerId: string, technician: string): TicketMutation => ({
  intent: 'tickets.startTimer',
  payload: {
    ...now,
    ticketId: 'ticket-1',
    timerId,
    technician,
    workType: 'remote',
    billable: true,
    note: 'on it',
  },
})
const stopTimer = (timerId: string, entryId = 'entry-1'): TicketMutation => ({
  intent: 'tickets.stopTimer',
  payload: {
    at: now.at + 30 * MIN,
    actor: 'bob',
    ticketId: 'ticket-1',
    timerId,
    entryId,
    technician: 'bob',
    startedAt: now.at,
    durationMinutes: 30,
    billable: true,
    workType: 'remote',
    note: 'fixed',
  },
})
const timeEntry = (entryId: string): TicketMutation => ({
  intent: 'tickets.addTimeEntry',
  payload: {
    ...now,
    ticketId: 'ticket-1',
    entryId,
    technician: 'bob',
    startedAt: null,
    endedAt: null,
    durationMinutes: 15,
    billable: false,
    workType: 'phone',
    note: 'call',
    sessionId: null,
    recordingId: null,
  },
})

describe('applyTicketMutation: each intent', () => {
  it('creates a ticket as TicketWriter does: new, matrix priority, one created event, versions empty', () => {
    const t = ticket({
      impact: 'high',
      urgency: 'medium',
      devices: [
        { id: 'dev-b', hostname: 'b' },
        { id: 'dev-a', hostname: 'a' },
      ],
    })
    expect(TicketSnapshot.parse(t)).toEqual(t)
    expect(t).toMatchObject({
      status: 'new',
      priority: 'P2',
      priorityManual: false,
      createdBy: 'alice',
      createdAt: T0,
      updatedAt: T0,
      firstResponseAt: null,
      resolutionPlanAt: null,
      resolvedAt: null,
      versions: {},
      notes: [],
      timeEntries: [],
      timers: [],
    })
    // Devices by id, the order the app's store keeps them in.
    expect(t.devices.map((d) => d.id)).toEqual(['dev-a', 'dev-b'])
    expect(t.events).toEqual([
      { at: T0, actor: 'alice', kind: 'created', field: null, from: null, to: 'new' },
    ])
    expect(ticket({ priority: 'P1', impact: 'low', urgency: 'low' })).toMatchObject({
      priority: 'P1',
      priorityManual: true,
    })
  })

  it('refuses a second creation of the same ticket and a device listed twice', () => {
    refused(
      () => apply(ticket(), { intent: 'tickets.create', payload: createPayload() }),
      'conflict-exists',
      'A ticket with this id exists already',
    )
    const twice = [
      { id: 'dev-a', hostname: 'a' },
      { id: 'dev-a', hostname: 'a' },
    ]
    refused(() => ticket({ devices: twice }), 'invalid')
  })

  it('refuses every other intent on a ticket that does not exist, or on another ticket', () => {
    const others: TicketMutation[] = [
      update({ subject: 'x' }),
      setStatus('in-progress'),
      setPriority({ impact: 'high' }),
      { intent: 'tickets.assign', payload: { ...now, id: 'ticket-1', assignee: 'bob' } },
      link('dev-a', 'a'),
      { intent: 'tickets.unlinkDevice', payload: { ...now, id: 'ticket-1', deviceId: 'dev-a' } },
      note(),
      timeEntry('entry-1'),
      startTimer('timer-1', 'bob'),
      stopTimer('timer-1'),
      { intent: 'tickets.cancelTimer', payload: { ...now, ticketId: 'ticket-1', timerId: 't' } },
    ]
    for (const mutation of others) {
      refused(() => apply(null, mutation), 'not-found', 'No such ticket')
      refused(() => apply(ticket({ id: 'ticket-2' }), mutation), 'invalid', /ticket-1, not/)
    }
  })

  it('updates fields with one timeline event each, cutting long text and showing instants', () => {
    const before = ticket()
    const long = `${'s'.repeat(250)}`
    const due = Date.UTC(2026, 2, 3, 12, 0)
    const { snapshot, conflicts } = apply(
      before,
      update({
        subject: long,
        description: 'New description',
        contact: { phone: '+49 30 1234' },
        type: 'problem',
        board: 'Projects',
        siteId: null,
        dueAt: due,
      }),
    )
    expect(conflicts).toEqual([])
    expect(snapshot).toMatchObject({
      subject: long,
      description: 'New description',
      contact: { name: 'Dana', email: 'dana@example.com', phone: '+49 30 1234' },
      type: 'problem',
      board: 'Projects',
      siteId: null,
      dueAt: due,
      updatedAt: now.at,
    })
    const ev = (field: string, from: string | null, to: string | null) => ({
      ...now,
      kind: 'updated',
      field,
      from,
      to,
    })
    expect(snapshot.events.slice(1)).toEqual([
      ev('subject', 'Printer offline', `${'s'.repeat(199)}…`),
      ev('description', null, null),
      // The contact's timeline entry names the contact, whichever part changed.
      ev('contact', 'Dana', 'Dana'),
      ev('type', 'incident', 'problem'),
      ev('board', 'Service Desk', 'Projects'),
      ev('siteId', 'site-1', null),
      ev('dueAt', null, '2026-03-03T12:00:00.000Z'),
    ])
    expect(snapshot.versions).toEqual({
      subject: 7,
      description: 7,
      contact: 7,
      type: 7,
      board: 7,
      siteId: 7,
      dueAt: 7,
    })
  })

  it('cuts timeline text without leaving half a character, as the store would keep it', () => {
    const emoji = '🖨️'
    expect(timelineText(`${'a'.repeat(198)}${emoji}tail`)).toBe(`${'a'.repeat(198)}\ufffd…`)
    expect(timelineText(`${'a'.repeat(197)}${emoji}tail`)).toBe(`${'a'.repeat(197)}\ud83d\udda8…`)
    expect(timelineText('a'.repeat(200))).toBe('a'.repeat(200))
    expect(timelineText(null)).toBeNull()
  })

  it('refuses a due date the timeline cannot show, before or after', () => {
    refused(() => apply(ticket(), update({ dueAt: 8.7e15 })), 'invalid')
    refused(() => apply(ticket({ dueAt: -8.7e15 }), update({ dueAt: T0 })), 'invalid')
    expect(on(ticket({ dueAt: 8.7e15 }), update({ subject: 'fine' })).subject).toBe('fine')
  })

  it('moves status along allowed transitions and stamps the SLA milestones once', () => {
    let t = ticket()
    t = on(t, setStatus('in-progress'))
    expect(t).toMatchObject({ status: 'in-progress', firstResponseAt: now.at })
    expect(t.events.at(-1)).toEqual({
      ...now,
      kind: 'status',
      field: 'status',
      from: 'new',
      to: 'in-progress',
    })
    expect(t.versions).toEqual({ status: 7 })
    const later = { ...now, at: now.at + MIN }
    t = apply(t, {
      intent: 'tickets.setStatus',
      payload: { ...later, id: t.id, status: 'scheduled' },
    }).snapshot
    expect(t).toMatchObject({ firstResponseAt: now.at, resolutionPlanAt: later.at })
    t = apply(t, {
      intent: 'tickets.setStatus',
      payload: { ...later, id: t.id, status: 'resolved' },
    }).snapshot
    expect(t).toMatchObject({ resolutionPlanAt: later.at, resolvedAt: later.at })
    // Reopening clears "resolved" only.
    t = on(t, setStatus('in-progress'))
    expect(t).toMatchObject({
      firstResponseAt: now.at,
      resolutionPlanAt: later.at,
      resolvedAt: null,
    })
    const closed = on(ticket(), setStatus('closed'))
    expect(closed).toMatchObject({
      firstResponseAt: now.at,
      resolutionPlanAt: now.at,
      resolvedAt: now.at,
    })
  })

  it('refuses a status move status.ts does not allow', () => {
    refused(
      () => apply(ticket(), setStatus('new')),
      'invalid-transition',
      'The ticket is already new',
    )
    const closed = on(ticket(), setStatus('closed'))
    refused(
      () => apply(closed, setStatus('in-progress')),
      'invalid-transition',
      'A closed ticket cannot change status',
    )
    const resolved = on(on(ticket(), setStatus('in-progress')), setStatus('resolved'))
    refused(() => apply(resolved, setStatus('waiting-customer')), 'invalid-transition')
  })

  it('derives priority from impact × urgency unless it was set by hand', () => {
    let t = ticket({ impact: 'medium', urgency: 'medium' })
    t = on(t, setPriority({ impact: 'high' }))
    expect(t).toMatchObject({ impact: 'high', priority: 'P2', priorityManual: false })
    expect(t.versions).toEqual({ impact: 7, priority: 7 })
    expect(t.events.at(-1)).toMatchObject({ kind: 'priority', from: 'P3', to: 'P2' })
    t = on(t, setPriority({ priority: 'P4' }))
    expect(t).toMatchObject({ priority: 'P4', priorityManual: true })
    const events = t.events.length
    // A hand-set priority stays when impact or urgency change; no priority event.
    t = apply(t, setPriority({ urgency: 'high' }), { version: 8, baseVersions: {} }).snapshot
    expect(t).toMatchObject({ urgency: 'high', priority: 'P4', priorityManual: true })
    expect(t.events).toHaveLength(events)
    expect(t.versions).toMatchObject({ urgency: 8, priority: 7 })
    // null goes back to the matrix.
    t = on(t, setPriority({ priority: null }))
    expect(t).toMatchObject({ priority: 'P1', priorityManual: false })
    // Setting the same priority by hand versions the field, with no event.
    const same = apply(t, setPriority({ priority: 'P1' }), { version: 9, baseVersions: {} })
    expect(same.snapshot).toMatchObject({ priority: 'P1', priorityManual: true })
    expect(same.snapshot.versions.priority).toBe(9)
    expect(same.snapshot.events).toHaveLength(t.events.length)
  })

  it('assigns with an assigned event', () => {
    const t = on(ticket(), {
      intent: 'tickets.assign',
      payload: { ...now, id: 'ticket-1', assignee: 'carol' },
    })
    expect(t.assignee).toBe('carol')
    expect(t.events.at(-1)).toEqual({
      ...now,
      kind: 'assigned',
      field: 'assignee',
      from: null,
      to: 'carol',
    })
    expect(t.versions).toEqual({ assignee: 7 })
  })

  it('links and unlinks devices, each once', () => {
    let t = ticket({ devices: [{ id: 'dev-m', hostname: 'm' }] })
    t = on(t, link('dev-z', 'zed'))
    t = on(t, link('dev-a', 'alpha'))
    expect(t.devices.map((d) => d.id)).toEqual(['dev-a', 'dev-m', 'dev-z'])
    expect(t.events.at(-1)).toEqual({
      ...now,
      kind: 'device-linked',
      field: 'devices',
      from: null,
      to: 'alpha',
    })
    refused(() => apply(t, link('dev-a', 'alpha')), 'conflict-exists', 'alpha is linked')
    t = on(t, { intent: 'tickets.unlinkDevice', payload: { ...now, id: t.id, deviceId: 'dev-m' } })
    expect(t.devices.map((d) => d.id)).toEqual(['dev-a', 'dev-z'])
    expect(t.events.at(-1)).toMatchObject({ kind: 'device-unlinked', from: 'm', to: null })
    expect(t.versions).toEqual({ devices: 7 })
    refused(
      () =>
        apply(t, {
          intent: 'tickets.unlinkDevice',
          payload: { ...now, id: t.id, deviceId: 'dev-m' },
        }),
      'not-found',
      'That device is not linked to this ticket',
    )
  })

  it('appends notes; a customer note is the first response and a plan note the plan', () => {
    let t = on(ticket(), note())
    expect(t.notes).toEqual([
      {
        id: 'note-1',
        visibility: 'internal',
        isPlan: false,
        author: 'bob',
        body: 'Called the customer',
        createdAt: now.at,
      },
    ])
    expect(t).toMatchObject({ firstResponseAt: null, updatedAt: now.at, versions: {} })
    const later = now.at + MIN
    t = on(t, note({ noteId: 'note-2', visibility: 'customer', isPlan: true, at: later }))
    expect(t).toMatchObject({ firstResponseAt: later, resolutionPlanAt: later })
    t = on(t, note({ noteId: 'note-3', visibility: 'customer', at: later + MIN }))
    expect(t.firstResponseAt).toBe(later)
    expect(t.notes.map((n) => n.id)).toEqual(['note-1', 'note-2', 'note-3'])
    refused(() => apply(t, note({ noteId: 'note-2' })), 'conflict-exists')
  })

  it('appends time entries', () => {
    const t = on(ticket(), timeEntry('entry-1'))
    expect(t.timeEntries).toEqual([
      {
        id: 'entry-1',
        technician: 'bob',
        startedAt: null,
        endedAt: null,
        durationMinutes: 15,
        billable: false,
        workType: 'phone',
        note: 'call',
        sessionId: null,
        recordingId: null,
        createdAt: now.at,
      },
    ])
    expect(t.updatedAt).toBe(now.at)
    refused(() => apply(t, timeEntry('entry-1')), 'conflict-exists')
  })

  it('runs one timer per technician, and stopping one logs its time', () => {
    let t = on(ticket(), startTimer('timer-1', 'bob'))
    expect(t.timers).toEqual([
      {
        id: 'timer-1',
        technician: 'bob',
        startedAt: now.at,
        workType: 'remote',
        billable: true,
        note: 'on it',
      },
    ])
    refused(
      () => apply(t, startTimer('timer-2', 'bob')),
      'conflict-exists',
      'A timer is already running on T-ABCD-0001',
    )
    refused(() => apply(t, startTimer('timer-1', 'carol')), 'conflict-exists')
    t = on(t, startTimer('timer-2', 'carol'))
    t = on(t, stopTimer('timer-1'))
    expect(t.timers.map((x) => x.id)).toEqual(['timer-2'])
    expect(t.timeEntries).toEqual([
      {
        id: 'entry-1',
        technician: 'bob',
        startedAt: now.at,
        endedAt: now.at + 30 * MIN,
        durationMinutes: 30,
        billable: true,
        workType: 'remote',
        note: 'fixed',
        sessionId: null,
        recordingId: null,
        createdAt: now.at + 30 * MIN,
      },
    ])
    expect(t.updatedAt).toBe(now.at + 30 * MIN)
    refused(
      () => apply(t, stopTimer('timer-1', 'entry-2')),
      'not-found',
      'That timer is not running',
    )
    refused(() => apply(t, stopTimer('timer-2', 'entry-1')), 'conflict-exists')
    const cancel = (timerId: string): TicketMutation => ({
      intent: 'tickets.cancelTimer',
      payload: { ...now, ticketId: 'ticket-1', timerId },
    })
    t = on(t, cancel('timer-2'))
    expect(t.timers).toEqual([])
    expect(t.timeEntries).toHaveLength(1)
    refused(() => apply(t, cancel('timer-2')), 'not-found', 'That timer is not running')
    // Bob may start again once his timer stopped.
    expect(on(t, startTimer('timer-3', 'bob')).timers).toHaveLength(1)
  })

  it('leaves the document it was given as it was', () => {
    const before = ticket({ devices: [{ id: 'dev-a', hostname: 'a' }] })
    const copy = structuredClone(before)
    apply(before, update({ subject: 'Changed', contact: { name: 'Lee' } }))
    apply(before, setStatus('resolved'))
    apply(before, link('dev-b', 'b'))
    apply(before, note({ visibility: 'customer', isPlan: true }))
    apply(before, startTimer('timer-1', 'bob'))
    expect(before).toEqual(copy)
  })

  it('refuses a version that is not a whole number', () => {
    expect(() => apply(ticket(), note(), { version: 1.5, baseVersions: {} })).toThrow(RangeError)
    expect(() => apply(ticket(), note(), { version: -1, baseVersions: {} })).toThrow(RangeError)
  })
})

describe('applyTicketMutation: conflicts', () => {
  const stale: ApplyContext = {
    version: 9,
    baseVersions: Object.fromEntries(TICKET_FIELDS.map((f) => [f, 4])),
  }

  it.each([
    ['subject', update({ subject: 'Mine' }), 'Printer offline', 'Mine'],
    ['description', update({ description: 'Mine' }), 'Paper jam', 'Mine'],
    [
      'contact',
      update({ contact: { email: null } }),
      { name: 'Dana', email: 'dana@example.com', phone: null },
      { email: null },
    ],
    ['type', update({ type: 'change' }), 'incident', 'change'],
    ['board', update({ board: 'Projects' }), 'Service Desk', 'Projects'],
    ['siteId', update({ siteId: null }), 'site-1', null],
    ['dueAt', update({ dueAt: T0 }), null, T0],
    ['status', setStatus('in-progress'), 'new', 'in-progress'],
    ['impact', setPriority({ impact: 'high' }), 'medium', 'high'],
    ['urgency', setPriority({ urgency: 'low' }), 'medium', 'low'],
    ['priority', setPriority({ priority: 'P1' }), 'P3', 'P1'],
    [
      'assignee',
      { intent: 'tickets.assign', payload: { ...now, id: 'ticket-1', assignee: 'bob' } },
      null,
      'bob',
    ],
  ] as const)('%s changed since the base stands, and nothing changes', (field, m, theirs, mine) => {
    const current = edited()
    const { snapshot, conflicts } = apply(current, m as TicketMutation, stale)
    expect(conflicts).toEqual([{ field, theirs, mine, theirVersion: 5 }])
    expect(snapshot).toBe(current)
    // They travel over the wire.
    expect(FieldConflict.array().parse(JSON.parse(JSON.stringify(conflicts)))).toEqual(conflicts)
  })

  it('applies the fields whose base is current and returns the stale ones', () => {
    const current = edited()
    const { snapshot, conflicts } = apply(current, update({ subject: 'Mine', board: 'Projects' }), {
      version: 9,
      baseVersions: { subject: 4, board: 5 },
    })
    expect(conflicts).toEqual([
      { field: 'subject', theirs: 'Printer offline', mine: 'Mine', theirVersion: 5 },
    ])
    expect(snapshot).toMatchObject({
      subject: 'Printer offline',
      board: 'Projects',
      updatedAt: now.at,
    })
    expect(snapshot.versions).toMatchObject({ subject: 5, board: 9 })
    expect(snapshot.events.slice(1).map((e) => e.field)).toEqual(['board'])
  })

  it('takes a missing base, or a base at the current version, as current', () => {
    const current = edited()
    expect(apply(current, update({ subject: 'Mine' }), fresh).conflicts).toEqual([])
    const even = apply(current, update({ subject: 'Mine' }), {
      version: 9,
      baseVersions: { subject: 5 },
    })
    expect(even.conflicts).toEqual([])
    expect(even.snapshot.versions.subject).toBe(9)
    // Never changed (no version) and never seen (0): current.
    expect(
      apply(ticket(), update({ subject: 'x' }), { version: 1, baseVersions: { subject: 0 } })
        .conflicts,
    ).toEqual([])
  })

  it('judges a status move only when it applies: a stale one is a conflict, not a rule', () => {
    const closed = { ...on(ticket(), setStatus('closed')), versions: { status: 5 } }
    const { conflicts } = apply(closed, setStatus('in-progress'), stale)
    expect(conflicts).toEqual([
      { field: 'status', theirs: 'closed', mine: 'in-progress', theirVersion: 5 },
    ])
  })

  it('lets a matrix priority follow the impact that applied, while a stale urgency stands', () => {
    const current = edited()
    const { snapshot, conflicts } = apply(
      current,
      setPriority({ impact: 'high', urgency: 'high' }),
      {
        version: 9,
        baseVersions: { impact: 5, urgency: 4, priority: 4 },
      },
    )
    expect(conflicts.map((c) => c.field)).toEqual(['urgency'])
    expect(snapshot).toMatchObject({ impact: 'high', urgency: 'medium', priority: 'P2' })
    expect(snapshot.versions).toMatchObject({ impact: 9, urgency: 5, priority: 9 })
  })

  it('keeps a stale hand-set priority out but applies the impact beside it', () => {
    const current = edited()
    const { snapshot, conflicts } = apply(current, setPriority({ impact: 'low', priority: 'P1' }), {
      version: 9,
      baseVersions: { impact: 5, priority: 4 },
    })
    expect(conflicts).toEqual([{ field: 'priority', theirs: 'P3', mine: 'P1', theirVersion: 5 }])
    expect(snapshot).toMatchObject({ impact: 'low', priority: 'P4', priorityManual: false })
  })

  it('never raises a conflict for devices, notes, time entries or timers', () => {
    const current = edited()
    for (const m of [
      link('dev-a', 'a'),
      note(),
      timeEntry('entry-1'),
      startTimer('timer-1', 'bob'),
    ]) {
      const { snapshot, conflicts } = apply(current, m, stale)
      expect(conflicts).toEqual([])
      expect(snapshot.updatedAt).toBe(now.at)
    }
    expect(apply(current, link('dev-a', 'a'), stale).snapshot.versions.devices).toBe(9)
  })
})

describe('conflicts between installations', () => {
  const create = (): TicketSnapshot =>
    applyTicketMutation(
      null,
      parseMutation('tickets.create', {
        at: 1,
        actor: 'Dana',
        id: 't1',
        number: 'T-1',
        clientId: 'c1',
        siteId: null,
        devices: [],
        subject: 'Printer',
        description: '',
        contact: { name: null, email: null, phone: null },
        type: 'incident',
        board: 'Service Desk',
        impact: 'medium',
        urgency: 'medium',
        priority: null,
        assignee: null,
        dueAt: null,
      }),
      { version: 1, baseVersions: {}, installationId: 'install-a' },
    ).snapshot
  const rename = (subject: string, at: number) =>
    parseMutation('tickets.update', { at, actor: 'x', id: 't1', changes: { subject } })

  it('lets an author’s own offline edits follow each other, each based on the pulled version', () => {
    const first = applyTicketMutation(create(), rename('A1', 2), {
      version: 5,
      baseVersions: { subject: 0 },
      installationId: 'install-a',
    })
    expect(first.conflicts).toEqual([])
    const second = applyTicketMutation(first.snapshot, rename('A2', 3), {
      version: 6,
      baseVersions: { subject: 0 },
      installationId: 'install-a',
    })
    expect(second.conflicts).toEqual([])
    expect(second.snapshot).toMatchObject({
      subject: 'A2',
      versions: { subject: 6 },
      writers: { subject: 'install-a' },
    })
  })

  it('finds the conflict when another installation wrote the field in between, whatever the numbers', () => {
    const mine = applyTicketMutation(create(), rename('A1', 2), {
      version: 5,
      baseVersions: { subject: 0 },
      installationId: 'install-a',
    }).snapshot
    const theirs = applyTicketMutation(mine, rename('B', 3), {
      version: 6,
      baseVersions: { subject: 5 },
      installationId: 'install-b',
    }).snapshot
    expect(theirs.subject).toBe('B')
    // A's second offline edit, based on what A pulled (0), meets B's change.
    const late = applyTicketMutation(theirs, rename('A2', 4), {
      version: 7,
      baseVersions: { subject: 0 },
      installationId: 'install-a',
    })
    expect(late.conflicts).toEqual([
      expect.objectContaining({ field: 'subject', theirs: 'B', mine: 'A2', theirVersion: 6 }),
    ])
    expect(late.snapshot.subject).toBe('B')
  })
})
