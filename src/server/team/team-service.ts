import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type {
  AssignClientsRequest,
  CreateTechnicianRequest,
  InstallationSummary,
  TeamSettings,
  TechnicianSummary,
  UpdateTechnicianRequest,
} from '../../shared/sync/auth'
import type { Principal } from '../auth/auth-service'
import { hashPassword } from '../auth/passwords'
import type { ServerDatabase, Sql } from '../db/database'
import { ServerError } from '../errors'
import { TEAM_CHANNEL } from '../sync/poke-hub'

type Role = Principal['role']

/**
 * The Team page's server side: technicians, their client assignments, installations and the
 * team's settings. Leads may look; only admins change anything. A refusal is audited.
 */
export class TeamService {
  constructor(private readonly db: ServerDatabase) {}

  async listTechnicians(principal: Principal): Promise<TechnicianSummary[]> {
    await this.require(principal, ['lead', 'admin'], 'team.list')
    return this.db.transaction(this.scope(principal), async (sql) => {
      const { rows } = await sql.query<{
        id: string
        email: string
        display_name: string
        role: Role
        totp_confirmed_at: Date | null
        disabled_at: Date | null
        client_ids: string[] | null
      }>(
        `SELECT t.id, t.email, t.display_name, t.role, t.totp_confirmed_at, t.disabled_at,
                array_remove(array_agg(a.client_id), NULL) AS client_ids
         FROM technicians t LEFT JOIN assignments a ON a.technician_id = t.id
         GROUP BY t.id ORDER BY t.display_name, t.email`,
      )
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
        mfaEnabled: r.totp_confirmed_at !== null,
        disabled: r.disabled_at !== null,
        clientIds: (r.client_ids ?? []).sort(),
      }))
    })
  }

  async createTechnician(
    principal: Principal,
    input: z.infer<typeof CreateTechnicianRequest>,
  ): Promise<TechnicianSummary> {
    await this.require(principal, ['admin'], 'team.create')
    const hash = await hashPassword(input.password)
    const id = randomUUID()
    await this.db.transaction(this.scope(principal), async (sql) => {
      const taken = await sql.query('SELECT 1 FROM technicians WHERE email = $1', [input.email])
      if (taken.rows.length > 0) {
        throw new ServerError('conflict', `${input.email} is on the team already`)
      }
      await sql.query(
        `INSERT INTO technicians (id, email, display_name, role, password_hash, must_change_password)
         VALUES ($1, $2, $3, $4, $5, true)`,
        [id, input.email, input.displayName, input.role, hash],
      )
      await this.audit(sql, principal, 'team.create', id)
    })
    return this.summary(principal, id)
  }

  async updateTechnician(
    principal: Principal,
    id: string,
    input: z.infer<typeof UpdateTechnicianRequest>,
  ): Promise<TechnicianSummary> {
    await this.require(principal, ['admin'], 'team.update')
    if (
      id === principal.technicianId &&
      (input.disabled === true || (input.role && input.role !== 'admin'))
    ) {
      throw new ServerError('bad_request', 'An admin cannot disable or demote themselves')
    }
    const hash = input.password === undefined ? null : await hashPassword(input.password)
    await this.db.transaction(this.scope(principal), async (sql) => {
      const updated = await sql.query(
        `UPDATE technicians SET
           display_name = coalesce($2, display_name),
           role = coalesce($3, role),
           disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at
                              WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
           password_hash = coalesce($5, password_hash),
           must_change_password = must_change_password OR $5 IS NOT NULL
         WHERE id = $1 RETURNING 1`,
        [id, input.displayName ?? null, input.role ?? null, input.disabled ?? null, hash],
      )
      if (updated.rows.length === 0) throw new ServerError('not_found', 'No such technician')
      if (input.disabled === true || hash !== null) {
        // A disabled account or a reset password ends every session it had.
        await sql.query(
          'DELETE FROM access_tokens WHERE installation_id IN (SELECT id FROM installations WHERE technician_id = $1)',
          [id],
        )
        await sql.query(
          `UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND installation_id IN
             (SELECT id FROM installations WHERE technician_id = $1)`,
          [id],
        )
      }
      await this.audit(sql, principal, 'team.update', id, {
        fields: Object.keys(input).filter((k) => k !== 'password'),
        passwordReset: hash !== null,
      })
    })
    return this.summary(principal, id)
  }

  /** Replaces a technician's client assignments; holds from their next request. */
  async assignClients(
    principal: Principal,
    id: string,
    input: z.infer<typeof AssignClientsRequest>,
  ): Promise<TechnicianSummary> {
    await this.require(principal, ['admin'], 'team.assign')
    await this.db.transaction(this.scope(principal), async (sql) => {
      const exists = await sql.query('SELECT 1 FROM technicians WHERE id = $1', [id])
      if (exists.rows.length === 0) throw new ServerError('not_found', 'No such technician')
      const known = await sql.query<{ id: string }>('SELECT id FROM clients WHERE id = ANY($1)', [
        input.clientIds,
      ])
      const missing = input.clientIds.filter((c) => !known.rows.some((k) => k.id === c))
      if (missing.length > 0) {
        throw new ServerError('not_found', `No such client: ${missing.slice(0, 3).join(', ')}`)
      }
      await sql.query('DELETE FROM assignments WHERE technician_id = $1', [id])
      for (const clientId of new Set(input.clientIds)) {
        await sql.query('INSERT INTO assignments (technician_id, client_id) VALUES ($1, $2)', [
          id,
          clientId,
        ])
      }
      await this.audit(sql, principal, 'team.assign', id, { clientIds: input.clientIds })
      // Their connected installations pull now: new clients arrive, removed ones are dropped.
      await sql.query('SELECT pg_notify($1, $2)', [TEAM_CHANNEL, id])
    })
    return this.summary(principal, id)
  }

  async listInstallations(
    principal: Principal,
  ): Promise<Array<z.infer<typeof InstallationSummary>>> {
    await this.require(principal, ['admin'], 'team.installations')
    return this.db.transaction(this.scope(principal), async (sql) => {
      const { rows } = await sql.query<{
        id: string
        technician_id: string
        name: string
        created_at: Date
        last_seen_at: Date | null
        revoked_at: Date | null
      }>('SELECT * FROM installations ORDER BY created_at')
      return rows.map((r) => ({
        id: r.id,
        technicianId: r.technician_id,
        name: r.name,
        createdAt: r.created_at.toISOString(),
        lastSeenAt: r.last_seen_at?.toISOString() ?? null,
        revoked: r.revoked_at !== null,
      }))
    })
  }

  async revokeInstallation(principal: Principal, id: string): Promise<void> {
    await this.require(principal, ['admin'], 'team.revoke-installation')
    await this.db.transaction(this.scope(principal), async (sql) => {
      const updated = await sql.query(
        'UPDATE installations SET revoked_at = now() WHERE id = $1 RETURNING 1',
        [id],
      )
      if (updated.rows.length === 0) throw new ServerError('not_found', 'No such installation')
      await sql.query('DELETE FROM access_tokens WHERE installation_id = $1', [id])
      await sql.query(
        'UPDATE refresh_tokens SET revoked_at = now() WHERE installation_id = $1 AND revoked_at IS NULL',
        [id],
      )
      await this.audit(sql, principal, 'team.revoke-installation', id)
    })
  }

  async settings(principal: Principal): Promise<z.infer<typeof TeamSettings>> {
    await this.require(principal, ['lead', 'admin'], 'team.settings')
    return this.db.transaction(this.scope(principal), async (sql) => {
      const { rows } = await sql.query<{ value: boolean }>(
        "SELECT value FROM team_settings WHERE key = 'requireMfaForEveryone'",
      )
      return { requireMfaForEveryone: rows[0]?.value === true }
    })
  }

  async updateSettings(
    principal: Principal,
    input: z.infer<typeof TeamSettings>,
  ): Promise<z.infer<typeof TeamSettings>> {
    await this.require(principal, ['admin'], 'team.update-settings')
    await this.db.transaction(this.scope(principal), async (sql) => {
      await sql.query("UPDATE team_settings SET value = $1 WHERE key = 'requireMfaForEveryone'", [
        JSON.stringify(input.requireMfaForEveryone),
      ])
      await this.audit(sql, principal, 'team.update-settings', null, input)
    })
    return this.settings(principal)
  }

  /** Everyone on the team (id, name, role), for assigning tickets; any signed-in technician. */
  async directory(
    principal: Principal,
  ): Promise<Array<{ id: string; displayName: string; role: Role }>> {
    return this.db.transaction(this.scope(principal), async (sql) => {
      const { rows } = await sql.query<{ id: string; display_name: string; role: Role }>(
        `SELECT id, display_name, role FROM technicians WHERE disabled_at IS NULL
         ORDER BY display_name, id`,
      )
      return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }))
    })
  }

  /** The clients the caller may see (all, for leads and admins). */
  async listClients(principal: Principal): Promise<Array<{ id: string; name: string }>> {
    return this.db.transaction(this.scope(principal), async (sql) => {
      const { rows } = await sql.query<{ id: string; name: string }>(
        'SELECT id, name FROM clients ORDER BY name',
      )
      return rows
    })
  }

  /** A client on the team (its id the app's own), by a lead or an admin. */
  async createClient(
    principal: Principal,
    input: { id: string; name: string },
  ): Promise<{ id: string; name: string }> {
    await this.require(principal, ['lead', 'admin'], 'team.create-client')
    await this.db.transaction(this.scope(principal), async (sql) => {
      const inserted = await sql.query(
        'INSERT INTO clients (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING 1',
        [input.id, input.name],
      )
      if (inserted.rows.length === 0)
        throw new ServerError('conflict', 'That client exists already')
      await this.audit(sql, principal, 'team.create-client', input.id)
    })
    return input
  }

  private async summary(principal: Principal, id: string): Promise<TechnicianSummary> {
    const all = await this.listTechnicians(principal)
    const found = all.find((t) => t.id === id)
    if (!found) throw new ServerError('not_found', 'No such technician')
    return found
  }

  private async require(principal: Principal, roles: Role[], action: string): Promise<void> {
    if (roles.includes(principal.role)) return
    await this.db.transaction(this.scope(principal), (sql) =>
      this.audit(sql, principal, 'denied', action, { role: principal.role }),
    )
    throw new ServerError('forbidden', `Only ${roles.join(' or ')}s can do that`)
  }

  private scope(principal: Principal) {
    return { technicianId: principal.technicianId, role: principal.role }
  }

  private async audit(
    sql: Sql,
    principal: Principal,
    action: string,
    subject: string | null,
    detail: unknown = {},
  ): Promise<void> {
    await sql.query(
      'INSERT INTO audit_log (technician_id, action, subject, detail) VALUES ($1, $2, $3, $4)',
      [principal.technicianId, action, subject, JSON.stringify(detail)],
    )
  }
}
