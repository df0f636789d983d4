/**
 * Inventory through team sync, end to end: a lead's installation uploads its clients, sites,
 * devices and collected snapshots; a technician's installation receives a client when it is
 * assigned and drops it when unassigned; edits and removals travel both ways. The real team
 * server runs as a child process (PGlite); each installation is the real services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultBusinessHours } from '../../../shared/domain/sla'
import { testHostPorts } from '../../testing/host-ports'
import { openTeamInstallation, signInToTeam } from '../../testing/team-installation'
import { startTeamServerChild, type TeamServerChild } from '../../testing/team-server-child'
import { useTempDirs } from '../../testing/temp-dir'
import type { Services } from '..'

const tempDir = useTempDirs()
const TIMING = { pushDebounceMs: 10, fallbackPullMs: 3_600_000, retryMinMs: 100, retryMaxMs: 2_000 }

let server: TeamServerChild
const apps: Services[] = []

async function installation(name: string): Promise<Services> {
  const services = await openTeamInstallation(
    testHostPorts(tempDir(), { clock: { now: () => Date.now() }, technician: name }),
    TIMING,
  )
  apps.push(services)
  return services
}

const hostnames = (services: Services, clientId: string): string[] =>
  services.inventory
    .searchDevices({
      clientId,
      sort: { column: 'hostname', direction: 'asc' },
      offset: 0,
      limit: 100,
    })
    .rows.map((d) => d.hostname)

let lead: Services
let tech: Services
let techAccount: { id: string; email: string }
let clientId: string
let siteId: string
let fileServer: string
let printer: string

beforeAll(async () => {
  server = await startTeamServerChild()
  lead = await installation('lee')
  tech = await installation('tess')
  clientId = lead.inventory.createClient({
    name: 'Initech',
    shortCode: 'INI',
    contractTier: 'Gold',
    notes: 'Keys at reception',
    onlineMinutes: 15,
    staleMinutes: 1440,
  }).id
  siteId = lead.inventory.createSite(clientId, {
    name: 'HQ',
    address: '1 Main St',
    timeZone: 'Europe/Berlin',
    businessHours: defaultBusinessHours('Europe/Berlin'),
  }).id
  fileServer = lead.inventory.createDevice({
    clientId,
    hostname: 'fs01',
    collectedHostname: 'srv-7f3a',
    siteId,
    role: 'server',
    osFamily: 'linux',
    localIps: ['10.0.0.5'],
  }).id
  printer = lead.inventory.createDevice({ clientId, hostname: 'prn-2nd-floor', role: 'printer' }).id
  // A collection result, as collection stores it: a snapshot and the changes it found.
  lead.store.transaction((db) => {
    const snapshot = db
      .prepare(
        `INSERT INTO device_snapshots (device_id, collected_at, source, facts, problems)
         VALUES (?, ?, 'ssh', '{"memoryBytes":8}', '[]') RETURNING id`,
      )
      .pluck()
      .get(fileServer, 1_700_000_000_000) as number
    db.prepare(
      `INSERT INTO device_changes (device_id, snapshot_id, at, field, summary, before, after)
       VALUES (?, ?, ?, 'memoryBytes', 'RAM 4 → 8 GB', '4', '8')`,
    ).run(fileServer, snapshot, 1_700_000_000_000)
  })
  const leadAccount = await server.addTechnician({ name: 'Lee', role: 'lead' })
  techAccount = await server.addTechnician({ name: 'Tess', role: 'technician' })
  expect(await signInToTeam(lead, server.url, leadAccount.email)).toMatchObject({
    step: 'choose-first-sync',
    local: { clients: 1, devices: 2 },
  })
  await lead.sync.chooseFirstSync({ choice: 'upload' })
  await expect(lead.sync.syncNow()).resolves.toMatchObject({ state: 'synced', pending: 0 })
  expect(await signInToTeam(tech, server.url, techAccount.email)).toEqual({ step: 'signed-in' })
  await tech.sync.syncNow()
}, 180_000)

afterAll(async () => {
  for (const services of apps.splice(0)) {
    await services.sync.setWorkOffline({ offline: true }).catch(() => undefined)
    services.dispose()
  }
  await server?.kill()
})

describe('inventory through team sync', () => {
  it('a client assigned to a technician arrives with its site, devices and collected history', async () => {
    expect(tech.inventory.listClients()).toEqual([])
    const heard: string[][] = []
    const stop = tech.sync.onDidChangeInventory((change) => heard.push(change.clientIds))
    await server.assign(techAccount.id, [clientId])
    await tech.sync.syncNow()
    stop()
    // The renderer hears of it, to refetch what it shows.
    expect(heard).toContainEqual([clientId])
    expect(tech.inventory.getClient(clientId)).toMatchObject({
      name: 'Initech',
      shortCode: 'INI',
      notes: 'Keys at reception',
      sites: [expect.objectContaining({ id: siteId, name: 'HQ', timeZone: 'Europe/Berlin' })],
    })
    expect(hostnames(tech, clientId)).toEqual(['fs01', 'prn-2nd-floor'])
    expect(tech.inventory.getDevice(fileServer)).toMatchObject({
      siteId,
      role: 'server',
      localIps: ['10.0.0.5'],
      hostname: 'fs01',
      collectedHostname: 'srv-7f3a',
    })
    expect(tech.inventory.deviceChanges(fileServer, 10)).toEqual([
      expect.objectContaining({
        field: 'memoryBytes',
        summary: 'RAM 4 → 8 GB',
        before: 4,
        after: 8,
      }),
    ])
  })

  it('edits of different fields of one device made on both installations both stand', async () => {
    tech.inventory.updateDevice({ id: fileServer, notes: 'UPS on port 3' })
    lead.inventory.updateDevice({ id: fileServer, tags: ['backup-target'] })
    await tech.sync.syncNow()
    await lead.sync.syncNow()
    await tech.sync.syncNow()
    for (const services of [lead, tech]) {
      expect(services.inventory.getDevice(fileServer)).toMatchObject({
        notes: 'UPS on port 3',
        tags: ['backup-target'],
      })
      expect(services.sync.status()).toMatchObject({ state: 'synced', pending: 0 })
    }
  })

  it("a device removed on one installation goes from the other; a technician's new client is refused and kept", async () => {
    lead.inventory.deleteDevices([printer])
    await lead.sync.syncNow()
    await tech.sync.syncNow()
    expect(hostnames(tech, clientId)).toEqual(['fs01'])

    const own = tech.inventory.createClient({
      name: 'Tess Side Gig',
      shortCode: 'TSG',
      contractTier: 'Standard',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 1440,
    })
    await tech.sync.syncNow()
    expect(tech.sync.rejections().rejections).toContainEqual(
      expect.objectContaining({
        intent: 'inventory.put',
        reason: 'Only leads and admins add clients to the team',
      }),
    )
    expect(tech.inventory.getClient(own.id).name).toBe('Tess Side Gig')
  })

  it('the same device field changed on both: the later is a conflict for its author, and "apply mine" carries it', async () => {
    await tech.sync.setWorkOffline({ offline: true })
    tech.inventory.updateDevice({ id: fileServer, role: 'network' })
    lead.inventory.updateDevice({ id: fileServer, role: 'workstation' })
    await lead.sync.syncNow()
    await tech.sync.setWorkOffline({ offline: false })
    await tech.sync.syncNow()
    const conflicts = tech.sync.conflicts().conflicts
    expect(conflicts).toEqual([
      expect.objectContaining({
        entity: 'device',
        ticketId: fileServer,
        subject: 'fs01',
        field: 'role',
        theirs: 'workstation',
        mine: 'network',
        theirActor: 'Lee',
      }),
    ])
    expect(lead.sync.conflicts().conflicts).toEqual([])
    expect(tech.inventory.getDevice(fileServer).role).toBe('workstation')
    tech.sync.resolveConflict({ id: conflicts[0]?.id ?? '', choice: 'mine' })
    await tech.sync.syncNow()
    await lead.sync.syncNow()
    expect(lead.inventory.getDevice(fileServer).role).toBe('network')
    expect(tech.inventory.getDevice(fileServer).role).toBe('network')
  })

  it("a technician's saved views follow them to their other installation, and only them", async () => {
    const view = {
      id: 'v-patches',
      name: 'Servers needing patches',
      query: '',
      filters: { role: 'server' as const },
      sort: { column: 'hostname' as const, direction: 'asc' as const },
      columns: ['hostname' as const, 'patchesPending' as const],
    }
    tech.settings.set({ key: 'inventory.deviceViews', value: [view] })
    await tech.sync.syncNow()
    const laptop = await installation('tess-laptop')
    expect(await signInToTeam(laptop, server.url, techAccount.email)).toEqual({ step: 'signed-in' })
    const heard: unknown[] = []
    laptop.settings.onDidChange((entry) => heard.push(entry))
    await laptop.sync.syncNow()
    expect(laptop.settings.value('inventory.deviceViews')).toEqual([view])
    expect(heard).toContainEqual({ key: 'inventory.deviceViews', value: [view] })
    await lead.sync.syncNow()
    expect(lead.settings.value('inventory.deviceViews')).toEqual([])

    // Renamed on the laptop, a second one removed there: the desk follows.
    const other = { ...view, id: 'v-other', name: 'Other' }
    tech.settings.set({ key: 'inventory.deviceViews', value: [view, other] })
    await tech.sync.syncNow()
    await laptop.sync.syncNow()
    laptop.settings.set({ key: 'inventory.deviceViews', value: [{ ...view, name: 'Patch day' }] })
    await laptop.sync.syncNow()
    await tech.sync.syncNow()
    expect(tech.settings.value('inventory.deviceViews')).toEqual([{ ...view, name: 'Patch day' }])
  })

  it('a device moved to a client the technician does not have leaves their installation', async () => {
    const globex = lead.inventory.createClient({
      name: 'Globex',
      shortCode: 'GLX',
      contractTier: 'Standard',
      notes: '',
      onlineMinutes: 15,
      staleMinutes: 1440,
    }).id
    lead.inventory.updateDevice({ id: fileServer, clientId: globex })
    await lead.sync.syncNow()
    expect(lead.sync.rejections().rejections).toEqual([])
    await tech.sync.syncNow()
    expect(hostnames(tech, clientId)).toEqual([])
    expect(() => tech.inventory.getDevice(fileServer)).toThrow()
    expect(hostnames(lead, globex)).toEqual(['fs01'])
    // Moved back, it comes back whole.
    lead.inventory.updateDevice({ id: fileServer, clientId })
    await lead.sync.syncNow()
    await tech.sync.syncNow()
    expect(tech.inventory.getDevice(fileServer)).toMatchObject({ hostname: 'fs01', clientId })
  })

  it('unassigning the client drops it, its devices and history from the installation', async () => {
    await server.assign(techAccount.id, [])
    await tech.sync.syncNow()
    expect(() => tech.inventory.getClient(clientId)).toThrow()
    expect(hostnames(tech, clientId)).toEqual([])
    expect(lead.inventory.getClient(clientId).name).toBe('Initech')
  })
})
