import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { APP_ROLE } from '../db/database'
import type { DatabaseConfig } from '../db/open-database'
import type { TestPostgres } from './postgres'

const appPasswords = new WeakMap<TestPostgres, string>()

/**
 * A fresh team database on a test PostgreSQL, set up as the README tells an administrator to:
 * an owner role that owns the schema, and the app role (switchboard_app) that logs in to serve
 * and owns nothing. Each call makes a new database, so tests do not see each other's rows.
 */
export async function createTeamDatabase(
  server: TestPostgres,
): Promise<Extract<DatabaseConfig, { mode: 'postgres' }> & { ownerUrl: string }> {
  const name = `team_${randomBytes(6).toString('hex')}`
  const ownerPassword = randomBytes(12).toString('base64url')
  const appPassword = appPasswords.get(server) ?? randomBytes(12).toString('base64url')
  const admin = new pg.Client({ connectionString: server.superuserUrl })
  await admin.connect()
  try {
    const owner = `${name}_owner`
    await admin.query(`CREATE ROLE ${owner} LOGIN PASSWORD '${ownerPassword}'`)
    const { rows } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])
    if (rows.length === 0) {
      await admin.query(
        `CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB`,
      )
    }
    // One app role for the whole test server (roles are per server); each database gets its own owner.
    if (!appPasswords.has(server)) {
      await admin.query(`ALTER ROLE ${APP_ROLE} PASSWORD '${appPassword}'`)
      appPasswords.set(server, appPassword)
    }
    await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`)
    return {
      mode: 'postgres',
      url: server.urlFor(APP_ROLE, appPassword, name),
      ownerUrl: server.urlFor(owner, ownerPassword, name),
    }
  } finally {
    await admin.end()
  }
}
