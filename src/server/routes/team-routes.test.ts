import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { TechnicianSummary } from '../../shared/sync/auth'
import type { ServerDatabase } from '../db/database'
import { openTeamDatabase, teamDatabaseModes } from '../testing/team-modes'
import { startTeamServer, TEST_PASSWORD, type RunningTeamServer } from '../testing/team-server'

const modes = teamDatabaseModes()
const opened: ServerDatabase[] = []
const servers: RunningTeamServer[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(opened.map((db) => db.close()))
})

async function team(mode: (typeof modes)[number]) {
  const db = await openTeamDatabase(mode, opened)
  const server = await startTeamServer(db)
  servers.push(server)
  const acme = randomUUID()
  const globex = randomUUID()
  await db.transaction({ technicianId: randomUUID(), role: 'admin' }, (sql) =>
    sql.query(`INSERT INTO clients (id, name) VALUES ($1, 'Acme'), ($2, 'Globex')`, [acme, globex]),
  )
  const add = async (role: 'technician' | 'lead', name: string) => {
    const email = `${name}-${randomUUID()}@msp.test`
    const created = await server.request('POST', '/v1/team/technicians', {
      token: server.admin.accessToken,
      body: { email, displayName: name, role, password: TEST_PASSWORD },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return { ...(created.body as TechnicianSummary), email }
  }
  const dana = await add('technician', 'Dana')
  const ed = await add('technician', 'Ed')
  for (const [tech, client] of [
    [dana, acme],
    [ed, globex],
  ] as const) {
    const assigned = await server.request('PUT', `/v1/team/technicians/${tech.id}/clients`, {
      token: server.admin.accessToken,
      body: { clientIds: [client] },
    })
    expect(assigned.status).toBe(200)
  }
  return { db, server, acme, globex, dana, ed, add }
}

describe.each(modes)('team routes on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('every route refuses a request without a valid access token', async () => {
    const { server, dana } = await team(mode)
    const routes: Array<[string, string]> = [
      ['GET', '/v1/me'],
      ['POST', '/v1/auth/logout'],
      ['GET', '/v1/team/directory'],
      ['GET', '/v1/team/technicians'],
      ['POST', '/v1/team/technicians'],
      ['PATCH', `/v1/team/technicians/${dana.id}`],
      ['PUT', `/v1/team/technicians/${dana.id}/clients`],
      ['GET', '/v1/team/installations'],
      ['DELETE', `/v1/team/installations/${randomUUID()}`],
      ['GET', '/v1/team/settings'],
      ['PUT', '/v1/team/settings'],
      ['GET', '/v1/clients'],
    ]
    for (const [method, path] of routes) {
      for (const token of [undefined, 'not-a-token', server.admin.refreshToken]) {
        const response = await server.request(method, path, {
          ...(token ? { token } : {}),
          ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
        })
        expect(response.status, `${method} ${path} with ${token ?? 'no token'}`).toBe(401)
      }
    }
  })

  test('any signed-in technician reads the directory: ids, names and roles, no emails or assignments', async () => {
    const { server, dana, ed } = await team(mode)
    const danaTokens = await server.signIn(dana.email)
    const response = await server.request('GET', '/v1/team/directory', {
      token: danaTokens.accessToken,
    })
    expect(response.status).toBe(200)
    const members = response.body as Array<Record<string, unknown>>
    expect(members).toEqual(
      expect.arrayContaining([
        { id: dana.id, displayName: 'Dana', role: 'technician' },
        { id: ed.id, displayName: 'Ed', role: 'technician' },
        expect.objectContaining({ role: 'admin' }),
      ]),
    )
    for (const member of members)
      expect(Object.keys(member).sort()).toEqual(['displayName', 'id', 'role'])
  })

  test('a technician can change nothing on the team, a lead can only look, and each refusal is logged', async () => {
    const { db, server, dana, ed, acme, globex, add } = await team(mode)
    const danaTokens = await server.signIn(dana.email)
    const lead = await add('lead', 'Lee')
    const leadTokens = await server.signIn(lead.email)
    const changes: Array<[string, string, unknown]> = [
      [
        'POST',
        '/v1/team/technicians',
        { email: 'x@msp.test', displayName: 'X', role: 'admin', password: TEST_PASSWORD },
      ],
      ['PATCH', `/v1/team/technicians/${ed.id}`, { role: 'admin' }],
      ['PATCH', `/v1/team/technicians/${dana.id}`, { role: 'admin' }],
      ['PUT', `/v1/team/technicians/${dana.id}/clients`, { clientIds: [acme, globex] }],
      ['PUT', '/v1/team/settings', { requireMfaForEveryone: false }],
      ['DELETE', `/v1/team/installations/${danaTokens.installationId}`, undefined],
      ['GET', '/v1/team/installations', undefined],
    ]
    for (const tokens of [danaTokens, leadTokens]) {
      for (const [method, path, body] of changes) {
        const response = await server.request(method, path, {
          token: tokens.accessToken,
          ...(body !== undefined ? { body } : {}),
        })
        expect(response.status, `${tokens.technician.role}: ${method} ${path}`).toBe(403)
      }
    }
    expect(
      (await server.request('GET', '/v1/team/technicians', { token: danaTokens.accessToken }))
        .status,
    ).toBe(403)
    const asLead = await server.request('GET', '/v1/team/technicians', {
      token: leadTokens.accessToken,
    })
    expect(asLead.status).toBe(200)
    const denials = await db.transaction(null, (sql) =>
      sql.query<{ technician_id: string; subject: string }>(
        "SELECT technician_id, subject FROM audit_log WHERE action = 'denied'",
      ),
    )
    expect(denials.rows.filter((r) => r.technician_id === dana.id)).toHaveLength(changes.length + 1)
    expect(denials.rows.filter((r) => r.technician_id === lead.id)).toHaveLength(changes.length)
    // Nothing changed.
    const techs = (
      await server.request('GET', '/v1/team/technicians', { token: server.admin.accessToken })
    ).body as TechnicianSummary[]
    expect(techs.find((t) => t.id === dana.id)).toMatchObject({
      role: 'technician',
      clientIds: [acme],
    })
  })

  test('a technician sees only assigned clients, and an unassignment holds from the next request', async () => {
    const { server, dana, acme } = await team(mode)
    const tokens = await server.signIn(dana.email)
    const clients = () => server.request('GET', '/v1/clients', { token: tokens.accessToken })
    expect((await clients()).body).toEqual([{ id: acme, name: 'Acme' }])
    await server.request('PUT', `/v1/team/technicians/${dana.id}/clients`, {
      token: server.admin.accessToken,
      body: { clientIds: [] },
    })
    expect((await clients()).body).toEqual([])
  })

  test('disabling a technician or revoking an installation ends its sessions at once', async () => {
    const { server, dana, ed } = await team(mode)
    const danaTokens = await server.signIn(dana.email)
    const edTokens = await server.signIn(ed.email)
    const revoked = await server.request(
      'DELETE',
      `/v1/team/installations/${edTokens.installationId}`,
      {
        token: server.admin.accessToken,
      },
    )
    expect(revoked.status).toBe(204)
    expect((await server.request('GET', '/v1/me', { token: edTokens.accessToken })).status).toBe(
      401,
    )
    expect(
      (
        await server.request('POST', '/v1/auth/refresh', {
          body: { refreshToken: edTokens.refreshToken },
        })
      ).status,
    ).toBe(401)
    await server.request('PATCH', `/v1/team/technicians/${dana.id}`, {
      token: server.admin.accessToken,
      body: { disabled: true },
    })
    expect((await server.request('GET', '/v1/me', { token: danaTokens.accessToken })).status).toBe(
      401,
    )
    const login = await server.request('POST', '/v1/auth/login', {
      body: {
        email: dana.email,
        password: TEST_PASSWORD,
        installation: { id: randomUUID(), name: 'x' },
      },
    })
    expect(login.status).toBe(401)
  })

  test('bad input gets a 400 naming the field, never a crash', async () => {
    const { server } = await team(mode)
    const token = server.admin.accessToken
    const cases: Array<[string, string, unknown]> = [
      [
        'POST',
        '/v1/auth/login',
        { email: 'not an email', password: 'x', installation: { id: 'x', name: '' } },
      ],
      [
        'POST',
        '/v1/auth/login',
        {
          email: 'a@b.test',
          password: 'x',
          installation: { id: randomUUID(), name: 'x' },
          extra: 1,
        },
      ],
      ['POST', '/v1/auth/mfa', { challenge: 'x', code: '12', recoveryCode: 'nope' }],
      [
        'POST',
        '/v1/team/technicians',
        { email: 'a@b.test', displayName: 'A', role: 'root', password: 'short' },
      ],
      ['PATCH', '/v1/team/technicians/not-a-uuid', { role: 'admin' }],
      ['PUT', `/v1/team/technicians/${randomUUID()}/clients`, { clientIds: ['x'] }],
      ['POST', '/v1/auth/refresh', { refreshToken: 'x'.repeat(10_000) }],
    ]
    for (const [method, path, body] of cases) {
      const response = await server.request(method, path, { token, body })
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(response.body).toMatchObject({ error: 'bad_request', message: expect.any(String) })
    }
    for (const rawBody of [
      '['.repeat(100_000) + ']'.repeat(100_000),
      `{"email":"a@b.test","password":"x","installation":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      '{"__proto__":{"admin":true},"email":"a@b.test"}',
      '{"email":',
    ]) {
      const response = await server.request('POST', '/v1/auth/login', { rawBody })
      expect(response.status, rawBody.slice(0, 40)).toBe(400)
    }
    expect((await server.request('GET', '/healthz')).body).toMatchObject({ ok: true })
  })
})
