import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { ServerDatabase } from '../db/database'
import { openDatabase } from '../db/open-database'
import { openEventStream, type EventStream } from '../testing/sse'
import { teamDatabaseModes } from '../testing/team-modes'
import { startTeamServer, TEST_PASSWORD, type RunningTeamServer } from '../testing/team-server'
import { TestOutbox } from '../testing/ticket-mutations'

const modes = teamDatabaseModes()
const opened: ServerDatabase[] = []
const servers: RunningTeamServer[] = []
const streams: EventStream[] = []
afterAll(async () => {
  for (const s of streams) s.close()
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(opened.map((db) => db.close()))
})

describe.each(modes)('realtime pokes on $name', (mode) => {
  it.skipIf(mode.skip !== null)(
    'a write through one server process pokes an installation connected to another; other clients’ writes do not',
    async () => {
      const config = await mode.config()
      const first = await openDatabase(config)
      opened.push(first.database)
      const serverA = await startTeamServer(first.database)
      servers.push(serverA)
      // A second process on the same database, where PostgreSQL allows one (PGlite is one process).
      let serverB = serverA
      if (config.mode === 'postgres') {
        const second = await openDatabase(config)
        opened.push(second.database)
        serverB = await startTeamServer(second.database, { adminExists: true })
        servers.push(serverB)
      }
      const acme = randomUUID()
      const globex = randomUUID()
      for (const [id, name] of [
        [acme, 'Acme'],
        [globex, 'Globex'],
      ]) {
        await serverA.request('POST', '/v1/clients', {
          token: serverA.admin.accessToken,
          body: { id, name },
        })
      }
      const people = []
      for (const [name, clients] of [
        ['Dana', [acme]],
        ['Ed', [acme, globex]],
      ] as const) {
        const email = `${name}-${randomUUID()}@msp.test`
        const created = await serverA.request('POST', '/v1/team/technicians', {
          token: serverA.admin.accessToken,
          body: { email, displayName: name, role: 'technician', password: TEST_PASSWORD },
        })
        const id = (created.body as { id: string }).id
        await serverA.request('PUT', `/v1/team/technicians/${id}/clients`, {
          token: serverA.admin.accessToken,
          body: { clientIds: clients },
        })
        people.push({ id, email })
      }
      const danaTokens = await serverA.signIn(people[0]?.email ?? '')
      const edTokens = await serverB.signIn(people[1]?.email ?? '')
      const danaStream = await openEventStream(
        `${serverA.url}/v1/sync/events`,
        danaTokens.accessToken,
      )
      streams.push(danaStream)
      const ed = new TestOutbox('Ed')

      // Ed writes for Globex (not Dana's), then for Acme: only the second pokes Dana.
      const poked = danaStream.next('poke')
      for (const mutation of [ed.create(globex, 'Globex only'), ed.create(acme, 'Acme outage')]) {
        const pushed = await serverB.request('POST', '/v1/sync/push', {
          token: edTokens.accessToken,
          body: { mutations: [mutation] },
        })
        expect(pushed.status).toBe(200)
      }
      expect(await poked).toEqual({ clientId: acme })

      // Unassigning Dana pokes her too, so her installation pulls and drops Acme.
      const unassigned = danaStream.next('poke')
      await serverB.request('PUT', `/v1/team/technicians/${people[0]?.id}/clients`, {
        token: serverB.admin.accessToken,
        body: { clientIds: [] },
      })
      expect(await unassigned).toEqual({})
    },
  )

  it.skipIf(mode.skip !== null)(
    'a stopping server ends its event streams instead of waiting on them',
    async () => {
      const config = await mode.config()
      const { database } = await openDatabase(config)
      opened.push(database)
      const server = await startTeamServer(database)
      const stream = await openEventStream(`${server.url}/v1/sync/events`, server.admin.accessToken)
      streams.push(stream)
      await server.close()
      expect(server.app.server.listening).toBe(false)
    },
  )
})
