import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { LoginRequest, LoginResponse, Tokens } from '../../shared/sync/auth'
import type { ServerDatabase } from '../db/database'
import { openTeamDatabase, teamDatabaseModes } from '../testing/team-modes'
import { AuthService, DEFAULT_AUTH_LIMITS } from './auth-service'
import { hashPassword } from './passwords'
import { totpCode } from './secrets'

const modes = teamDatabaseModes()
const opened: ServerDatabase[] = []
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()))
})

const PASSWORD = 'correct horse battery staple'

async function world(mode: (typeof modes)[number]) {
  const db = await openTeamDatabase(mode, opened)
  let now = Date.UTC(2026, 11, 7, 9, 0, 0)
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
  const auth = new AuthService(db, clock.now)
  const adminEmail = `admin-${randomUUID()}@msp.test`
  await auth.createFirstAdmin({ email: adminEmail, displayName: 'Ada Admin', password: PASSWORD })
  const addTechnician = async (role: 'technician' | 'lead' = 'technician') => {
    const email = `tech-${randomUUID()}@msp.test`
    await db.transaction(null, async (sql) =>
      sql.query(
        `INSERT INTO technicians (id, email, display_name, role, password_hash)
         VALUES ($1, $2, 'Tess Tech', $3, $4)`,
        [randomUUID(), email, role, await hashPassword(PASSWORD)],
      ),
    )
    return email
  }
  const login = (email: string, password = PASSWORD, address = '127.0.0.1') =>
    auth.login(
      { email, password, installation: { id: randomUUID(), name: 'Laptop' } } as LoginRequest,
      address,
    )
  /** Signs an admin in through enrolment; returns the TOTP secret and recovery codes. */
  const enrol = async (email: string) => {
    const first = (await login(email)) as Extract<LoginResponse, { next: 'enroll-mfa' }>
    expect(first.next).toBe('enroll-mfa')
    const enrolled = await auth.enrollMfa(
      { challenge: first.challenge, code: totpCode(first.secret, now) },
      '127.0.0.1',
    )
    return { secret: first.secret, ...enrolled }
  }
  return { db, auth, clock, adminEmail, addTechnician, login, enrol }
}

describe.each(modes)('sign-in on $name', (mode) => {
  const test = it.skipIf(mode.skip !== null)

  test('an admin without MFA gets no tokens until a second factor is set up', async () => {
    const { auth, login, adminEmail, clock } = await world(mode)
    const first = await login(adminEmail)
    expect(first).toMatchObject({
      next: 'enroll-mfa',
      otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//),
    })
    expect(first).not.toHaveProperty('tokens')
    if (first.next !== 'enroll-mfa') throw new Error('unreachable')
    await expect(
      auth.enrollMfa({ challenge: first.challenge, code: '000000' }, '127.0.0.1'),
    ).rejects.toMatchObject({ code: 'unauthorized', message: 'Wrong code' })
    const { tokens, recoveryCodes } = await auth.enrollMfa(
      { challenge: first.challenge, code: totpCode(first.secret, clock.now()) },
      '127.0.0.1',
    )
    expect(recoveryCodes).toHaveLength(10)
    expect(await auth.authenticate(tokens.accessToken)).toMatchObject({ role: 'admin' })
    await expect(auth.authenticate(undefined)).rejects.toMatchObject({ code: 'unauthorized' })
  })

  test('a wrong password and an unknown account get the same answer', async () => {
    const { login, adminEmail } = await world(mode)
    await expect(login(adminEmail, 'wrong password!')).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'Wrong email or password',
    })
    await expect(login('nobody@msp.test')).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'Wrong email or password',
    })
  })

  test('a TOTP code is refused when wrong or replayed; a recovery code works once', async () => {
    const { auth, login, adminEmail, enrol, clock } = await world(mode)
    const { secret, recoveryCodes } = await enrol(adminEmail)
    clock.advance(30_000)
    const code = totpCode(secret, clock.now())
    const first = await login(adminEmail)
    if (first.next !== 'mfa') throw new Error(`expected mfa, got ${first.next}`)
    await expect(
      auth.completeMfa({ challenge: first.challenge, code: '123456' }, 'a'),
    ).rejects.toMatchObject({
      message: 'Wrong code',
    })
    const tokens: Tokens = await auth.completeMfa({ challenge: first.challenge, code }, 'a')
    expect(tokens.technician.email).toBe(adminEmail)
    // The same code again, within its 30 s: a replay.
    const second = await login(adminEmail)
    if (second.next !== 'mfa') throw new Error('expected mfa')
    await expect(
      auth.completeMfa({ challenge: second.challenge, code }, 'a'),
    ).rejects.toMatchObject({
      message: 'Wrong code',
    })
    const recovery = recoveryCodes[0] as string
    await expect(
      auth.completeMfa({ challenge: second.challenge, recoveryCode: recovery }, 'a'),
    ).resolves.toMatchObject({ technician: { email: adminEmail } })
    const third = await login(adminEmail)
    if (third.next !== 'mfa') throw new Error('expected mfa')
    await expect(
      auth.completeMfa({ challenge: third.challenge, recoveryCode: recovery }, 'a'),
    ).rejects.toMatchObject({ message: 'Wrong code' })
  })

  test('rate limits failed sign-ins per account and per address', async () => {
    const { login, adminEmail, addTechnician, clock } = await world(mode)
    for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerAccount; i++) {
      await expect(login(adminEmail, `guess ${i}`, `10.0.0.${i}`)).rejects.toMatchObject({
        code: 'unauthorized',
      })
    }
    // Even the right password waits now, from any address.
    await expect(login(adminEmail, PASSWORD, '10.9.9.9')).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfter: expect.any(Number),
    })
    clock.advance(DEFAULT_AUTH_LIMITS.windowSeconds * 1000 + 1)
    await expect(login(adminEmail)).resolves.toMatchObject({ next: 'enroll-mfa' })

    // One address guessing across many accounts.
    for (let i = 0; i < DEFAULT_AUTH_LIMITS.failuresPerAddress; i++) {
      await expect(login(`nobody-${i}@msp.test`, 'x', '192.0.2.7')).rejects.toMatchObject({
        code: 'unauthorized',
      })
    }
    const tech = await addTechnician()
    await expect(login(tech, PASSWORD, '192.0.2.7')).rejects.toMatchObject({ code: 'rate_limited' })
    await expect(login(tech, PASSWORD, '192.0.2.8')).resolves.toMatchObject({ next: 'signed-in' })
  })

  test('refresh tokens rotate; a revoked or reused one ends the session', async () => {
    const { auth, login, addTechnician } = await world(mode)
    const tech = await addTechnician()
    const signedIn = await login(tech)
    if (signedIn.next !== 'signed-in') throw new Error('expected signed-in')
    const rotated = await auth.refresh(signedIn.tokens.refreshToken)
    expect(rotated.refreshToken).not.toBe(signedIn.tokens.refreshToken)
    await expect(auth.authenticate(rotated.accessToken)).resolves.toMatchObject({
      installationId: signedIn.tokens.installationId,
    })
    // The old one used again: someone has a copy, so the installation is signed out.
    await expect(auth.refresh(signedIn.tokens.refreshToken)).rejects.toMatchObject({
      code: 'unauthorized',
    })
    await expect(auth.authenticate(rotated.accessToken)).rejects.toMatchObject({
      code: 'unauthorized',
    })
    await expect(auth.refresh(rotated.refreshToken)).rejects.toMatchObject({ code: 'unauthorized' })

    const again = await login(tech)
    if (again.next !== 'signed-in') throw new Error('expected signed-in')
    const principal = await auth.authenticate(again.tokens.accessToken)
    await auth.signOut(principal)
    await expect(auth.refresh(again.tokens.refreshToken)).rejects.toMatchObject({
      code: 'unauthorized',
    })
  })

  test('the team setting requires MFA of technicians too; a disabled one cannot sign in', async () => {
    const { db, login, addTechnician } = await world(mode)
    const tech = await addTechnician()
    await expect(login(tech)).resolves.toMatchObject({ next: 'signed-in' })
    await db.transaction(null, (sql) =>
      sql.query("UPDATE team_settings SET value = 'true' WHERE key = 'requireMfaForEveryone'"),
    )
    await expect(login(tech)).resolves.toMatchObject({ next: 'enroll-mfa' })
    await db.transaction(null, (sql) =>
      sql.query('UPDATE technicians SET disabled_at = now() WHERE email = $1', [tech]),
    )
    await expect(login(tech)).rejects.toMatchObject({ code: 'unauthorized' })
  })
})
