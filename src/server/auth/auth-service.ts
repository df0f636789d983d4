import { randomUUID } from 'node:crypto'
import type {
  EnrollMfaRequest,
  LoginRequest,
  LoginResponse,
  MfaRequest,
  TechnicianRole,
  Tokens,
} from '../../shared/sync/auth'
import type { ServerDatabase, Sql } from '../db/database'
import { ServerError } from '../errors'
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords'
import { hashToken, newRecoveryCodes, newToken, newTotpSecret, totpStep, totpUrl } from './secrets'

/** Who a request comes from, resolved from its access token on every request. */
export interface Principal {
  technicianId: string
  role: TechnicianRole
  installationId: string
}

export interface AuthLimits {
  accessTokenSeconds: number
  refreshTokenDays: number
  challengeSeconds: number
  /** Failed sign-ins per account, and per address, within the window before 429. */
  failuresPerAccount: number
  failuresPerAddress: number
  windowSeconds: number
  /** Wrong codes one challenge may take before it is spent. */
  codesPerChallenge: number
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  accessTokenSeconds: 15 * 60,
  refreshTokenDays: 30,
  challengeSeconds: 5 * 60,
  failuresPerAccount: 5,
  failuresPerAddress: 20,
  windowSeconds: 15 * 60,
  codesPerChallenge: 5,
}

interface TechnicianRow {
  id: string
  email: string
  display_name: string
  role: TechnicianRole
  password_hash: string
  totp_secret: string | null
  totp_confirmed_at: Date | null
  totp_last_counter: string
  disabled_at: Date | null
}

const WRONG_CREDENTIALS = 'Wrong email or password'

/**
 * Sign-in with a password and a second factor, access and refresh tokens, and the rate
 * limits on both. Every token is stored only as its hash.
 */
export class AuthService {
  constructor(
    private readonly db: ServerDatabase,
    private readonly now: () => number = Date.now,
    private readonly limits: AuthLimits = DEFAULT_AUTH_LIMITS,
  ) {}

  async login(request: LoginRequest, address: string): Promise<LoginResponse> {
    const accountKey = `account:${request.email}`
    await this.db.transaction(null, (sql) =>
      this.checkRateLimits(sql, [accountKey, `address:${address}`]),
    )
    const technician = await this.db.transaction(null, (sql) =>
      this.technicianByEmail(sql, request.email),
    )
    // Verify against a dummy hash when there is no such account, so timing does not tell.
    const passwordOk = await verifyPassword(
      request.password,
      technician?.password_hash ?? DUMMY_HASH,
    )
    // A failure is recorded and committed before the error goes out: a throw inside the
    // transaction would roll the record back, and the rate limit would never count it.
    const response = await this.db.transaction(null, async (sql) => {
      if (!technician || !passwordOk || technician.disabled_at) {
        await this.recordAttempt(sql, [accountKey, `address:${address}`], false)
        await this.audit(sql, technician?.id ?? null, 'auth.login-failed', request.email)
        return null
      }
      await this.recordAttempt(sql, [accountKey, `address:${address}`], true)
      if (technician.totp_confirmed_at && technician.totp_secret) {
        return {
          next: 'mfa' as const,
          challenge: await this.challenge(sql, technician.id, 'verify', request),
        }
      }
      if (await this.mfaRequired(sql, technician.role)) {
        const secret = newTotpSecret()
        await sql.query(
          'UPDATE technicians SET totp_secret = $2, totp_confirmed_at = NULL WHERE id = $1',
          [technician.id, secret],
        )
        return {
          next: 'enroll-mfa' as const,
          challenge: await this.challenge(sql, technician.id, 'enroll', request),
          secret,
          otpauthUrl: totpUrl(secret, technician.email),
        }
      }
      return {
        next: 'signed-in' as const,
        tokens: await this.issue(sql, technician, request.installation),
      }
    })
    if (!response) throw new ServerError('unauthorized', WRONG_CREDENTIALS)
    return response
  }

  async completeMfa(request: MfaRequest, address: string): Promise<Tokens> {
    return this.withChallenge(
      request.challenge,
      'verify',
      address,
      async (sql, technician, inst) => {
        if (request.recoveryCode !== undefined) {
          const used = await sql.query(
            `UPDATE recovery_codes SET used_at = now()
           WHERE technician_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING 1`,
            [technician.id, hashToken(request.recoveryCode)],
          )
          if (used.rows.length === 0) return null
          await this.audit(sql, technician.id, 'auth.recovery-code-used', null)
        } else if (!(await this.acceptCode(sql, technician, request.code ?? ''))) {
          return null
        }
        return this.issue(sql, technician, inst)
      },
    )
  }

  async enrollMfa(
    request: EnrollMfaRequest,
    address: string,
  ): Promise<{ tokens: Tokens; recoveryCodes: string[] }> {
    return this.withChallenge(
      request.challenge,
      'enroll',
      address,
      async (sql, technician, inst) => {
        if (!(await this.acceptCode(sql, technician, request.code))) return null
        await sql.query('UPDATE technicians SET totp_confirmed_at = now() WHERE id = $1', [
          technician.id,
        ])
        const recoveryCodes = newRecoveryCodes()
        await sql.query('DELETE FROM recovery_codes WHERE technician_id = $1', [technician.id])
        for (const code of recoveryCodes) {
          await sql.query('INSERT INTO recovery_codes (technician_id, code_hash) VALUES ($1, $2)', [
            technician.id,
            hashToken(code),
          ])
        }
        await this.audit(sql, technician.id, 'auth.mfa-enrolled', null)
        return { tokens: await this.issue(sql, technician, inst), recoveryCodes }
      },
    )
  }

  /** Trades a refresh token for a new pair; a token used twice signs the installation out. */
  async refresh(refreshToken: string): Promise<Tokens> {
    const ended = new ServerError('unauthorized', 'Sign in again: this session has ended')
    const tokens = await this.db.transaction(null, async (sql) => {
      const { rows } = await sql.query<{
        installation_id: string
        expires_at: Date
        used_at: Date | null
        revoked_at: Date | null
      }>(
        `SELECT installation_id, expires_at, used_at, revoked_at FROM refresh_tokens
         WHERE token_hash = $1 FOR UPDATE`,
        [hashToken(refreshToken)],
      )
      const row = rows[0]
      if (!row || row.revoked_at || row.expires_at.getTime() <= this.now()) return null
      if (row.used_at) {
        // Someone holds a copy of a rotated token: end every session of that installation
        // (committed, so the error below does not undo it).
        await this.revokeInstallationTokens(sql, row.installation_id)
        await this.audit(sql, null, 'auth.refresh-reused', row.installation_id)
        return null
      }
      await sql.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [
        hashToken(refreshToken),
      ])
      const owner = await sql.query<TechnicianRow & { name: string; revoked: Date | null }>(
        `SELECT t.*, i.name, i.revoked_at AS revoked FROM installations i
         JOIN technicians t ON t.id = i.technician_id WHERE i.id = $1`,
        [row.installation_id],
      )
      const technician = owner.rows[0]
      if (!technician || technician.disabled_at || technician.revoked) return null
      return this.issue(sql, technician, { id: row.installation_id, name: technician.name })
    })
    if (!tokens) throw ended
    return tokens
  }

  /** The principal behind an access token, checked against the database on every request. */
  async authenticate(accessToken: string | undefined): Promise<Principal> {
    if (!accessToken) throw new ServerError('unauthorized', 'Sign in first')
    const { rows } = await this.db.transaction(null, (sql) =>
      sql.query<{ technician_id: string; role: TechnicianRole; installation_id: string }>(
        `SELECT t.id AS technician_id, t.role, i.id AS installation_id
         FROM access_tokens a
         JOIN installations i ON i.id = a.installation_id
         JOIN technicians t ON t.id = i.technician_id
         WHERE a.token_hash = $1 AND a.expires_at > $2
           AND i.revoked_at IS NULL AND t.disabled_at IS NULL`,
        [hashToken(accessToken), new Date(this.now())],
      ),
    )
    const row = rows[0]
    if (!row) throw new ServerError('unauthorized', 'Sign in again: the access token is not valid')
    return { technicianId: row.technician_id, role: row.role, installationId: row.installation_id }
  }

  async signOut(principal: Principal): Promise<void> {
    await this.db.transaction(null, (sql) =>
      this.revokeInstallationTokens(sql, principal.installationId),
    )
  }

  /** The first admin, from the command line; refuses when any admin exists. */
  async createFirstAdmin(input: {
    email: string
    displayName: string
    password: string
  }): Promise<string> {
    const hash = await hashPassword(input.password)
    return this.db.transaction({ technicianId: randomUUID(), role: 'admin' }, async (sql) => {
      const admins = await sql.query("SELECT 1 FROM technicians WHERE role = 'admin' LIMIT 1")
      if (admins.rows.length > 0) {
        throw new ServerError(
          'conflict',
          'An admin exists already: add technicians from the Team page',
        )
      }
      const id = randomUUID()
      await sql.query(
        `INSERT INTO technicians (id, email, display_name, role, password_hash)
         VALUES ($1, $2, $3, 'admin', $4)`,
        [id, input.email.trim().toLowerCase(), input.displayName, hash],
      )
      await this.audit(sql, id, 'team.create-admin', input.email)
      return id
    })
  }

  private async technicianByEmail(sql: Sql, email: string): Promise<TechnicianRow | undefined> {
    const { rows } = await sql.query<TechnicianRow>('SELECT * FROM technicians WHERE email = $1', [
      email,
    ])
    return rows[0]
  }

  private async mfaRequired(sql: Sql, role: TechnicianRole): Promise<boolean> {
    if (role !== 'technician') return true
    const { rows } = await sql.query<{ value: boolean }>(
      "SELECT value FROM team_settings WHERE key = 'requireMfaForEveryone'",
    )
    return rows[0]?.value === true
  }

  private async challenge(
    sql: Sql,
    technicianId: string,
    kind: 'verify' | 'enroll',
    request: LoginRequest,
  ): Promise<string> {
    const token = newToken()
    await sql.query(
      `INSERT INTO mfa_challenges
         (token_hash, technician_id, kind, installation_id, installation_name, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        hashToken(token),
        technicianId,
        kind,
        request.installation.id,
        request.installation.name,
        new Date(this.now() + this.limits.challengeSeconds * 1000),
      ],
    )
    return token
  }

  /**
   * Runs `attempt` for a live challenge. A wrong code (attempt returns null) counts against
   * the account and spends the challenge after a few; a right one spends it at once.
   */
  private async withChallenge<T>(
    challenge: string,
    kind: 'verify' | 'enroll',
    address: string,
    attempt: (
      sql: Sql,
      technician: TechnicianRow,
      inst: { id: string; name: string },
    ) => Promise<T | null>,
  ): Promise<T> {
    const hash = hashToken(challenge)
    const found = await this.db.transaction(null, async (sql) => {
      const { rows } = await sql.query<{ email: string }>(
        `SELECT t.email FROM mfa_challenges c JOIN technicians t ON t.id = c.technician_id
         WHERE c.token_hash = $1`,
        [hash],
      )
      return rows[0]
    })
    const keys = [`account:${found?.email ?? ''}`, `address:${address}`]
    await this.db.transaction(null, (sql) => this.checkRateLimits(sql, keys))
    const outcome = await this.db.transaction(null, async (sql) => {
      const { rows } = await sql.query<
        TechnicianRow & { installation_id: string; installation_name: string; attempts: number }
      >(
        `SELECT t.*, c.installation_id, c.installation_name, c.attempts FROM mfa_challenges c
         JOIN technicians t ON t.id = c.technician_id
         WHERE c.token_hash = $1 AND c.kind = $2 AND c.expires_at > $3 FOR UPDATE OF c`,
        [hash, kind, new Date(this.now())],
      )
      const row = rows[0]
      if (!row || row.disabled_at) return { ok: false as const, expired: true }
      const result = await attempt(sql, row, {
        id: row.installation_id,
        name: row.installation_name,
      })
      if (result !== null) {
        await sql.query('DELETE FROM mfa_challenges WHERE token_hash = $1', [hash])
        return { ok: true as const, result }
      }
      await sql.query(`UPDATE mfa_challenges SET attempts = attempts + 1 WHERE token_hash = $1`, [
        hash,
      ])
      if (row.attempts + 1 >= this.limits.codesPerChallenge) {
        await sql.query('DELETE FROM mfa_challenges WHERE token_hash = $1', [hash])
      }
      return { ok: false as const, expired: false }
    })
    if (outcome.ok) return outcome.result
    await this.db.transaction(null, async (sql) => {
      await this.recordAttempt(sql, keys, false)
      await this.audit(sql, null, 'auth.mfa-failed', found?.email ?? null)
    })
    throw new ServerError(
      'unauthorized',
      outcome.expired ? 'The sign-in has expired: enter your password again' : 'Wrong code',
    )
  }

  /** A TOTP code right for now and not used before (its time step is newer than the last). */
  private async acceptCode(sql: Sql, technician: TechnicianRow, code: string): Promise<boolean> {
    if (!technician.totp_secret) return false
    const step = totpStep(technician.totp_secret, code, this.now())
    if (step === null || step <= Number(technician.totp_last_counter)) return false
    const updated = await sql.query(
      `UPDATE technicians SET totp_last_counter = $2 WHERE id = $1 AND totp_last_counter < $2
       RETURNING 1`,
      [technician.id, step],
    )
    return updated.rows.length === 1
  }

  private async issue(
    sql: Sql,
    technician: Pick<TechnicianRow, 'id' | 'email' | 'display_name' | 'role'>,
    installation: { id: string; name: string },
  ): Promise<Tokens> {
    const existing = await sql.query<{ technician_id: string }>(
      'SELECT technician_id FROM installations WHERE id = $1 FOR UPDATE',
      [installation.id],
    )
    const owner = existing.rows[0]?.technician_id
    if (owner !== undefined && owner !== technician.id) {
      throw new ServerError(
        'conflict',
        'This installation is signed in to the team as another technician: sign that one out first',
      )
    }
    if (owner === undefined) {
      await sql.query('INSERT INTO installations (id, technician_id, name) VALUES ($1, $2, $3)', [
        installation.id,
        technician.id,
        installation.name,
      ])
    } else {
      await sql.query(
        'UPDATE installations SET name = $2, revoked_at = NULL, last_seen_at = now() WHERE id = $1',
        [installation.id, installation.name],
      )
    }
    const accessToken = newToken()
    const refreshToken = newToken()
    const now = this.now()
    await sql.query(
      'INSERT INTO access_tokens (token_hash, installation_id, expires_at) VALUES ($1, $2, $3)',
      [
        hashToken(accessToken),
        installation.id,
        new Date(now + this.limits.accessTokenSeconds * 1000),
      ],
    )
    await sql.query(
      'INSERT INTO refresh_tokens (token_hash, installation_id, expires_at) VALUES ($1, $2, $3)',
      [
        hashToken(refreshToken),
        installation.id,
        new Date(now + this.limits.refreshTokenDays * 86_400_000),
      ],
    )
    await sql.query('DELETE FROM access_tokens WHERE installation_id = $1 AND expires_at < $2', [
      installation.id,
      new Date(now),
    ])
    return {
      accessToken,
      expiresIn: this.limits.accessTokenSeconds,
      refreshToken,
      technician: {
        id: technician.id,
        email: technician.email,
        displayName: technician.display_name,
        role: technician.role,
      },
      installationId: installation.id,
    }
  }

  private async revokeInstallationTokens(sql: Sql, installationId: string): Promise<void> {
    await sql.query('DELETE FROM access_tokens WHERE installation_id = $1', [installationId])
    await sql.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE installation_id = $1 AND revoked_at IS NULL',
      [installationId],
    )
  }

  private async checkRateLimits(sql: Sql, keys: string[]): Promise<void> {
    const since = new Date(this.now() - this.limits.windowSeconds * 1000)
    const { rows } = await sql.query<{ key: string; failures: string; oldest: Date }>(
      `SELECT key, count(*) AS failures, min(at) AS oldest FROM login_attempts
       WHERE key = ANY($1) AND at > $2 AND NOT succeeded GROUP BY key`,
      [keys, since],
    )
    for (const row of rows) {
      const limit = row.key.startsWith('account:')
        ? this.limits.failuresPerAccount
        : this.limits.failuresPerAddress
      if (Number(row.failures) >= limit) {
        const retryAfter = Math.max(
          1,
          Math.ceil((row.oldest.getTime() + this.limits.windowSeconds * 1000 - this.now()) / 1000),
        )
        throw new ServerError(
          'rate_limited',
          `Too many failed sign-ins: try again in ${Math.ceil(retryAfter / 60)} min`,
          retryAfter,
        )
      }
    }
  }

  private async recordAttempt(sql: Sql, keys: string[], succeeded: boolean): Promise<void> {
    for (const key of keys) {
      await sql.query('INSERT INTO login_attempts (key, at, succeeded) VALUES ($1, $2, $3)', [
        key,
        new Date(this.now()),
        succeeded,
      ])
    }
  }

  private async audit(
    sql: Sql,
    technicianId: string | null,
    action: string,
    subject: string | null,
  ): Promise<void> {
    await sql.query('INSERT INTO audit_log (technician_id, action, subject) VALUES ($1, $2, $3)', [
      technicianId,
      action,
      subject,
    ])
  }
}
