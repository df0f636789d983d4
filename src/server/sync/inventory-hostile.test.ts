import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { defaultBusinessHours } from '../../shared/domain/sla'
import type { InventoryDoc } from '../../shared/sync/inventory'
import type { PushResponse } from '../../shared/sync/protocol'
import { Installation, useSyncTeams } from '../testing/sync-team'
import { TEST_PASSWORD } from '../testing/team-server'
import { teamDatabaseModes } from '../testing/team-modes'

/**
 * Inventory changes a hostile or buggy installation may push. Each must be answered for good
 * (applied or rejected, the id moving on): a change left neither stalls that queue forever,
 * and a row stored that the app cannot write stalls every installation that pulls it.
 */
const modes = teamDatabaseModes()
const team = useSyncTeams()

const CLIENT = {
  name: 'Acme',
  shortCode: 'ACM',
  contractTier: 'Gold',
  notes: '',
  onlineMinutes: 15,
  staleMinutes: 1440,
}

describe.each(modes)('hostile inventory changes on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('a client row must be its own tenant: an id that is no uuid or names another client is refused, not retried forever', async () => {
    const { acme, globex, technician } = await team(mode)
    const dana = await (await technician('Dana', [acme, globex])).signIn()
    const pushed = await dana.push(
      dana.outbox.put('client', 'not-a-uuid', acme, CLIENT),
      dana.outbox.put('client', globex, acme, { ...CLIENT, shortCode: 'GLX' }),
    )
    expect(pushed.stopped).toBeUndefined()
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    expect(pushed.lastMutationId).toBe(2)
    // Nothing of Globex's turned up under Acme for Acme's other technicians.
    const ed = await (await technician('Ed', [acme])).signIn()
    await ed.pullAll()
    expect([...ed.rows.keys()]).toEqual([])
  })

  test('a client whose stale threshold falls below its online one is refused (the app cannot store it)', async () => {
    const { server, acme, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    expect((await admin.push(admin.outbox.put('client', acme, acme, CLIENT))).outcomes).toEqual([
      { mutationId: 1, status: 'applied' },
    ])
    const dana = await (await technician('Dana', [acme])).signIn()
    await dana.pullAll()
    const versions = (dana.rows.get(`client:${acme}`)?.doc as InventoryDoc | undefined)?.versions
    const pushed = await dana.push(
      dana.outbox.put('client', acme, acme, { onlineMinutes: 2000 }, versions),
      dana.outbox.put('client', acme, acme, { staleMinutes: 5 }, versions),
      dana.outbox.put('client', acme, acme, { onlineMinutes: 60, staleMinutes: 30 }, versions),
    )
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(pushed.outcomes[0]).toMatchObject({ reason: expect.stringMatching(/stale/i) })
    const other = randomUUID()
    const created = await admin.push(
      admin.outbox.put('client', other, other, {
        ...CLIENT,
        shortCode: 'OTH',
        onlineMinutes: 100,
        staleMinutes: 10,
      }),
    )
    expect(created.outcomes[0]).toMatchObject({ status: 'rejected' })
    await dana.pullAll()
    expect(
      (dana.rows.get(`client:${acme}`)?.doc as InventoryDoc | undefined)?.fields,
    ).toMatchObject({ onlineMinutes: 15, staleMinutes: 1440 })
  })

  test('a refused client change claims no short code and renames nothing: the code it had stays its own', async () => {
    const { server, acme, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    await admin.push(admin.outbox.put('client', acme, acme, CLIENT))
    const dana = await (await technician('Dana', [acme])).signIn()
    await dana.pullAll()
    const versions = (dana.rows.get(`client:${acme}`)?.doc as InventoryDoc | undefined)?.versions
    const change = { name: 'Renamed', shortCode: 'NEW' }
    const refused = await dana.push(
      dana.outbox.put('client', acme, acme, { ...change, notes: 'a\u0000' }, versions),
      dana.outbox.put('client', acme, acme, { ...change, staleMinutes: 1 }, versions),
    )
    expect(refused.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    // From a stale copy: a conflict, so its code is not the client's either.
    await admin.push(admin.outbox.put('client', acme, acme, { shortCode: 'ACX' }, versions))
    const stale = await dana.push(
      dana.outbox.put('client', acme, acme, { shortCode: 'OLD', notes: 'mine' }, versions),
    )
    expect(stale.outcomes[0]).toMatchObject({ status: 'conflict' })
    const other = randomUUID()
    const third = randomUUID()
    const fourth = randomUUID()
    const taken = await admin.push(
      admin.outbox.put('client', other, other, { ...CLIENT, name: 'Other', shortCode: 'acx' }),
      admin.outbox.put('client', third, third, { ...CLIENT, shortCode: 'new' }),
      admin.outbox.put('client', fourth, fourth, { ...CLIENT, shortCode: 'old' }),
    )
    expect(taken.outcomes.map((o) => o.status)).toEqual(['rejected', 'applied', 'applied'])
    const names = await server.request('GET', '/v1/clients', {
      token: server.admin.accessToken,
    })
    expect(JSON.stringify(names.body)).not.toContain('Renamed')
  })

  test('facts nested deeper than any collection makes are refused; the queue and the server go on', async () => {
    const { server, acme } = await team(mode)
    const admin = new Installation(server, server.admin)
    const device = randomUUID()
    // Too deep for JSON.stringify here, so the body is written by hand where it nests.
    const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)
    const snapshot = (collectedAt: number, facts: string, changes: string): string =>
      JSON.stringify(
        admin.outbox.put('deviceSnapshot', randomUUID(), acme, {
          deviceId: device,
          collectedAt,
          source: 'ssh',
          facts: 'FACTS',
          problems: [],
          changes: 'CHANGES',
        }),
      )
        .replace('"FACTS"', facts)
        .replace('"CHANGES"', changes)
    const mutations = [
      JSON.stringify(admin.outbox.put('device', device, acme, { hostname: 'fs01' })),
      snapshot(1, `{"nested":${deep(100_000)}}`, '[]'),
      snapshot(2, '{}', `[{"at":1,"field":"x","summary":"x","before":${deep(5_000)}}]`),
      JSON.stringify(admin.outbox.put('device', device, acme, { notes: 'still here' })),
    ]
    const response = await server.request('POST', '/v1/sync/push', {
      token: server.admin.accessToken,
      rawBody: `{"mutations":[${mutations.join(',')}]}`,
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const pushed = response.body as PushResponse
    expect(pushed.stopped).toBeUndefined()
    expect(pushed.outcomes.map((o) => o.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'applied',
    ])
    await admin.pullAll()
    expect(
      (admin.rows.get(`device:${device}`)?.doc as InventoryDoc | undefined)?.fields,
    ).toMatchObject({ notes: 'still here' })
  })
  test('a key PostgreSQL cannot store (a lone surrogate, a NUL) in collected facts is refused, not retried forever', async () => {
    const { server, acme } = await team(mode)
    const admin = new Installation(server, server.admin)
    const device = randomUUID()
    const snapshot = (facts: Record<string, unknown>) =>
      admin.outbox.put('deviceSnapshot', randomUUID(), acme, {
        deviceId: device,
        collectedAt: 1,
        source: 'ssh',
        facts,
        problems: [],
        changes: [],
      })
    const pushed = await admin.push(
      admin.outbox.put('device', device, acme, { hostname: 'fs01' }),
      snapshot({ '\ud800': 1 }),
      snapshot({ disks: [{ 'a\u0000': 1 }] }),
      snapshot({ ok: true }),
    )
    expect(pushed.stopped).toBeUndefined()
    expect(pushed.outcomes.map((o) => o.status)).toEqual([
      'applied',
      'rejected',
      'rejected',
      'applied',
    ])
  })
  test("a device's site must be one of its client's: another client's site is refused as a missing one is", async () => {
    const { server, acme, globex, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    const [acmeSite, globexSite] = [randomUUID(), randomUUID()]
    const site = (id: string, clientId: string) =>
      admin.outbox.put('site', id, clientId, {
        name: 'HQ',
        address: '',
        timeZone: 'UTC',
        businessHours: defaultBusinessHours('UTC'),
      })
    await admin.push(site(acmeSite, acme), site(globexSite, globex))
    const both = await (await technician('Dana', [acme, globex])).signIn()
    const acmeOnly = await (await technician('Ed', [acme])).signIn()
    const device = randomUUID()
    const pushed = await both.push(
      both.outbox.put('device', device, acme, { hostname: 'fs01', siteId: globexSite }),
      both.outbox.put('device', device, acme, { hostname: 'fs01', siteId: acmeSite }),
      both.outbox.put('device', device, acme, { siteId: null }),
    )
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['rejected', 'applied', 'applied'])
    const probes = await acmeOnly.push(
      acmeOnly.outbox.put('device', randomUUID(), acme, { hostname: 'a', siteId: globexSite }),
      acmeOnly.outbox.put('device', randomUUID(), acme, { hostname: 'b', siteId: randomUUID() }),
    )
    // The same answer whether the site is another client's or no one's.
    expect(probes.outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    expect(probes.outcomes[0]).toMatchObject({
      reason: (probes.outcomes[1] as { reason: string }).reason,
    })
  })
  test('races: two clients claiming one short code at once get it once; a client removed while a device is put into it answers both', async () => {
    const { server, acme, globex, technician } = await team(mode)
    const admin = new Installation(server, server.admin)
    const leadEmail = `lee-${randomUUID()}@msp.test`
    await server.request('POST', '/v1/team/technicians', {
      token: server.admin.accessToken,
      body: { email: leadEmail, displayName: 'Lee', role: 'lead', password: TEST_PASSWORD },
    })
    const lead = new Installation(server, await server.signIn(leadEmail))
    const [first, second] = [randomUUID(), randomUUID()]
    const claims = await Promise.all([
      admin.push(admin.outbox.put('client', first, first, { ...CLIENT, shortCode: 'RACE' })),
      lead.push(lead.outbox.put('client', second, second, { ...CLIENT, shortCode: 'race' })),
    ])
    expect(claims.flatMap((c) => c.outcomes.map((o) => o.status)).sort()).toEqual([
      'applied',
      'rejected',
    ])
    const dana = await (await technician('Dana', [acme, globex])).signIn()
    const device = randomUUID()
    const [removed, put] = await Promise.all([
      admin.push(admin.outbox.remove('client', globex, globex)),
      dana.push(dana.outbox.put('device', device, globex, { hostname: 'late' })),
    ])
    expect(removed.outcomes[0]).toMatchObject({ status: 'applied' })
    expect(put.stopped).toBeUndefined()
    expect(put.lastMutationId).toBe(1)
    await dana.pullAll()
    expect(dana.rows.has(`device:${device}`)).toBe(false)
  })
  test('a lead removing a client the team has without a client row (made before inventory travelled) removes it', async () => {
    const { server, acme } = await team(mode)
    const admin = new Installation(server, server.admin)
    const removed = await admin.push(admin.outbox.remove('client', acme, acme))
    expect(removed.outcomes[0]).toMatchObject({ status: 'applied' })
    const clients = await server.request('GET', '/v1/clients', {
      token: server.admin.accessToken,
    })
    expect((clients.body as Array<{ id: string }>).map((c) => c.id)).not.toContain(acme)
  })
})
