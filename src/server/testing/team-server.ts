import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { LoginResponse, Tokens } from '../../shared/sync/auth'
import { buildTeamServer } from '../app'
import { AuthService } from '../auth/auth-service'
import { hashPassword } from '../auth/passwords'
import { migrations } from '../db/migrations'
import { totpCode } from '../auth/secrets'
import type { ServerDatabase } from '../db/database'

export const TEST_PASSWORD = 'correct horse battery staple'

export interface RunningTeamServer {
  url: string
  app: FastifyInstance
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string },
  ): Promise<{ status: number; body: unknown }>
  /** Signs in (enrolling MFA where the role needs it) and returns the tokens. */
  signIn(email: string, password?: string): Promise<Tokens>
  /** The first admin, signed in. */
  admin: Tokens
  close(): Promise<void>
}

/** The real HTTP server on a loopback port, over a given team database. */
export async function startTeamServer(
  database: ServerDatabase,
  options: { adminExists?: boolean } = {},
): Promise<RunningTeamServer> {
  const app = buildTeamServer({ database, schemaVersion: migrations.at(-1)?.version ?? 0 })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const request: RunningTeamServer['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    const body =
      options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${address}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    })
    const text = await response.text()
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null }
  }
  const signIn = async (email: string, password = TEST_PASSWORD): Promise<Tokens> => {
    const login = await request('POST', '/v1/auth/login', {
      body: { email, password, installation: { id: randomUUID(), name: 'Test laptop' } },
    })
    expect(login.status, JSON.stringify(login.body)).toBe(200)
    const next = login.body as LoginResponse
    if (next.next === 'signed-in') return next.tokens
    if (next.next === 'enroll-mfa') {
      const enrolled = await request('POST', '/v1/auth/mfa/enroll', {
        body: { challenge: next.challenge, code: totpCode(next.secret, Date.now()) },
      })
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200)
      return (enrolled.body as { tokens: Tokens }).tokens
    }
    throw new Error('this helper signs in accounts without MFA set up, or enrols them')
  }
  // A second server process on the same database signs in as another admin of the team.
  const adminEmail = `admin-${randomUUID()}@msp.test`
  if (options.adminExists) {
    await database.transaction(null, async (sql) =>
      sql.query(
        `INSERT INTO technicians (id, email, display_name, role, password_hash)
         VALUES ($1, $2, 'Second Admin', 'admin', $3)`,
        [randomUUID(), adminEmail, await hashPassword(TEST_PASSWORD)],
      ),
    )
  } else {
    await new AuthService(database).createFirstAdmin({
      email: adminEmail,
      displayName: 'Ada Admin',
      password: TEST_PASSWORD,
    })
  }
  const admin = await signIn(adminEmail)
  return { url: address, app, request, signIn, admin, close: () => app.close() }
}
