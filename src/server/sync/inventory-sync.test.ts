import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { defaultBusinessHours } from '../../shared/domain/sla'
import type { InventoryDoc } from '../../shared/sync/inventory'
import { Installation, useSyncTeams } from '../testing/sync-team'
import { teamDatabaseModes } from '../testing/team-modes'

const modes = teamDatabaseModes()
const team = useSyncTeams()

const CLIENT = {
  name: 'Initech',
  shortCode: 'INI',
  contractTier: 'Gold',
  notes: '',
  onlineMinutes: 15,
  staleMinutes: 1440,
}
const HOURS = defaultBusinessHours('UTC')

function doc(installation: Installation, kind: string, id: string): InventoryDoc | undefined {
  return installation.rows.get(`${kind}:${id}`)?.doc as InventoryDoc | undefined
}

describe.each(modes)('inventory sync on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('a client, its site, device and snapshot reach the assigned technician only; edits of different fields both stand, a stale one is a conflict', async () => {
    const { server, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    const initech = randomUUID()
    const site = randomUUID()
    const device = randomUUID()
    const snapshot = randomUUID()
    const pushed = await admin.push(
      admin.outbox.put('client', initech, initech, CLIENT),
      admin.outbox.put('site', site, initech, {
        name: 'HQ',
        address: '1 Main St',
        timeZone: 'UTC',
        businessHours: HOURS,
      }),
      admin.outbox.put('device', device, initech, {
        hostname: 'fs01',
        siteId: site,
        role: 'server',
      }),
      admin.outbox.put('deviceSnapshot', snapshot, initech, {
        deviceId: device,
        collectedAt: 1_700_000_000_000,
        source: 'ssh',
        facts: { memoryBytes: 8 },
        problems: [],
        changes: [{ at: 1, field: 'memoryBytes', summary: 'RAM 4 → 8', before: 4, after: 8 }],
      }),
    )
    expect(pushed.stopped).toBeUndefined()
    expect(pushed.outcomes.map((o) => o.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ])

    const dana = await (await technician('Dana', [initech])).signIn()
    const ed = await (await technician('Ed', [initech])).signIn()
    const outsider = await (await technician('Olga', [])).signIn()
    await Promise.all([dana.pullAll(), ed.pullAll(), outsider.pullAll()])
    expect(doc(dana, 'client', initech)?.fields).toMatchObject({
      name: 'Initech',
      shortCode: 'INI',
    })
    expect(doc(dana, 'site', site)?.fields).toMatchObject({ name: 'HQ' })
    expect(doc(dana, 'device', device)?.fields).toMatchObject({ hostname: 'fs01', siteId: site })
    expect(doc(dana, 'deviceSnapshot', snapshot)?.fields).toMatchObject({ deviceId: device })
    expect(outsider.rows.size).toBe(0)

    // Different fields: both stand. The same field from a stale copy: Ed's is a conflict.
    const base = doc(dana, 'device', device)?.versions ?? {}
    expect(
      (
        await dana.push(
          dana.outbox.put('device', device, initech, { notes: 'UPS on port 3' }, base),
        )
      ).outcomes,
    ).toEqual([{ mutationId: 1, status: 'applied' }])
    expect(
      (await dana.push(dana.outbox.put('device', device, initech, { role: 'network' }, base)))
        .outcomes[0]?.status,
    ).toBe('applied')
    const late = await ed.push(
      ed.outbox.put('device', device, initech, { role: 'workstation', tags: ['vip'] }, base),
    )
    expect(late.outcomes[0]?.status).toBe('conflict')
    await Promise.all([dana.pullAll(), ed.pullAll()])
    expect(doc(ed, 'device', device)?.fields).toMatchObject({
      notes: 'UPS on port 3',
      role: 'network',
      tags: ['vip'],
    })
    expect(doc(ed, 'device', device)).toEqual(doc(dana, 'device', device))
    const conflicts = [...ed.rows.values()].filter((r) => r.kind === 'conflict')
    expect(conflicts.map((c) => c.doc)).toEqual([
      expect.objectContaining({
        entity: 'device',
        ticketId: device,
        field: 'role',
        mine: 'workstation',
        theirs: 'network',
        subject: 'fs01',
      }),
    ])
    expect([...dana.rows.values()].some((r) => r.kind === 'conflict')).toBe(false)

    // A technician cannot add a client, nor write into one not theirs.
    const refused = await outsider.push(
      outsider.outbox.put('client', randomUUID(), randomUUID(), { ...CLIENT, shortCode: 'NEW' }),
      outsider.outbox.put('device', device, initech, { notes: 'mine now' }),
      outsider.outbox.put('device', randomUUID(), initech, { hostname: 'sneaky' }),
    )
    expect(refused.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(refused.lastMutationId).toBe(3)

    // Deleting the device tombstones it and its snapshots for everyone who had them.
    await dana.push(dana.outbox.remove('device', device, initech))
    await ed.pullAll()
    expect(doc(ed, 'device', device)).toBeUndefined()
    expect(doc(ed, 'deviceSnapshot', snapshot)).toBeUndefined()
    expect(doc(ed, 'site', site)).toBeDefined()
  })

  test('short codes are the team’s: a second client with one taken is refused; a client removed by a lead is dropped from every installation; bad fields are refused with a reason', async () => {
    const { server, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    const first = randomUUID()
    const second = randomUUID()
    const outcomes = await admin.push(
      admin.outbox.put('client', first, first, CLIENT),
      admin.outbox.put('client', second, second, { ...CLIENT, shortCode: 'ini' }),
      admin.outbox.put('client', second, second, { ...CLIENT, name: 'Other', shortCode: 'OTH' }),
      admin.outbox.put('device', randomUUID(), first, { hostname: 'bell\u0007' }),
      admin.outbox.put('device', randomUUID(), first, { role: 'server' }),
      admin.outbox.put('site', randomUUID(), first, { name: 'x', surprise: true }),
    )
    expect(outcomes.outcomes.map((o) => o.status)).toEqual([
      'applied',
      'rejected',
      'applied',
      'rejected',
      'rejected',
      'rejected',
    ])
    expect(outcomes.outcomes[1]).toMatchObject({ reason: expect.stringMatching(/short code ini/) })
    expect(outcomes.outcomes[4]).toMatchObject({ reason: 'A new device needs hostname' })

    const dana = await (await technician('Dana', [first, second])).signIn()
    await dana.pullAll()
    expect(doc(dana, 'client', second)?.fields).toMatchObject({ shortCode: 'OTH' })
    const denied = await dana.push(dana.outbox.remove('client', second, second))
    expect(denied.outcomes[0]).toMatchObject({ status: 'rejected' })
    await admin.push(admin.outbox.remove('client', second, second))
    const pages = await dana.pullAll()
    expect(pages.flatMap((p) => p.droppedClientIds)).toEqual([second])
    expect(doc(dana, 'client', second)).toBeUndefined()
    expect(doc(dana, 'client', first)).toBeDefined()
  })
})

describe.each(modes)('saved views on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test("a technician's saved view reaches their other installation and no one else's; a removal follows; a bad one is refused", async () => {
    const { server, technician, acme } = await team(mode)
    const danaAccount = await technician('Dana', [acme])
    const laptop = await danaAccount.signIn()
    const desk = await danaAccount.signIn()
    const ed = await (await technician('Ed', [acme])).signIn()
    const admin = new Installation(server, server.admin)
    const view = {
      name: 'Servers needing patches',
      query: '',
      filters: { role: 'server', patchesPending: true },
      sort: { column: 'hostname', direction: 'asc' },
      columns: ['hostname', 'patchesPending'],
    }
    const pushed = await laptop.push(
      laptop.outbox.view('v1', view),
      laptop.outbox.view('v2', { ...view, name: '' }),
      laptop.outbox.view('v3', { ...view, name: 'Scratch' }),
    )
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['applied', 'rejected', 'applied'])
    await Promise.all([desk.pullAll(), ed.pullAll(), admin.pullAll()])
    expect(desk.rows.get('savedView:v1')).toMatchObject({
      clientId: null,
      doc: { id: 'v1', name: 'Servers needing patches' },
    })
    expect([...ed.rows.keys()].filter((k) => k.startsWith('savedView:'))).toEqual([])
    expect([...admin.rows.keys()].filter((k) => k.startsWith('savedView:'))).toEqual([])

    await desk.push(desk.outbox.view('v3', null))
    await laptop.pullAll()
    expect(laptop.rows.has('savedView:v3')).toBe(false)
    expect(laptop.rows.has('savedView:v1')).toBe(true)
  })
})

describe.each(modes)('pull pages by size on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('a page stops once its documents pass the byte budget, and the next page goes on from there with nothing lost or repeated', async () => {
    const { server, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    const initech = randomUUID()
    const device = randomUUID()
    await admin.push(
      admin.outbox.put('client', initech, initech, CLIENT),
      admin.outbox.put('device', device, initech, { hostname: 'fs01' }),
    )
    // Incompressible facts, 1.5 MB each: PostgreSQL would shrink repeated text to nothing.
    const snapshots = Array.from({ length: 5 }, () => randomUUID())
    for (const id of snapshots) {
      const pushed = await admin.push(
        admin.outbox.put('deviceSnapshot', id, initech, {
          deviceId: device,
          collectedAt: 1,
          source: 'ssh',
          facts: { blob: randomBytes(1_100_000).toString('base64') },
          problems: [],
          changes: [],
        }),
      )
      expect(pushed.outcomes[0]?.status).toBe('applied')
    }
    const dana = await (await technician('Dana', [initech])).signIn()
    const pages = await dana.pullAll()
    const perPage = pages.map((p) => p.changes.filter((c) => c.kind === 'deviceSnapshot').length)
    expect(Math.max(...perPage)).toBeLessThanOrEqual(3)
    expect(perPage.reduce((a, b) => a + b, 0)).toBe(5)
    const sent = pages.flatMap((p) => p.changes.map((c) => c.id))
    expect(new Set(sent).size).toBe(sent.length)
    for (const id of snapshots) expect(doc(dana, 'deviceSnapshot', id)).toBeDefined()
  })
})
