import { afterEach, describe, expect, it } from 'vitest'
import { contract } from '../../../shared/contract'
import { createServices, type Services } from '..'
import { testHostPorts } from '../../testing/host-ports'
import { serveOverMemory } from '../../testing/rpc-harness'
import { useTempDirs } from '../../testing/temp-dir'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

/** Monday 2026-03-02 09:00 UTC. */
const NOW = Date.UTC(2026, 2, 2, 9, 0)

function connect() {
  let now = NOW
  const services = createServices(
    testHostPorts(tempDir(), { clock: { now: () => now }, technician: 'alice' }),
  )
  open.push(services)
  const { client, raw } = serveOverMemory(services)
  return { services, client, raw, advance: (ms: number) => (now += ms) }
}

async function clientWithDevice(client: ReturnType<typeof connect>['client']) {
  const c = await client.inventory.createClient({ name: 'Dental Partners', shortCode: 'DENT' })
  const site = await client.inventory.createSite({
    clientId: c.id,
    name: 'Berlin',
    timeZone: 'Europe/Berlin',
  })
  const device = await client.inventory.createDevice({
    clientId: c.id,
    siteId: site.id,
    hostname: 'web-01',
  })
  return { clientId: c.id, siteId: site.id, deviceId: device.id }
}

describe('the tickets contract, served by the real services', () => {
  it('runs a ticket through intents, queues and its page, with contract-valid outputs', async () => {
    const { client, advance, services } = connect()
    const { clientId, siteId, deviceId } = await clientWithDevice(client)
    const changes: number[] = []
    client.tickets.onDidChange({}, (change) => changes.push(change.pending))
    await client.app.ping({})

    const created = await client.tickets.create({
      clientId,
      siteId,
      deviceIds: [deviceId],
      subject: 'Website down',
      impact: 'high',
      urgency: 'high',
      contact: { name: 'Dana', email: 'dana@dental.example', phone: '+49 30 1234-56' },
    })
    expect(await client.tickets.get({ id: created.ticket.id })).toMatchObject({
      id: created.ticket.id,
      number: created.ticket.number,
      priority: 'P1',
      status: 'new',
      board: 'Service Desk',
      type: 'incident',
      devices: [{ id: deviceId, hostname: 'web-01', missing: false }],
      sla: { planName: 'Standard', timeZone: 'Europe/Berlin', clock: '24x7' },
    })
    const id = created.ticket.id
    advance(5 * 60_000)
    const note = await client.tickets.addNote({
      ticketId: id,
      body: 'Looking into it',
      visibility: 'customer',
    })
    expect(note.note).toMatchObject({ visibility: 'customer', author: 'alice', pendingSync: true })
    advance(60_000)
    await client.tickets.assign({ id, assignee: 'alice' })
    advance(60_000)
    await client.tickets.setStatus({ id, status: 'waiting-vendor', baseVersions: { status: 0 } })
    advance(60_000)
    const entry = await client.tickets.addTimeEntry({
      ticketId: id,
      durationMinutes: 25,
      note: 'Hosting call',
    })
    expect(entry.timeEntry).toMatchObject({
      durationMinutes: 25,
      billable: true,
      workType: 'remote',
    })
    const timer = await client.tickets.startTimer({ ticketId: id })
    expect((await client.tickets.timers({})).timers).toHaveLength(1)
    advance(10 * 60_000)
    const stopped = await client.tickets.stopTimer({ timerId: timer.timer.id })
    expect(stopped.timeEntry.durationMinutes).toBe(10)

    const detail = await client.tickets.get({ id })
    expect(contract.tickets.get.output.safeParse(detail).success).toBe(true)
    expect(detail).toMatchObject({
      status: 'waiting-vendor',
      assignee: 'alice',
      totalMinutes: 35,
      billableMinutes: 35,
      sla: { paused: true },
    })
    expect(
      detail.timeline.map((item) => (item.type === 'event' ? item.event.kind : item.type)),
    ).toEqual(['created', 'note', 'assigned', 'status', 'time', 'time'])

    const mine = await client.tickets.list({ queue: 'mine' })
    expect(mine).toMatchObject({ total: 1, rows: [{ id, pendingSync: true }] })
    expect((await client.tickets.list({ queue: 'waiting', query: 'website' })).total).toBe(1)
    const counts = await client.tickets.queueCounts()
    expect(counts).toMatchObject({ me: 'alice', mine: 1, waiting: 1, open: 1, all: 1, pending: 7 })
    expect(await client.tickets.pendingCount()).toEqual({ pending: 7, tickets: 1 })
    expect(await client.sync.status()).toMatchObject({ state: 'not-configured', pending: 7 })
    const outbox = await client.tickets.outbox({ limit: 3 })
    expect(outbox.total).toBe(7)
    expect(outbox.entries.map((e) => e.intent)).toEqual([
      'tickets.create',
      'tickets.addNote',
      'tickets.assign',
    ])
    expect(outbox.entries[0]?.installationId).toBe(services.tickets.installation.current.id)
    expect(await client.tickets.lookup({ number: detail.number.toLowerCase() })).toEqual({ id })
    expect(await client.tickets.pickLists()).toEqual({
      me: 'alice',
      assignees: ['alice'],
      boards: ['Service Desk'],
    })
    await expect(client.tickets.slaPlan({ clientId })).resolves.toMatchObject({ isDefault: true })
    expect(changes).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('rejects bad input with BAD_REQUEST naming the field', async () => {
    const { client } = connect()
    const { clientId } = await clientWithDevice(client)
    const { ticket } = await client.tickets.create({ clientId, subject: 'Printer' })
    const cases: Array<[Promise<unknown>, string]> = [
      [client.tickets.create({ clientId, subject: '   ' }), 'subject'],
      [
        client.tickets.create({ clientId, subject: 'x', contact: { email: 'not-mail' } }),
        'contact.email',
      ],
      [client.tickets.create({ clientId, subject: 'x', impact: 'huge' as 'high' }), 'impact'],
      [client.tickets.setStatus({ id: ticket.id, status: 'done' as 'closed' }), 'status'],
      [client.tickets.setStatus({ id: ticket.id, status: 'new' }), 'status'],
      [client.tickets.update({ id: ticket.id }), 'id'],
      [client.tickets.addNote({ ticketId: ticket.id, body: '' }), 'body'],
      [client.tickets.addTimeEntry({ ticketId: ticket.id }), 'durationMinutes'],
      [client.tickets.addTimeEntry({ ticketId: ticket.id, startedAt: 10, endedAt: 5 }), 'endedAt'],
      [client.tickets.list({ queue: 'client' }), 'clientId'],
      [client.tickets.setPriority({ id: ticket.id }), 'priority'],
      [
        client.tickets.update({ id: ticket.id, baseVersions: { subject: -1 } }),
        'baseVersions.subject',
      ],
      [client.tickets.create({ clientId: 'nope', subject: 'x' }), 'clientId'],
    ]
    for (const [call, field] of cases) {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      )
      expect(error, field).toMatchObject({
        issues: expect.arrayContaining([expect.objectContaining({ path: field.split('.') })]),
      })
    }
    const illegal = await client.tickets
      .setStatus({ id: ticket.id, status: 'new' })
      .catch((e: unknown) => e)
    expect(illegal).toMatchObject({ code: 'BAD_REQUEST', message: 'The ticket is already new' })
    await expect(client.tickets.get({ id: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(client.tickets.sessionDraft({ sessionId: 'missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect((await client.tickets.pendingCount()).pending).toBe(1)
  })

  it("keeps the queues' SLA deadlines in step when a site's hours or time zone change", async () => {
    const { client, services } = connect()
    const { clientId, siteId } = await clientWithDevice(client)
    // P4 runs on business hours under the default plan.
    const { ticket } = await client.tickets.create({
      clientId,
      siteId,
      subject: 'Label printer',
      impact: 'low',
      urgency: 'low',
    })
    const stored = () =>
      services.store.db
        .prepare('SELECT sla_due_at AS dueAt, sla_risk_at AS riskAt FROM tickets WHERE id = ?')
        .get(ticket.id) as { dueAt: number; riskAt: number }
    const nextDeadline = async () => {
      const { sla } = await client.tickets.get({ id: ticket.id })
      expect(sla.clock).toBe('business-hours')
      return Math.min(...Object.values(sla.milestones).map((m) => m.dueAt ?? Infinity))
    }
    const berlin = stored()
    expect(berlin.dueAt).toBe(Math.ceil(await nextDeadline()))
    const changes: string[][] = []
    client.tickets.onDidChange({}, (change) => changes.push(change.ticketIds))
    await client.app.ping({})

    // Created at 10:00 in Berlin but 04:00 in New York, before it opens: the nine business
    // hours of P4's first response now end Monday evening instead of Tuesday morning.
    await client.inventory.updateSite({ id: siteId, timeZone: 'America/New_York' })
    const newYork = stored()
    expect(newYork.dueAt).not.toBe(berlin.dueAt)
    expect(newYork.riskAt).not.toBe(berlin.riskAt)
    expect(newYork.dueAt).toBe(Math.ceil(await nextDeadline()))
    expect(changes).toContainEqual([ticket.id])

    // With its site gone, the ticket counts in the client's first remaining site's hours.
    const tokyo = await client.inventory.createSite({
      clientId,
      name: 'A Tokyo office',
      timeZone: 'Asia/Tokyo',
    })
    await client.inventory.deleteSite({ id: siteId })
    expect((await client.tickets.get({ id: ticket.id })).sla.timeZone).toBe('Asia/Tokyo')
    expect(stored().dueAt).toBe(Math.ceil(await nextDeadline()))
    expect(stored().dueAt).not.toBe(newYork.dueAt)
    expect(tokyo.clientId).toBe(clientId)
  })
})
