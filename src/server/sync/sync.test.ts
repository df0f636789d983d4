import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { PushMutation } from '../../shared/sync/protocol'
import { teamDatabaseModes } from '../testing/team-modes'
import { useSyncTeams } from '../testing/sync-team'

const modes = teamDatabaseModes()
const team = useSyncTeams()

describe.each(modes)('team sync on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('two installations editing one ticket offline converge in either order, the conflict going to the later one', async () => {
    for (const order of ['dana first', 'ed first'] as const) {
      const { acme, technician } = await team(mode)
      const dana = await (await technician('Dana', [acme])).signIn()
      const ed = await (await technician('Ed', [acme])).signIn()
      const ticketId = randomUUID()
      expect((await dana.push(dana.outbox.create(acme, 'VPN down', ticketId))).outcomes).toEqual([
        { mutationId: 1, status: 'applied' },
      ])
      await dana.pullAll()
      await ed.pullAll()
      // The base is the version each pulled (0: never changed since it was created).
      expect(ed.ticket(ticketId)).toMatchObject({ status: 'new' })
      const base = { status: ed.ticket(ticketId)?.versions.status ?? 0 }

      // Both offline: Dana resolves it, Ed sets it waiting and both add a note.
      const danaChanges = [
        dana.outbox.setStatus(ticketId, 'in-progress', base),
        dana.outbox.addNote(ticketId, 'Restarted the VPN concentrator'),
      ]
      const edChanges = [
        ed.outbox.setStatus(ticketId, 'waiting-customer', base),
        ed.outbox.addNote(ticketId, 'Asked the customer for a screenshot'),
      ]
      const [first, second] = order === 'dana first' ? [dana, ed] : [ed, dana]
      const [firstChanges, secondChanges] =
        order === 'dana first' ? [danaChanges, edChanges] : [edChanges, danaChanges]
      expect((await first.push(...firstChanges)).outcomes.map((o) => o.status)).toEqual([
        'applied',
        'applied',
      ])
      const late = await second.push(...secondChanges)
      expect(late.outcomes.map((o) => o.status)).toEqual(['conflict', 'applied'])
      await dana.pullAll()
      await ed.pullAll()

      const danaTicket = dana.ticket(ticketId)
      expect(danaTicket).toEqual(ed.ticket(ticketId))
      expect(danaTicket?.status).toBe(order === 'dana first' ? 'in-progress' : 'waiting-customer')
      expect(danaTicket?.notes.map((n) => n.body).sort()).toEqual([
        'Asked the customer for a screenshot',
        'Restarted the VPN concentrator',
      ])
      expect(first.conflicts()).toEqual([])
      expect(second.conflicts()).toEqual([
        expect.objectContaining({
          ticketId,
          field: 'status',
          theirs: order === 'dana first' ? 'in-progress' : 'waiting-customer',
          mine: order === 'dana first' ? 'waiting-customer' : 'in-progress',
          theirActor: first.tokens.technician.displayName,
        }),
      ])
    }
  })

  test('the same mutation replayed 10 times at once is applied once; an out-of-order id stops the batch', async () => {
    const { acme, technician } = await team(mode)
    const dana = await (await technician('Dana', [acme])).signIn()
    const ticketId = randomUUID()
    await dana.push(dana.outbox.create(acme, 'Disk full', ticketId))
    const note = dana.outbox.addNote(ticketId, 'Cleared the temp folder')
    const replies = await Promise.all(Array.from({ length: 10 }, () => dana.push(note)))
    const statuses = replies.map((r) => r.outcomes[0]?.status).sort()
    expect(statuses).toEqual(
      ['already-applied', ...Array(8).fill('already-applied'), 'applied'].sort(),
    )
    await dana.pullAll()
    expect(dana.ticket(ticketId)?.notes).toHaveLength(1)

    const skipped = dana.outbox.addNote(ticketId, 'lost') // id 3, never sent
    expect(skipped.mutationId).toBe(3)
    const ahead = dana.outbox.addNote(ticketId, 'ahead') // id 4
    const response = await dana.push(ahead)
    expect(response.outcomes).toEqual([])
    expect(response.stopped).toMatchObject({
      mutationId: 4,
      reason: expect.stringContaining('expects 3'),
    })
    expect(response.lastMutationId).toBe(2)
  })

  test('a permanently failing mutation is answered with its reason and does not block the ones after it', async () => {
    const { acme, technician } = await team(mode)
    const dana = await (await technician('Dana', [acme])).signIn()
    const ticketId = randomUUID()
    const response = await dana.push(
      dana.outbox.create(acme, 'New laptop', ticketId),
      dana.outbox.setStatus(ticketId, 'closed', { status: 0 }),
      dana.outbox.setStatus(ticketId, 'in-progress', { status: 0 }), // closed is final
      dana.outbox.setStatus(randomUUID(), 'in-progress'), // no such ticket
      dana.outbox.addNote(ticketId, 'Ordered it'),
      dana.outbox.addNote(ticketId, 'Bad \u0000 byte'),
    )
    expect(response.outcomes).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
      { mutationId: 3, status: 'rejected', reason: expect.stringMatching(/closed/i) },
      { mutationId: 4, status: 'rejected', reason: expect.stringContaining('No such ticket') },
      { mutationId: 5, status: 'applied' },
      { mutationId: 6, status: 'rejected', reason: expect.stringContaining('cannot store') },
    ])
    expect(response.lastMutationId).toBe(6)
    await dana.pullAll()
    expect(dana.lastMutationId).toBe(6)
    expect(dana.ticket(ticketId)).toMatchObject({
      status: 'closed',
      notes: [expect.objectContaining({ body: 'Ordered it' })],
    })
  })

  test('scope: nothing of another client reaches a technician, a write to it is refused, and unassigning drops it on the next pull', async () => {
    const { server, acme, globex, technician } = await team(mode)
    const danaTech = await technician('Dana', [acme])
    const dana = await danaTech.signIn()
    const ed = await (await technician('Ed', [globex])).signIn()
    const globexTicket = randomUUID()
    await ed.push(ed.outbox.create(globex, 'Globex secret', globexTicket))
    const acmeTicket = randomUUID()
    await dana.push(dana.outbox.create(acme, 'Acme printer', acmeTicket))

    // Dana names Globex's ticket and Globex itself: refused, and nothing changes.
    const refused = await dana.push(
      dana.outbox.addNote(globexTicket, 'sneaky'),
      dana.outbox.create(globex, 'sneaky ticket'),
    )
    expect(refused.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    await dana.pullAll()
    expect([...dana.rows.values()].map((r) => r.clientId)).toEqual([acme])
    await ed.pullAll()
    expect(ed.ticket(globexTicket)?.notes).toEqual([])
    expect(JSON.stringify([...ed.rows.values()])).not.toContain('sneaky')

    await server.request('PUT', `/v1/team/technicians/${danaTech.id}/clients`, {
      token: server.admin.accessToken,
      body: { clientIds: [] },
    })
    const [page] = await dana.pullAll()
    expect(page?.droppedClientIds).toEqual([acme])
    expect(dana.rows.size).toBe(0)
    const blocked = await dana.push(dana.outbox.addNote(acmeTicket, 'after unassignment'))
    expect(blocked.outcomes[0]).toMatchObject({ status: 'rejected' })
  })

  test('hostile input: a forged cursor naming another client, a broken cursor and junk mutations are answered and leak nothing', async () => {
    const { server, acme, globex, technician } = await team(mode)
    const dana = await (await technician('Dana', [acme])).signIn()
    const ed = await (await technician('Ed', [globex])).signIn()
    await ed.push(ed.outbox.create(globex, 'Globex secret'))
    const pull = (body: unknown) =>
      server.request('POST', '/v1/sync/pull', { token: dana.tokens.accessToken, body })
    // A cursor Dana forged, naming Globex at version 0: Globex is dropped, never sent.
    const forged = Buffer.from(JSON.stringify({ v: 1, t: { [globex]: 0 } })).toString('base64url')
    const page = await pull({ cursor: forged, limit: 5000 })
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ changes: [], droppedClientIds: [globex] })
    expect(JSON.stringify(page.body)).not.toContain('Globex secret')
    for (const cursor of ['!!!', 'e30', 'x'.repeat(100_000)]) {
      expect((await pull({ cursor, limit: 10 })).status).toBe(400)
    }
    expect((await pull({ cursor: null, limit: 10_000 })).status).toBe(400)
    const junk = await server.request('POST', '/v1/sync/push', {
      token: dana.tokens.accessToken,
      body: {
        mutations: [
          {
            mutationId: 1,
            intent: 'tickets.addNote',
            payload: { ticketId: { $ne: 1 } },
            baseVersions: {},
            createdAt: 0,
          },
          {
            mutationId: 2,
            intent: 'tickets.create',
            payload: { __proto__: { admin: true } },
            baseVersions: {},
            createdAt: 0,
          },
        ],
      },
    })
    expect(junk.status).toBe(200)
    expect(junk.body).toMatchObject({
      outcomes: [{ status: 'rejected' }, { status: 'rejected' }],
      lastMutationId: 2,
    })
    const noToken = await server.request('POST', '/v1/sync/pull', { body: { cursor: null } })
    expect(noToken.status).toBe(401)
  })

  test('pull pages through every change once, in order, however small the pages', async () => {
    const { acme, globex, technician } = await team(mode)
    const lead = await (await technician('Lee', [acme, globex])).signIn()
    const ids: string[] = []
    const batch: PushMutation[] = []
    for (let i = 0; i < 30; i++) {
      const id = randomUUID()
      ids.push(id)
      batch.push(lead.outbox.create(i % 2 ? acme : globex, `Ticket ${i}`, id))
    }
    await lead.push(...batch)
    const pages = await lead.pullAll(7)
    expect(pages.length).toBe(5)
    expect(pages.flatMap((p) => p.changes).length).toBe(30)
    expect([...lead.rows.keys()].sort()).toEqual(ids.map((id) => `ticket:${id}`).sort())
    const again = await lead.pullAll(7)
    expect(again.flatMap((p) => p.changes)).toEqual([])
  })
})
