import { createHash } from 'node:crypto'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import pg from 'pg'

/** One statement runner: a pg client inside a transaction, or PGlite's transaction. */
export interface Sql {
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>
}

/** The schema owner's connection: it may also run a script of several statements. */
export interface OwnerSql extends Sql {
  exec(script: string): Promise<unknown>
}

/**
 * Whose request a transaction serves. The server sets it per transaction (SET LOCAL), and the
 * row-level security policies read it, so a query that forgets its WHERE still leaks nothing.
 */
export interface Scope {
  technicianId: string
  role: 'technician' | 'lead' | 'admin'
}

export interface ServerDatabase {
  readonly mode: 'postgres' | 'embedded'
  /**
   * Runs `work` in one transaction as the app role. `scope` null is the server acting for
   * itself before anyone is known (sign-in): the policies then show no tenant rows.
   */
  transaction<T>(scope: Scope | null, work: (sql: Sql) => Promise<T>): Promise<T>
  /** Calls `listener` with each payload sent to `channel`; resolves to its unlisten. */
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/** The role every request runs as: no superuser, no BYPASSRLS, owns nothing. */
export const APP_ROLE = 'switchboard_app'

/**
 * The statement that sets a transaction's scope, with its values as escaped literals so it
 * can ride in one script with BEGIN (a script takes no parameters). The values are the
 * server's own ids and role names.
 */
function scopeStatement(scope: Scope | null): string {
  return `SELECT set_config('switchboard.technician_id', ${pg.escapeLiteral(
    scope?.technicianId ?? '',
  )}, true), set_config('switchboard.role', ${pg.escapeLiteral(scope?.role ?? '')}, true)`
}

/** Distinct statement texts prepared per process at most; later ones run unprepared. */
const MAX_PREPARED = 500

/**
 * Names parameterized statements so each connection parses and plans them once, not on every
 * call: with row-level security every statement is rewritten with its tables' policies and
 * planned again, which cost more than running it (a push's statements took 0.15-0.25 ms of
 * planning each). Statements with a `*` stay unprepared: a column another server process's
 * migration adds would make a prepared `SELECT *` fail ("cached plan must not change result
 * type").
 */
function preparedStatements(): (text: string) => string | undefined {
  const names = new Map<string, string>()
  return (text) => {
    let name = names.get(text)
    if (name === undefined && names.size < MAX_PREPARED && !text.includes('*')) {
      name = `sb_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`
      names.set(text, name)
    }
    return name
  }
}

/**
 * PostgreSQL through a pool that connects as the app role itself (DATABASE_URL), so any
 * number of server processes can share one database.
 */
export function postgresDatabase(url: string, options: { max?: number } = {}): ServerDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 })
  const statementName = preparedStatements()
  // An idle client losing its connection must not take the process down; the pool replaces it.
  pool.on('error', () => {})
  const listeners = new Map<string, Set<(payload: string) => void>>()
  let listenClient: pg.PoolClient | null = null

  return {
    mode: 'postgres',
    async transaction(scope, work) {
      const client = await pool.connect()
      try {
        // BEGIN and the scope in one round trip.
        await client.query(`BEGIN; ${scopeStatement(scope)}`)
        const result = await work({
          query: async <R extends object>(text: string, params?: unknown[]) => {
            const name = params && params.length > 0 ? statementName(text) : undefined
            return name === undefined
              ? client.query<R>(text, params)
              : client.query<R>({ name, text, values: params })
          },
        })
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    async listen(channel, listener) {
      if (!listenClient) {
        listenClient = await pool.connect()
        listenClient.on('notification', (message) => {
          for (const l of listeners.get(message.channel) ?? []) l(message.payload ?? '')
        })
      }
      let set = listeners.get(channel)
      if (!set) {
        set = new Set()
        listeners.set(channel, set)
        await listenClient.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      }
      set.add(listener)
      return async () => {
        set.delete(listener)
      }
    },
    async close() {
      listenClient?.release()
      listenClient = null
      await pool.end()
    },
  }
}

/**
 * PostgreSQL compiled to WebAssembly, in this process, on a data directory: a trial or a small
 * team on one server process. PGlite starts as a superuser, so every transaction switches to
 * the app role first (SET LOCAL ROLE); the row-level security policies then hold as on a
 * PostgreSQL server. Only this process can reach the database.
 */
export async function embeddedDatabase(dataDir: string | undefined): Promise<{
  database: ServerDatabase
  /** The superuser connection, for migrations only. */
  owner: OwnerSql
}> {
  const db = await PGlite.create(dataDir)
  const database: ServerDatabase = {
    mode: 'embedded',
    transaction(scope, work) {
      return db.transaction(async (tx: Transaction) => {
        await tx.query(`SET LOCAL ROLE ${APP_ROLE}`)
        await tx.query(scopeStatement(scope))
        return work(tx)
      })
    },
    async listen(channel, listener) {
      const unlisten = await db.listen(channel, listener)
      return unlisten
    },
    close: () => db.close(),
  }
  return {
    database,
    owner: { query: (text, params) => db.query(text, params), exec: (script) => db.exec(script) },
  }
}
