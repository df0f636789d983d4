import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { TicketSnapshot } from '../../shared/domain/tickets'
import type { PullResponse, PushMutation, PushResponse } from '../../shared/sync/protocol'
import type { ServerDatabase } from '../db/database'
import { openTeamDatabase, teamDatabaseModes, type TeamDatabaseMode } from '../testing/team-modes'
import { startTeamServer, TEST_PASSWORD, type RunningTeamServer } from '../testing/team-server'
import { TestOutbox } from '../testing/ticket-mutations'

const modes = teamDatabaseModes()
const opened: ServerDatabase[] = []
const servers: RunningTeamServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(opened.map((db) => db.close()))
})

/** A technician signed in on a fresh team with one client assigned. */
async function technicianOn(mode: TeamDatabaseMode) {
  const server = await startTeamServer(await openTeamDatabase(mode, opened))
  servers.push(server)
  const acme = randomUUID()
  const admin = server.admin.accessToken
  expect(
    (
      await server.request('POST', '/v1/clients', {
        token: admin,
        body: { id: acme, name: 'Acme' },
      })
    ).status,
  ).toBe(201)
  const email = `dana-${randomUUID()}@msp.test`
  const created = await server.request('POST', '/v1/team/technicians', {
    token: admin,
    body: { email, displayName: 'Dana', role: 'technician', password: TEST_PASSWORD },
  })
  const id = (created.body as { id: string }).id
  await server.request('PUT', `/v1/team/technicians/${id}/clients`, {
    token: admin,
    body: { clientIds: [acme] },
  })
  const token = (await server.signIn(email)).accessToken
  const push = async (...mutations: PushMutation[]): Promise<PushResponse> => {
    const response = await server.request('POST', '/v1/sync/push', { token, body: { mutations } })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return response.body as PushResponse
  }
  const tickets = async (): Promise<Map<string, TicketSnapshot>> => {
    const found = new Map<string, TicketSnapshot>()
    let cursor: string | null = null
    for (;;) {
      const response = await server.request('POST', '/v1/sync/pull', {
        token,
        body: { cursor, limit: 1000 },
      })
      const page = response.body as PullResponse
      for (const change of page.changes) {
        if (change.kind === 'ticket' && change.doc) {
          found.set(change.id, change.doc as unknown as TicketSnapshot)
        }
      }
      cursor = page.cursor
      if (!page.hasMore) return found
    }
  }
  return { acme, outbox: new TestOutbox('Dana'), push, tickets }
}

describe.each(modes)('pushing on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('a key another ticket holds refuses the change and writes none of it; a client id that is no uuid is refused without stopping the batch', async () => {
    const { acme, outbox, push, tickets } = await technicianOn(mode)
    const printer = randomUUID()
    const create = outbox.create(acme, 'Printer offline', printer)
    const noteId = randomUUID()
    const note = outbox.addNote(printer, 'Restarted the spooler', noteId)
    const sameNumber = outbox.create(acme, 'Same number', randomUUID())
    sameNumber.payload = { ...sameNumber.payload, number: create.payload.number }
    const vpn = randomUUID()
    const response = await push(
      create,
      note,
      sameNumber,
      outbox.create(acme, 'VPN down', vpn),
      outbox.addNote(vpn, 'Same note id', noteId),
      outbox.create('acme-is-not-a-uuid', 'Bad client'),
      outbox.addNote(vpn, 'Rebooted the firewall'),
    )
    expect(response.outcomes).toEqual([
      { mutationId: 1, status: 'applied' },
      { mutationId: 2, status: 'applied' },
      { mutationId: 3, status: 'rejected', reason: expect.stringContaining('already has number') },
      { mutationId: 4, status: 'applied' },
      { mutationId: 5, status: 'rejected', reason: expect.stringContaining('already has note') },
      { mutationId: 6, status: 'rejected', reason: expect.stringContaining('not one of yours') },
      { mutationId: 7, status: 'applied' },
    ])
    expect(response.stopped).toBeUndefined()
    expect(response.lastMutationId).toBe(7)
    const pulled = await tickets()
    expect([...pulled.keys()].sort()).toEqual([printer, vpn].sort())
    expect(pulled.get(printer)?.notes.map((n) => n.body)).toEqual(['Restarted the spooler'])
    expect(pulled.get(vpn)?.notes.map((n) => n.body)).toEqual(['Rebooted the firewall'])
  })
})
