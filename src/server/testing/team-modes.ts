import { afterAll, beforeAll } from 'vitest'
import { openDatabase, type DatabaseConfig } from '../db/open-database'
import type { ServerDatabase } from '../db/database'
import { canRunPostgres, startPostgres, type TestPostgres } from './postgres'
import { createTeamDatabase } from './team-database'

/** The two databases the team server runs on; protocol and authorization tests run on both. */
export interface TeamDatabaseMode {
  name: string
  /** Why this mode cannot run here (the test skips), or null. */
  skip: string | null
  config(): Promise<DatabaseConfig>
}

/**
 * Registers a PostgreSQL server for the file (started once, stopped after it) and returns the
 * modes to run each test on: a fresh database on it, and a fresh embedded PGlite.
 */
export function teamDatabaseModes(): TeamDatabaseMode[] {
  const unavailable = canRunPostgres()
  let server: TestPostgres | undefined
  beforeAll(async () => {
    if (!unavailable) server = await startPostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })
  return [
    {
      name: 'PostgreSQL',
      skip: unavailable,
      config: () => {
        if (!server) throw new Error('the test PostgreSQL is not running')
        return createTeamDatabase(server)
      },
    },
    { name: 'embedded PGlite', skip: null, config: async () => ({ mode: 'embedded' }) },
  ]
}

/** Opens a fresh team database of a mode; closes it after the file. */
export async function openTeamDatabase(
  mode: TeamDatabaseMode,
  opened: ServerDatabase[],
): Promise<ServerDatabase> {
  const { database } = await openDatabase(await mode.config())
  opened.push(database)
  return database
}
