import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Scope, ServerDatabase } from './database'
import { TENANT_TABLES } from './migrations'
import { openDatabase, type DatabaseConfig } from './open-database'
import { inspectAppRole } from './role-check'
import { canRunPostgres, startPostgres, type TestPostgres } from '../testing/postgres'
import { createTeamDatabase } from '../testing/team-database'

const postgresUnavailable = canRunPostgres()
let server: TestPostgres | undefined

beforeAll(async () => {
  if (!postgresUnavailable) server = await startPostgres()
})
afterAll(async () => {
  await server?.stop()
})

interface Mode {
  name: string
  skip: string | null
  config(): Promise<DatabaseConfig>
}

const modes: Mode[] = [
  {
    name: 'PostgreSQL',
    skip: postgresUnavailable,
    config: () => createTeamDatabase(server as TestPostgres),
  },
  { name: 'embedded PGlite', skip: null, config: async () => ({ mode: 'embedded' }) },
]

async function seed(db: ServerDatabase) {
  // The server itself acts as an admin to set up the team.
  const admin: Scope = { technicianId: randomUUID(), role: 'admin' }
  const dana = randomUUID()
  const ed = randomUUID()
  const acme = randomUUID()
  const globex = randomUUID()
  await db.transaction(admin, async (sql) => {
    for (const [id, email] of [
      [dana, `dana-${dana}@msp.test`],
      [ed, `ed-${ed}@msp.test`],
    ]) {
      await sql.query(
        `INSERT INTO technicians (id, email, display_name, role, password_hash)
         VALUES ($1, $2, $2, 'technician', 'x')`,
        [id, email],
      )
    }
    await sql.query(`INSERT INTO clients (id, name) VALUES ($1, 'Acme'), ($2, 'Globex')`, [
      acme,
      globex,
    ])
    await sql.query(`INSERT INTO assignments VALUES ($1, $2), ($3, $4)`, [dana, acme, ed, globex])
  })
  return { dana, ed, acme, globex }
}

const clientNames = (db: ServerDatabase, scope: Scope | null) =>
  db.transaction(scope, async (sql) =>
    (await sql.query<{ name: string }>('SELECT name FROM clients ORDER BY name')).rows.map(
      (r) => r.name,
    ),
  )

describe.each(modes)('the team database on $name', (mode) => {
  const skip = mode.skip
  let db: ServerDatabase

  beforeAll(async () => {
    if (skip) return
    db = (await openDatabase(await mode.config())).database
  })
  afterAll(async () => {
    await db?.close()
  })

  it.skipIf(skip !== null)(
    'serves as a role that is no superuser, has no BYPASSRLS, owns nothing, with RLS forced on every tenant table',
    async () => {
      const report = await inspectAppRole(db)
      expect(report).toMatchObject({
        role: 'switchboard_app',
        superuser: false,
        bypassesRls: false,
        ownedRelations: [],
        unprotectedTables: [],
      })
      const flags = await db.transaction(null, async (sql) =>
        sql.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
          `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
           WHERE relname = ANY($1) ORDER BY relname`,
          [TENANT_TABLES],
        ),
      )
      expect(flags.rows).toEqual(
        [...TENANT_TABLES]
          .sort()
          .map((relname) => ({ relname, relrowsecurity: true, relforcerowsecurity: true })),
      )
    },
  )

  it.skipIf(skip !== null)(
    'shows a technician only the clients assigned to them, and unassigning holds from the next transaction',
    async () => {
      const { dana, ed, acme } = await seed(db)
      const danaScope: Scope = { technicianId: dana, role: 'technician' }
      expect(await clientNames(db, danaScope)).toEqual(['Acme'])
      expect(await clientNames(db, { technicianId: ed, role: 'technician' })).toEqual(['Globex'])
      expect(await clientNames(db, null)).toEqual([])
      expect(await clientNames(db, { technicianId: ed, role: 'lead' })).toEqual(['Acme', 'Globex'])
      await db.transaction({ technicianId: ed, role: 'admin' }, (sql) =>
        sql.query('DELETE FROM assignments WHERE technician_id = $1 AND client_id = $2', [
          dana,
          acme,
        ]),
      )
      expect(await clientNames(db, danaScope)).toEqual([])
    },
  )

  it.skipIf(skip !== null)(
    'refuses a technician writing a row for a client they are not assigned',
    async () => {
      const { dana } = await seed(db)
      await expect(
        db.transaction({ technicianId: dana, role: 'technician' }, (sql) =>
          sql.query(`INSERT INTO clients (id, name) VALUES ($1, 'Initech')`, [randomUUID()]),
        ),
      ).rejects.toThrow(/row-level security/)
    },
  )
})

describe.skipIf(postgresUnavailable !== null)('starting on PostgreSQL', () => {
  it('refuses to serve as the role that owns the schema', async () => {
    const config = await createTeamDatabase(server as TestPostgres)
    await expect(openDatabase({ ...config, url: config.ownerUrl })).rejects.toThrow(
      /Refusing to serve: role team_\w+_owner owns .*clients/,
    )
  })

  it('refuses to serve as a superuser', async () => {
    const config = await createTeamDatabase(server as TestPostgres)
    const database = config.url.replace(/.*\//, '')
    await expect(
      openDatabase({
        ...config,
        url: (server as TestPostgres).superuserUrl.replace(/\/\w+$/, `/${database}`),
      }),
    ).rejects.toThrow(/is a superuser/)
  })

  it('migrates once when several processes start together, and refuses a stale schema without an owner', async () => {
    const config = await createTeamDatabase(server as TestPostgres)
    await expect(openDatabase({ mode: 'postgres', url: config.url })).rejects.toThrow(
      /schema is at 0, this server needs 4: start it once with DATABASE_OWNER_URL/,
    )
    const opened = await Promise.all([
      openDatabase(config),
      openDatabase(config),
      openDatabase(config),
    ])
    const owner = new pg.Client({ connectionString: config.ownerUrl })
    await owner.connect()
    const { rows } = await owner.query('SELECT version FROM schema_migrations')
    await owner.end()
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }])
    await Promise.all(opened.map((o) => o.database.close()))
  })
})
