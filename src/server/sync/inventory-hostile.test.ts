import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { InventoryDoc } from '../../shared/sync/inventory'
import type { PushResponse } from '../../shared/sync/protocol'
import { Installation, useSyncTeams } from '../testing/sync-team'
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
})
