/**
 * Team sync as the protocol sees it, for server tests: an installation (tokens, a ticket
 * outbox, a cursor, the rows pulled so far) and a team with two clients and its technicians.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, expect } from 'vitest'
import type { TicketSnapshot } from '../../shared/domain/tickets'
import type { Tokens } from '../../shared/sync/auth'
import type {
  ConflictDoc,
  EntityChange,
  PullResponse,
  PushMutation,
  PushResponse,
} from '../../shared/sync/protocol'
import type { ServerDatabase } from '../db/database'
import { openTeamDatabase, type TeamDatabaseMode } from './team-modes'
import { startTeamServer, TEST_PASSWORD, type RunningTeamServer } from './team-server'
import { TestOutbox } from './ticket-mutations'

/** One technician's installation as the protocol sees it: tokens, an outbox, a cursor. */
export class Installation {
  readonly outbox: TestOutbox
  cursor: string | null = null
  readonly rows = new Map<string, EntityChange>()
  lastMutationId = 0

  constructor(
    readonly server: RunningTeamServer,
    readonly tokens: Tokens,
  ) {
    this.outbox = new TestOutbox(tokens.technician.displayName)
  }

  async push(...mutations: PushMutation[]): Promise<PushResponse> {
    const response = await this.server.request('POST', '/v1/sync/push', {
      token: this.tokens.accessToken,
      body: { mutations },
    })
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    return response.body as PushResponse
  }

  /** Pulls every page; applies them as the app will (tombstones delete, dropped clients go). */
  async pullAll(limit = 1000): Promise<PullResponse[]> {
    const pages: PullResponse[] = []
    for (;;) {
      const response = await this.server.request('POST', '/v1/sync/pull', {
        token: this.tokens.accessToken,
        body: { cursor: this.cursor, limit },
      })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      const page = response.body as PullResponse
      pages.push(page)
      for (const change of page.changes) {
        const key = `${change.kind}:${change.id}`
        if (change.doc === null) this.rows.delete(key)
        else this.rows.set(key, change)
      }
      for (const dropped of page.droppedClientIds) {
        for (const [key, row] of this.rows) if (row.clientId === dropped) this.rows.delete(key)
      }
      this.cursor = page.cursor
      this.lastMutationId = page.lastMutationId
      if (!page.hasMore) return pages
    }
  }

  ticket(id: string): TicketSnapshot | undefined {
    return this.rows.get(`ticket:${id}`)?.doc as TicketSnapshot | undefined
  }

  conflicts(): ConflictDoc[] {
    return [...this.rows.values()]
      .filter((r) => r.kind === 'conflict')
      .map((r) => r.doc as unknown as ConflictDoc)
  }
}

/** Everything a test file started, closed in its afterAll. */
export interface Started {
  databases: ServerDatabase[]
  servers: RunningTeamServer[]
}

export async function syncTeam(mode: TeamDatabaseMode, started: Started) {
  const db = await openTeamDatabase(mode, started.databases)
  const server = await startTeamServer(db)
  started.servers.push(server)
  const acme = randomUUID()
  const globex = randomUUID()
  for (const [id, name] of [
    [acme, 'Acme'],
    [globex, 'Globex'],
  ]) {
    const created = await server.request('POST', '/v1/clients', {
      token: server.admin.accessToken,
      body: { id, name },
    })
    expect(created.status).toBe(201)
  }
  const technician = async (name: string, clientIds: string[]) => {
    const email = `${name.toLowerCase()}-${randomUUID()}@msp.test`
    const created = await server.request('POST', '/v1/team/technicians', {
      token: server.admin.accessToken,
      body: { email, displayName: name, role: 'technician', password: TEST_PASSWORD },
    })
    const id = (created.body as { id: string }).id
    await server.request('PUT', `/v1/team/technicians/${id}/clients`, {
      token: server.admin.accessToken,
      body: { clientIds },
    })
    return { id, email, signIn: async () => new Installation(server, await server.signIn(email)) }
  }
  return { db, server, acme, globex, technician }
}

/** A test file's teams: each call opens one; all are closed after the file. */
export function useSyncTeams(): (mode: TeamDatabaseMode) => ReturnType<typeof syncTeam> {
  const started: Started = { databases: [], servers: [] }
  afterAll(async () => {
    await Promise.all(started.servers.map((s) => s.close()))
    await Promise.all(started.databases.map((db) => db.close()))
  })
  return (mode) => syncTeam(mode, started)
}
