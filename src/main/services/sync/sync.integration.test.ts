/**
 * Team sync end to end: the real team server (a child process on PGlite) and several app
 * installations, each the real services on its own temp data dir. One server for the file;
 * the installations and the shared ticket are made once and the tests build on them in order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { contract, type SignInStep } from '../../../shared/contract'
import type { Channel } from '../../../shared/rpc/channel'
import { createRpcClient } from '../../../shared/rpc/client'
import { createMemoryChannelPair } from '../../../shared/rpc/memory'
import { createRpcServer } from '../../../shared/rpc/server'
import { createHandlers } from '../../handlers'
import { createAppLog, type AppLog } from '../../logger'
import { testHostPorts } from '../../testing/host-ports'
import {
  openTeamInstallation,
  signInToTeam,
  TEST_VAULT_PASSPHRASE as PASSPHRASE,
} from '../../testing/team-installation'
import {
  startTeamServerChild,
  TEAM_TEST_PASSWORD,
  type TeamServerChild,
} from '../../testing/team-server-child'
import { useTempDirs } from '../../testing/temp-dir'
import type { Services } from '..'
import { hasSetAside } from '../store/bulk-load'
import type { SyncTiming } from './sync-engine'

const tempDir = useTempDirs()
const WAIT = { timeout: 20_000, interval: 50 }

let server: TeamServerChild
const apps: Services[] = []
const logs: AppLog[] = []

/** An installation: real services on a temp dir, a real log file, its vault set up. */
async function installation(name: string, timing: Partial<SyncTiming> = {}) {
  const dataDir = tempDir()
  const log = createAppLog({
    scope: name,
    dir: join(dataDir, 'logs'),
    stderr: { write: () => true },
  })
  logs.push(log)
  const services = await openTeamInstallation(
    testHostPorts(dataDir, {
      clock: { now: () => Date.now() },
      technician: name,
      logger: log.logger,
      log,
    }),
    {
      pushDebounceMs: 10,
      fallbackPullMs: 3_600_000,
      retryMinMs: 100,
      retryMaxMs: 2_000,
      ...timing,
    },
  )
  apps.push(services)
  return { services, dataDir, log }
}

const signIn = (services: Services, email: string): Promise<SignInStep> =>
  signInToTeam(services, server.url, email)

function newTicket(services: Services, clientId: string, subject: string) {
  return services.tickets.create({
    clientId,
    deviceIds: [],
    subject,
    description: 'Reported by phone',
    type: 'incident',
    board: 'Service Desk',
    impact: 'medium',
    urgency: 'medium',
  })
}

let clientCount = 0
function newClient(services: Services, name: string) {
  clientCount += 1
  return services.inventory.createClient({
    name,
    shortCode: `C${clientCount}${Math.random().toString(36).slice(2, 6)}`.toUpperCase(),
    contractTier: 'Standard',
    notes: '',
    onlineMinutes: 5,
    staleMinutes: 60,
  })
}

const subjectOn = (services: Services, id: string): string | null => {
  try {
    return services.tickets.get(id).subject
  } catch {
    return null
  }
}

/** Both installations, a lead and a technician, sharing one client and its first ticket. */
let lead: Awaited<ReturnType<typeof installation>>
let tech: Awaited<ReturnType<typeof installation>>
let techAccount: { id: string; email: string }
let clientId: string
let sharedTicket: string

beforeAll(async () => {
  server = await startTeamServerChild()
  lead = await installation('lee')
  tech = await installation('tess')
  clientId = newClient(lead.services, 'Acme').id
  sharedTicket = newTicket(lead.services, clientId, 'Printer offline').ticket.id
  const leadAccount = await server.addTechnician({ name: 'Lee', role: 'lead' })
  techAccount = await server.addTechnician({ name: 'Tess', role: 'technician' })
  // The lead's installation holds local data: the first sign-in asks what to do with it.
  const step = await signIn(lead.services, leadAccount.email)
  expect(step).toEqual({
    step: 'choose-first-sync',
    local: { clients: 1, devices: 0, tickets: 1 },
    mayUpload: true,
  })
  await expect(lead.services.sync.chooseFirstSync({ choice: 'upload' })).resolves.toEqual({
    step: 'signed-in',
  })
  await expect(lead.services.sync.syncNow()).resolves.toMatchObject({ state: 'synced', pending: 0 })
  await server.assign(techAccount.id, [clientId])
  await expect(signIn(tech.services, techAccount.email)).resolves.toEqual({ step: 'signed-in' })
  await tech.services.sync.syncNow()
}, 180_000)

afterAll(async () => {
  for (const services of apps.splice(0)) {
    await services.sync.setWorkOffline({ offline: true }).catch(() => undefined)
    services.dispose()
  }
  await Promise.all(logs.splice(0).map((log) => log.close()))
  await server?.kill()
})

describe('team sync between two installations and the real server', () => {
  it("'upload' on a lead's first sign-in puts its client and tickets on the team", async () => {
    const clients = await server.request<Array<{ id: string; name: string }>>('GET', '/v1/clients')
    expect(clients).toContainEqual({ id: clientId, name: 'Acme' })
    expect(subjectOn(tech.services, sharedTicket)).toBe('Printer offline')
    // The first sync loaded with the ticket indexes and search triggers aside: all are back,
    // and what it pulled is found by search.
    const indexesAndTriggers = (db: typeof tech.services.store.db) =>
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name")
        .pluck()
        .all()
    expect(indexesAndTriggers(tech.services.store.db)).toEqual(
      indexesAndTriggers(lead.services.store.db),
    )
    expect(hasSetAside(tech.services.store.db)).toBe(false)
    const found = tech.services.tickets.list({
      queue: 'all',
      sort: { column: 'updated', direction: 'desc' },
      limit: 10,
      offset: 0,
      query: 'printer',
    })
    expect(found.rows.map((r) => r.id)).toEqual([sharedTicket])
    // A poke may start another cycle at any moment: wait for the quiet state.
    await vi.waitFor(() => {
      expect(tech.services.sync.status()).toMatchObject({
        state: 'synced',
        pending: 0,
        server: { url: server.url, technician: { id: techAccount.id, role: 'technician' } },
      })
    }, WAIT)
  })

  it.each([
    ['the lead', 'the technician'],
    ['the technician', 'the lead'],
  ])(
    'offline edits of one field converge when %s reconnects first; the conflict goes to the later one, and "mine" wins after another sync',
    async (firstName) => {
      const id = newTicket(lead.services, clientId, 'Disk full').ticket.id
      await lead.services.sync.syncNow()
      await tech.services.sync.syncNow()
      expect(subjectOn(tech.services, id)).toBe('Disk full')
      const [first, second] =
        firstName === 'the lead' ? [lead.services, tech.services] : [tech.services, lead.services]
      await first.sync.setWorkOffline({ offline: true })
      await second.sync.setWorkOffline({ offline: true })
      first.tickets.update({ id, subject: 'Disk full (first)' })
      second.tickets.update({ id, subject: 'Disk full (second)' })
      expect(first.sync.status()).toMatchObject({ state: 'working-offline', pending: 1 })

      await first.sync.setWorkOffline({ offline: false })
      await first.sync.syncNow()
      await second.sync.setWorkOffline({ offline: false })
      await second.sync.syncNow()
      await first.sync.syncNow()
      expect(subjectOn(first, id)).toBe('Disk full (first)')
      expect(subjectOn(second, id)).toBe('Disk full (first)')
      expect(first.sync.conflicts().conflicts.filter((c) => c.ticketId === id)).toEqual([])
      const conflicts = second.sync.conflicts().conflicts.filter((c) => c.ticketId === id)
      expect(conflicts).toEqual([
        expect.objectContaining({
          field: 'subject',
          theirs: 'Disk full (first)',
          mine: 'Disk full (second)',
          // The team name of whoever set it, not their computer's user name.
          theirActor: first === lead.services ? 'Lee' : 'Tess',
        }),
      ])
      expect(second.sync.status().conflicts).toBeGreaterThan(0)

      for (const conflict of conflicts)
        second.sync.resolveConflict({ id: conflict.id, choice: 'mine' })
      expect(second.sync.conflicts().conflicts.filter((c) => c.ticketId === id)).toEqual([])
      await second.sync.syncNow()
      await first.sync.syncNow()
      expect(subjectOn(first, id)).toBe('Disk full (second)')
      expect(subjectOn(second, id)).toBe('Disk full (second)')
      expect(first.sync.status().pending).toBe(0)
      expect(second.sync.status().pending).toBe(0)
    },
  )

  it('sign-in answers a bad address, an unreachable server and a wrong password with what to do', async () => {
    const services = tech.services
    const attempt = (url: string, password = TEAM_TEST_PASSWORD) =>
      services.sync.signIn({ url, email: techAccount.email, password })
    await expect(attempt('http://team.example.com')).rejects.toMatchObject({
      code: 'invalid',
      message: 'The team server must be reached over https (http only on this machine)',
    })
    await expect(attempt('not a url')).rejects.toMatchObject({ code: 'invalid' })
    await expect(attempt('http://127.0.0.1:1')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The team server is not reachable',
    })
    await expect(attempt(server.url, 'not the password')).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(services.sync.verifyCode({ code: '123456' })).rejects.toMatchObject({
      code: 'conflict',
    })
    // None of it touched the session in place.
    expect(services.sync.status()).toMatchObject({ server: { url: server.url } })
  })

  it('a note added on one installation reaches the other through a poke, without syncNow', async () => {
    const note = `Called the customer back at ${Date.now()}`
    lead.services.tickets.addNote({
      ticketId: sharedTicket,
      body: note,
      visibility: 'internal',
      isPlan: false,
    })
    // The lead pushes by itself (a local change triggers a push); the technician pulls on
    // the server's poke.
    await vi.waitFor(() => {
      expect(tech.services.tickets.get(sharedTicket).notes.map((n) => n.body)).toContain(note)
    }, WAIT)
  })

  it('a change made while a sync is in flight is still pushed by that sync', async () => {
    await lead.services.sync.setWorkOffline({ offline: true })
    lead.services.tickets.setPriority({ id: sharedTicket, impact: 'high' })
    await lead.services.sync.setWorkOffline({ offline: false })
    // The moment the pull after the push has applied its page (the cycle's last step), a new
    // change comes in: only going round again sends it.
    let changedDuringSync = false
    const stop = lead.services.syncStatus.onDidChange((status) => {
      const progress = status.progress
      if (changedDuringSync || !progress || progress.sent < 1 || progress.pulledPages < 2) return
      changedDuringSync = true
      lead.services.tickets.setStatus({ id: sharedTicket, status: 'in-progress' })
    })
    try {
      const status = await lead.services.sync.syncNow()
      expect(changedDuringSync).toBe(true)
      expect(status.pending).toBe(0)
    } finally {
      stop()
    }
    await tech.services.sync.syncNow()
    expect(tech.services.tickets.get(sharedTicket)).toMatchObject({
      status: 'in-progress',
      impact: 'high',
    })
  })

  it('a change the server refuses for good is listed with its reason and does not block later ones', async () => {
    // A ticket for a client that is not on the team: the server can never apply it.
    const stranger = newClient(tech.services, 'Not on the team')
    const refused = newTicket(tech.services, stranger.id, 'Nobody may see this').ticket.id
    const note = `After the refused one ${Date.now()}`
    tech.services.tickets.addNote({
      ticketId: sharedTicket,
      body: note,
      visibility: 'internal',
      isPlan: false,
    })
    await tech.services.sync.syncNow()
    // A technician may not add the client to the team either; it stays on this installation.
    expect(tech.services.sync.rejections().rejections).toEqual([
      expect.objectContaining({
        intent: 'tickets.create',
        ticketId: refused,
        reason: expect.any(String),
      }),
      expect.objectContaining({
        intent: 'inventory.put',
        reason: 'Only leads and admins add clients to the team',
      }),
    ])
    expect(tech.services.inventory.getClient(stranger.id).name).toBe('Not on the team')
    expect(tech.services.sync.status()).toMatchObject({ rejected: 2, pending: 0 })
    // Undone locally, since the team will never have it.
    expect(subjectOn(tech.services, refused)).toBeNull()
    await lead.services.sync.syncNow()
    expect(lead.services.tickets.get(sharedTicket).notes.map((n) => n.body)).toContain(note)
    for (const rejection of tech.services.sync.rejections().rejections) {
      tech.services.sync.dismissRejection({ mutationId: rejection.mutationId })
    }
    expect(tech.services.sync.rejections().rejections).toEqual([])
  })

  it('the refresh token is in no setting, log line, state row or renderer-visible reply', async () => {
    const app = await installation('rita')
    const account = await server.addTechnician({
      name: 'Rita',
      role: 'technician',
      clientIds: [clientId],
    })
    const rpc = createRpcServer({
      contract,
      handlers: createHandlers(app.services),
      logger: app.services.host.logger,
    })
    const pair = createMemoryChannelPair()
    const sent: unknown[] = []
    const recording: Channel = {
      send(message) {
        sent.push(message)
        pair.server.send(message)
      },
      onMessage: (listener) => pair.server.onMessage(listener),
    }
    rpc.connect(recording, { connectionId: 'canary', transport: 'memory' })
    const { client } = createRpcClient(contract, pair.client)
    client.sync.onDidChangeStatus({}, () => {})
    await expect(
      client.sync.signIn({ url: server.url, email: account.email, password: TEAM_TEST_PASSWORD }),
    ).resolves.toEqual({ step: 'signed-in' })
    await client.sync.syncNow({})
    await client.sync.status({})
    await client.team.directory({})
    await client.settings.list({})
    const refreshToken = app.services.vault.readInternalSecret('team.refreshToken')
    expect(refreshToken).toEqual(expect.any(String))
    const secrets = [refreshToken as string]
    const replies = JSON.stringify(sent)
    for (const secret of secrets) expect(replies.includes(secret)).toBe(false)
    const db = app.services.store.db
    const plainRows = JSON.stringify([
      db.prepare('SELECT * FROM settings').all(),
      db.prepare('SELECT * FROM sync_state').all(),
      db.prepare('SELECT * FROM audit_log').all(),
    ])
    for (const secret of secrets) expect(plainRows.includes(secret)).toBe(false)
    logs.splice(logs.indexOf(app.log), 1)
    await app.log.close()
    const logDir = join(app.dataDir, 'logs')
    const logText = existsSync(logDir)
      ? readdirSync(logDir)
          .map((f) => readFileSync(join(logDir, f), 'utf8'))
          .join('\n')
      : ''
    for (const secret of secrets) expect(logText.includes(secret)).toBe(false)
    // Sealed in the store file: not there in clear either.
    const dbBytes = [join(app.dataDir, 'switchboard.db'), join(app.dataDir, 'switchboard.db-wal')]
      .filter(existsSync)
      .map((f) => readFileSync(f))
    for (const bytes of dbBytes) {
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret))).toBe(false)
    }
  })

  it('a locked vault makes sync wait with a clear message, and unlocking lets it go on', async () => {
    await tech.services.sync.setWorkOffline({ offline: true })
    tech.services.vault.lock()
    await tech.services.sync.setWorkOffline({ offline: false })
    await expect(tech.services.sync.syncNow()).resolves.toMatchObject({
      state: 'error',
      message: 'Unlock the vault to sync',
    })
    await tech.services.vault.unlock({ passphrase: PASSPHRASE })
    await vi.waitFor(() => expect(tech.services.sync.status().state).toBe('synced'), WAIT)
  })

  it("'start-from-team' keeps a dated backup of the local store and leaves the team's data", async () => {
    const app = await installation('sam')
    const localClient = newClient(app.services, 'Local only')
    const localTicket = newTicket(app.services, localClient.id, 'Only here').ticket.id
    const account = await server.addTechnician({
      name: 'Sam',
      role: 'technician',
      clientIds: [clientId],
    })
    const step = await signIn(app.services, account.email)
    expect(step).toEqual({
      step: 'choose-first-sync',
      local: { clients: 1, devices: 0, tickets: 1 },
      mayUpload: false,
    })
    await expect(app.services.sync.chooseFirstSync({ choice: 'upload' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await app.services.sync.chooseFirstSync({ choice: 'start-from-team' })
    await app.services.sync.syncNow()
    expect(subjectOn(app.services, localTicket)).toBeNull()
    expect(subjectOn(app.services, sharedTicket)).toBe('Printer offline')
    const backups = readdirSync(join(app.dataDir, 'backups'))
    expect(backups).toEqual([expect.stringMatching(/^switchboard-before-team-sync-\d{4}-.*\.db$/)])
    const backup = new Database(join(app.dataDir, 'backups', backups.join('')), { readonly: true })
    try {
      expect(backup.prepare('SELECT subject FROM tickets').pluck().all()).toEqual(['Only here'])
      expect(backup.prepare('SELECT name FROM clients').pluck().all()).toEqual(['Local only'])
    } finally {
      backup.close()
    }
    // Its outbox started again after the dropped rows: the next change still reaches the team.
    const note = `From the fresh start ${Date.now()}`
    app.services.tickets.addNote({
      ticketId: sharedTicket,
      body: note,
      visibility: 'internal',
      isPlan: false,
    })
    await expect(app.services.sync.syncNow()).resolves.toMatchObject({
      state: 'synced',
      pending: 0,
    })
    await lead.services.sync.syncNow()
    expect(lead.services.tickets.get(sharedTicket).notes.map((n) => n.body)).toContain(note)
    // The local inventory went to the backup with the tickets; the team's client came instead.
    expect(() => app.services.inventory.getClient(localClient.id)).toThrow('No such client')
    expect(app.services.inventory.listClients().map((c) => c.name)).toEqual(['Acme'])
  })

  it('a first sync of many pages tells open lists once, after its load, with search back', async () => {
    const ids = lead.services.tickets
      .list({ queue: 'all', sort: { column: 'updated', direction: 'desc' }, limit: 100, offset: 0 })
      .rows.filter((r) => r.clientId === clientId)
      .map((r) => r.id)
    expect(ids.length).toBeGreaterThanOrEqual(3)
    const tom = await installation('tom', { pullPageSize: 1 })
    const account = await server.addTechnician({ name: 'Tom', role: 'technician' })
    await server.assign(account.id, [clientId])
    const db = tom.services.store.db
    const heard: Array<{ tickets: number; setAside: boolean }> = []
    tom.services.tickets.onDidChange(() => {
      heard.push({
        tickets: db.prepare('SELECT count(*) FROM tickets').pluck().get() as number,
        setAside: hasSetAside(db),
      })
    })
    let pages = 0
    tom.services.syncStatus.onDidChange((status) => {
      pages = Math.max(pages, status.progress?.pulledPages ?? 0)
    })
    await expect(signIn(tom.services, account.email)).resolves.toEqual({ step: 'signed-in' })
    await vi.waitFor(() => expect(tom.services.sync.status().state).toBe('synced'), WAIT)
    expect(pages).toBeGreaterThanOrEqual(ids.length)
    // No list was read again halfway (each read would scan tables without their indexes).
    expect(heard.length).toBeGreaterThan(0)
    for (const moment of heard) expect(moment).toEqual({ tickets: ids.length, setAside: false })
  })

  it('unassigning a client drops its tickets on the next pull, and its pending changes become rejections', async () => {
    await tech.services.sync.setWorkOffline({ offline: true })
    tech.services.tickets.addNote({
      ticketId: sharedTicket,
      body: 'Written after the client was taken away',
      visibility: 'internal',
      isPlan: false,
    })
    await server.assign(techAccount.id, [])
    await tech.services.sync.setWorkOffline({ offline: false })
    await tech.services.sync.syncNow()
    expect(subjectOn(tech.services, sharedTicket)).toBeNull()
    expect(tech.services.sync.rejections().rejections).toEqual([
      expect.objectContaining({
        intent: 'tickets.addNote',
        ticketId: sharedTicket,
        reason: 'The client of this ticket is no longer assigned to you on the team',
      }),
    ])
    expect(tech.services.sync.status()).toMatchObject({ pending: 0, rejected: 1 })
  })

  it('signing out ends the session on the server and forgets the tokens, but keeps the outbox', async () => {
    await lead.services.sync.setWorkOffline({ offline: true })
    lead.services.tickets.setStatus({ id: sharedTicket, status: 'waiting-customer' })
    const refreshToken = lead.services.vault.readInternalSecret('team.refreshToken')
    expect(refreshToken).toEqual(expect.any(String))
    // Offline, with no access token in memory: sign-out refreshes once to end the session.
    await lead.services.sync.signOut()
    expect(lead.services.sync.status()).toMatchObject({ state: 'signed-out', pending: 1 })
    expect(lead.services.vault.hasInternalSecret('team.refreshToken')).toBe(false)
    await expect(
      server.request('POST', '/v1/auth/refresh', { body: { refreshToken }, token: '' }),
    ).rejects.toThrow(/401/)
    await expect(lead.services.sync.team('GET', '/v1/team/directory', null)).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Sign in to the team server first',
    })
  })
})
