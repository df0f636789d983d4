import type { OwnerSql } from './database'
import { APP_ROLE } from './database'
import { migrations as allMigrations, type Migration } from './migrations'

/** Any fixed number: the advisory lock that makes concurrent starts migrate once. */
const MIGRATION_LOCK = 0x5b0a4d

/**
 * Brings the schema up to date as its owner, in one transaction under an advisory lock.
 * A database written by a newer server is refused rather than changed.
 */
export async function migrate(
  owner: OwnerSql,
  migrations: Migration[] = allMigrations,
): Promise<{ from: number; to: number }> {
  await owner.query('BEGIN')
  try {
    await owner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await owner.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    await owner.query(`GRANT SELECT ON schema_migrations TO ${APP_ROLE}`)
    const { rows } = await owner.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    )
    const from = rows[0]?.version ?? 0
    const latest = migrations.at(-1)?.version ?? 0
    if (from > latest) {
      throw new Error(
        `The database is at schema ${from}, newer than this server's ${latest}: run a newer server`,
      )
    }
    for (const m of migrations.filter((m) => m.version > from)) {
      await owner.exec(m.sql)
      await owner.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ])
    }
    await owner.query('COMMIT')
    return { from, to: Math.max(from, latest) }
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/** The embedded database makes its own app role; on a server the administrator does. */
export async function ensureAppRole(owner: OwnerSql): Promise<void> {
  const { rows } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])
  if (rows.length === 0) {
    await owner.query(`CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE`)
  }
}
