/**
 * Inventory rows the team server accepts but a naive write would not: each page must apply,
 * since a page that fails to apply fails again on every retry and the installation's sync
 * stalls for good. The real team server runs as a child process (PGlite); the installation is
 * the real services.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultBusinessHours } from '../../../shared/domain/sla'
import type { PushMutation, PushResponse } from '../../../shared/sync/protocol'
import { testHostPorts } from '../../testing/host-ports'
import { openTeamInstallation, signInToTeam } from '../../testing/team-installation'
import { startTeamServerChild, type TeamServerChild } from '../../testing/team-server-child'
import { useTempDirs } from '../../testing/temp-dir'
import type { Services } from '..'
import type { SyncTiming } from './sync-engine'

const tempDir = useTempDirs()
const TIMING = { pushDebounceMs: 10, fallbackPullMs: 3_600_000, retryMinMs: 100, retryMaxMs: 2_000 }

let server: TeamServerChild
const apps: Services[] = []

beforeAll(async () => {
  server = await startTeamServerChild()
}, 120_000)

afterAll(async () => {
  for (const services of apps.splice(0)) {
    await services.sync.setWorkOffline({ offline: true }).catch(() => undefined)
    services.dispose()
  }
  await server?.kill()
})

/** A new installation of the real services, signed in to the team as `email`. */
async function signedIn(
  technician: string,
  email: string,
  timing: Partial<SyncTiming> = TIMING,
): Promise<Services> {
  const services = await openTeamInstallation(
    testHostPorts(tempDir(), { clock: { now: () => Date.now() }, technician }),
    timing,
  )
  apps.push(services)
  expect(await signInToTeam(services, server.url, email)).toEqual({ step: 'signed-in' })
  return services
}

let nextMutationId = 1
async function pushAsAdmin(
  ...mutations: Array<Omit<PushMutation, 'mutationId' | 'createdAt'>>
): Promise<PushResponse> {
  return server.request<PushResponse>('POST', '/v1/sync/push', {
    body: {
      mutations: mutations.map((m) => ({ ...m, mutationId: nextMutationId++, createdAt: 1 })),
    },
  })
}

const site = (clientId: string, id: string): Omit<PushMutation, 'mutationId' | 'createdAt'> => ({
  intent: 'inventory.put',
  payload: {
    kind: 'site',
    id,
    clientId,
    fields: {
      name: 'HQ',
      address: '',
      timeZone: 'UTC',
      businessHours: defaultBusinessHours('UTC'),
    },
  },
  baseVersions: {},
})

describe('pulled inventory that must still apply', () => {
  it('clients known only by their rows (no client row yet) whose ids share a prefix, and a team client holding the code such a stand-in would take', async () => {
    // Time-ordered ids made in the same minute share their first eight characters.
    const prefix = '0193a1b2'
    const [first, second, third] = [1, 2, 3].map(
      (n) => `${prefix}-0000-7000-8000-00000000000${n}`,
    ) as [string, string, string]
    for (const [id, name] of [
      [first, 'First'],
      [second, 'Second'],
      [third, 'Third'],
    ]) {
      await server.request('POST', '/v1/clients', { body: { id, name } })
    }
    const pushed = await pushAsAdmin(
      {
        intent: 'inventory.put',
        payload: {
          kind: 'client',
          id: first,
          clientId: first,
          fields: {
            name: 'First',
            shortCode: `C-${prefix}`,
            contractTier: '',
            notes: '',
            onlineMinutes: 15,
            staleMinutes: 1440,
          },
        },
        baseVersions: {},
      },
      site(second, '0193a1b2-0000-7000-8000-0000000000a2'),
      site(third, '0193a1b2-0000-7000-8000-0000000000a3'),
    )
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied'])

    const account = await server.addTechnician({
      name: 'Tara',
      role: 'technician',
      clientIds: [first, second, third],
    })
    const tech = await signedIn('tara', account.email)
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    const clients = tech.inventory.listClients()
    expect(clients.map((c) => c.id).sort()).toEqual([first, second, third])
    expect(clients.find((c) => c.id === first)?.shortCode).toBe(`C-${prefix}`)
    expect(new Set(clients.map((c) => c.shortCode.toLowerCase())).size).toBe(3)
  })
  it('a device pulled before its site (the site edited since) gets its site once the site comes', async () => {
    const clientId = randomUUID()
    const siteId = randomUUID()
    const deviceId = randomUUID()
    await server.request('POST', '/v1/clients', { body: { id: clientId, name: 'Initech' } })
    const put = (kind: string, id: string, fields: Record<string, unknown>) => ({
      intent: 'inventory.put' as const,
      payload: { kind, id, clientId, fields },
      baseVersions: {},
    })
    const pushed = await pushAsAdmin(
      site(clientId, siteId),
      put('device', deviceId, { hostname: 'fs01', siteId }),
      // The site's row now comes after the device's in the client's order of versions.
      put('site', siteId, { name: 'Head office' }),
    )
    expect(pushed.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied'])
    const account = await server.addTechnician({
      name: 'Theo',
      role: 'technician',
      clientIds: [clientId],
    })
    const tech = await signedIn('theo', account.email)
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(tech.inventory.getDevice(deviceId)).toMatchObject({ siteId })
    // An edit of another field sends that field only: the site is not cleared for the team.
    tech.inventory.updateDevice({ id: deviceId, notes: 'UPS on port 3' })
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    const fresh = await signedIn('theo', account.email)
    await fresh.sync.syncNow()
    expect(fresh.inventory.getDevice(deviceId)).toMatchObject({ siteId, notes: 'UPS on port 3' })
  })
  it("a team client taking a code another team client gave up, pulled before that client's own change, leaves no made-up conflict and no stale code", async () => {
    // Ids in this order: the server sends the first client's rows before the second's.
    const [first, second] = [
      '0193a1b3-0000-7000-8000-000000000001',
      '0193a1b3-0000-7000-8000-000000000002',
    ]
    const client = (id: string, fields: Record<string, unknown>) => ({
      intent: 'inventory.put' as const,
      payload: { kind: 'client', id, clientId: id, fields },
      baseVersions: {},
    })
    const full = { contractTier: '', notes: '', onlineMinutes: 15, staleMinutes: 1440 }
    for (const [id, name, code] of [
      [first, 'First', 'FST'],
      [second, 'Second', 'ACME'],
    ] as const) {
      await server.request('POST', '/v1/clients', { body: { id, name } })
      await pushAsAdmin(client(id, { ...full, name, shortCode: code }))
    }
    const account = await server.addTechnician({
      name: 'Tom',
      role: 'technician',
      clientIds: [first, second],
    })
    // One row a page: the first client's row lands a page before the second's.
    const tech = await signedIn('tom', account.email, { ...TIMING, pullPageSize: 1 })
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    // The second gives ACME up, then the first takes it.
    const moved = await pushAsAdmin(
      client(second, { shortCode: 'ACMY' }),
      client(first, { shortCode: 'ACME' }),
    )
    expect(moved.outcomes.map((o) => o.status)).toEqual(['applied', 'applied'])
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    await tech.sync.syncNow()
    expect(tech.inventory.getClient(first).shortCode).toBe('ACME')
    expect(tech.inventory.getClient(second).shortCode).toBe('ACMY')
    expect(tech.sync.conflicts().conflicts).toEqual([])
  })
  it("a team client taking the code of a stand-in (a team client whose own row has not come) sends nothing for the stand-in: the team's client keeps its name", async () => {
    const [taker, known] = [
      '0193a1b4-0000-7000-8000-000000000001',
      '0193a1b4-0000-7000-8000-000000000002',
    ]
    await server.request('POST', '/v1/clients', { body: { id: taker, name: 'Taker' } })
    await server.request('POST', '/v1/clients', { body: { id: known, name: 'Zeta' } })
    const takerRow = (shortCode: string) => ({
      intent: 'inventory.put' as const,
      payload: {
        kind: 'client',
        id: taker,
        clientId: taker,
        fields: {
          name: 'Taker',
          shortCode,
          contractTier: '',
          notes: '',
          onlineMinutes: 15,
          staleMinutes: 1440,
        },
      },
      baseVersions: {},
    })
    await pushAsAdmin(takerRow('TKR'), site(known, randomUUID()))
    const account = await server.addTechnician({
      name: 'Tia',
      role: 'technician',
      clientIds: [taker, known],
    })
    const tech = await signedIn('tia', account.email)
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    const standIn = tech.inventory.getClient(known).shortCode
    await pushAsAdmin({
      ...takerRow(standIn),
      payload: { ...takerRow(standIn).payload, fields: { shortCode: standIn } },
    })
    expect(await tech.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    expect(tech.inventory.getClient(taker).shortCode).toBe(standIn)
    const names = await server.request<Array<{ id: string; name: string }>>('GET', '/v1/clients')
    expect(names.find((c) => c.id === known)?.name).toBe('Zeta')
    expect(tech.sync.conflicts().conflicts).toEqual([])
    expect(tech.sync.rejections().rejections).toEqual([])
  })
  it("a lead's client not yet on the team whose code a pulled team client took gets another, and reaches the team with it", async () => {
    const account = await server.addTechnician({ name: 'Lou', role: 'lead' })
    const lead = await signedIn('lou', account.email)
    expect(await lead.sync.syncNow()).toMatchObject({ state: 'synced', pending: 0 })
    await lead.sync.setWorkOffline({ offline: true })
    const mine = lead.inventory.createClient({
      name: 'Made offline',
      shortCode: 'DUP',
      contractTier: '',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 1440,
    })
    const theirs = randomUUID()
    await server.request('POST', '/v1/clients', { body: { id: theirs, name: 'Theirs' } })
    await pushAsAdmin({
      intent: 'inventory.put',
      payload: {
        kind: 'client',
        id: theirs,
        clientId: theirs,
        fields: {
          name: 'Theirs',
          shortCode: 'dup',
          contractTier: '',
          notes: '',
          onlineMinutes: 15,
          staleMinutes: 1440,
        },
      },
      baseVersions: {},
    })
    await lead.sync.setWorkOffline({ offline: false })
    await lead.sync.syncNow()
    await lead.sync.syncNow()
    expect(lead.inventory.getClient(theirs).shortCode).toBe('dup')
    const moved = lead.inventory.getClient(mine.id).shortCode
    expect(moved).not.toMatch(/^dup$/i)
    const names = await server.request<Array<{ id: string; name: string }>>('GET', '/v1/clients')
    expect(names.find((c) => c.id === mine.id)?.name).toBe('Made offline')
  })
})
