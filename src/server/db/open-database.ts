import pg from 'pg'
import { embeddedDatabase, postgresDatabase, type OwnerSql, type ServerDatabase } from './database'
import { ensureAppRole, migrate } from './migrate'
import { migrations } from './migrations'
import { assertSafeRole, inspectAppRole } from './role-check'

export type DatabaseConfig =
  | {
      mode: 'postgres'
      /** The app role's connection (switchboard_app): what every request runs as. */
      url: string
      /** The schema owner's connection, for migrations at start; omitted, the schema must be current. */
      ownerUrl?: string
      poolSize?: number
    }
  | { mode: 'embedded'; dataDir?: string }

export interface OpenedDatabase {
  database: ServerDatabase
  schemaVersion: number
}

async function withOwner<T>(url: string, work: (sql: OwnerSql) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work({
      query: (text, params) => client.query(text, params),
      // Without parameters pg uses the simple protocol, which runs a script of statements.
      exec: (script) => client.query(script),
    })
  } finally {
    await client.end()
  }
}

/**
 * Opens the team database, migrates it and checks that the role requests run as can neither
 * skip nor switch off row-level security; refuses to start otherwise.
 */
export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  let database: ServerDatabase
  let schemaVersion: number
  if (config.mode === 'embedded') {
    const embedded = await embeddedDatabase(config.dataDir)
    database = embedded.database
    try {
      await ensureAppRole(embedded.owner)
      schemaVersion = (await migrate(embedded.owner)).to
    } catch (error) {
      await database.close()
      throw error
    }
  } else {
    schemaVersion = config.ownerUrl
      ? (await withOwner(config.ownerUrl, (owner) => migrate(owner))).to
      : -1
    database = postgresDatabase(config.url, { max: config.poolSize ?? 10 })
  }
  try {
    if (schemaVersion === -1) schemaVersion = await currentSchema(database)
    assertSafeRole(await inspectAppRole(database))
  } catch (error) {
    await database.close()
    throw error
  }
  return { database, schemaVersion }
}

async function currentSchema(database: ServerDatabase): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0
  const version = await database
    .transaction(null, async (sql) => {
      const { rows } = await sql.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      )
      return rows[0]?.version ?? 0
    })
    .catch(() => 0)
  if (version !== latest) {
    throw new Error(
      `The database schema is at ${version}, this server needs ${latest}: start it once with DATABASE_OWNER_URL so it can migrate`,
    )
  }
  return version
}
