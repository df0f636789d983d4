/**
 * bench:sync — the team server at "large MSP" size (2,000 clients, 50k devices, 1M tickets,
 * 100 technicians) on a real PostgreSQL, with two real server processes. Each figure is printed
 * beside its goal and the floor measured the same way in the same run.
 *
 *   npm run bench:sync [-- --scale 0.1]   (a tenth of the data, for a quick look)
 *   BENCH_SYNC_TRACE=1 prints push / poke / pull times of each realtime round.
 *   BENCH_SYNC_CPU_PROF=<dir> writes a V8 CPU profile of each server process there (Node
 *   refuses --cpu-prof in NODE_OPTIONS; run the bench itself with `node --cpu-prof`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import pg from 'pg'
import type { LoginResponse, Tokens } from '../src/shared/sync/auth'
import type { PullResponse, PushResponse } from '../src/shared/sync/protocol'
import { hashPassword } from '../src/server/auth/passwords'
import { openDatabase } from '../src/server/db/open-database'
import { startPostgres } from '../src/server/testing/postgres'
import { openEventStream, type EventStream } from '../src/server/testing/sse'
import { createTeamDatabase } from '../src/server/testing/team-database'
import { TestOutbox } from '../src/server/testing/ticket-mutations'
import { createServices } from '../src/main/services'
import { blankDevice, type DeviceValues } from '../src/main/services/inventory/device-values'
import { DeviceWriter } from '../src/main/services/inventory/device-writes'
import { restoreSetAside, setAsideForBulkLoad } from '../src/main/services/store/bulk-load'
import { TicketSnapshot } from '../src/shared/domain/tickets'
import { benchPorts } from './host-ports'
import { median, percentile, printTable } from './stats'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } })
const scale = Number(values.scale)
const CLIENTS = Math.round(2000 * scale) || 1
const TICKETS_PER_CLIENT = 500
const DEVICES_PER_CLIENT = 25
const TECHNICIANS = 100
const PASSWORD = 'bench password 1234'
const SCOPE_ROWS = Math.round(200_000 * scale)
// The scope is counted in the rows the app syncs: tickets and devices.

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const log = (line: string): void => console.log(`bench:sync: ${line}`)

interface ServerProcess {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const profile = process.env.BENCH_SYNC_CPU_PROF
  const profiling = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []
  const args = [...profiling, '--import', 'tsx', 'src/server/index.ts', '--port', '0']
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, SWITCHBOARD_SERVER_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('{"event":"ready"')) return
      const { url } = JSON.parse(line) as { url: string }
      resolve({
        url,
        child,
        stop: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    })
  })
}

async function call<T>(url: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

async function signIn(url: string, email: string): Promise<Tokens> {
  const login = await call<LoginResponse>(url, '/v1/auth/login', {
    email,
    password: PASSWORD,
    installation: { id: randomUUID(), name: 'bench' },
  })
  if (login.next !== 'signed-in') throw new Error(`expected a direct sign-in, got ${login.next}`)
  return login.tokens
}

/** Server-side generation: every row a valid document, in one statement per table. */
async function seed(superuser: pg.Client): Promise<{ technicians: string[]; scopeEmail: string }> {
  const hash = await hashPassword(PASSWORD)
  await superuser.query(`
    INSERT INTO clients (id, name)
    SELECT gen_random_uuid(), 'Client ' || n FROM generate_series(1, ${CLIENTS}) n`)
  await superuser.query(
    `
    INSERT INTO technicians (id, email, display_name, role, password_hash)
    SELECT gen_random_uuid(), 'tech' || n || '@bench.test', 'Tech ' || n, 'technician', $1
    FROM generate_series(1, ${TECHNICIANS}) n`,
    [hash],
  )
  const scopeEmail = 'scope@bench.test'
  await superuser.query(
    `INSERT INTO technicians (id, email, display_name, role, password_hash)
     VALUES (gen_random_uuid(), $1, 'Scope Tech', 'technician', $2)`,
    [scopeEmail, hash],
  )
  // Each client has two technicians (i and i+1), so a write by one is seen by another.
  await superuser.query(`
    WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM clients),
         t AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM technicians WHERE email LIKE 'tech%')
    INSERT INTO assignments (technician_id, client_id)
    SELECT t.id, c.id FROM c JOIN t ON t.n = c.n % ${TECHNICIANS} OR t.n = (c.n + 1) % ${TECHNICIANS}`)
  const scopeClients = Math.max(
    1,
    Math.floor(SCOPE_ROWS / (TICKETS_PER_CLIENT + DEVICES_PER_CLIENT)),
  )
  await superuser.query(
    `INSERT INTO assignments (technician_id, client_id)
     SELECT (SELECT id FROM technicians WHERE email = $1), c.id FROM clients c ORDER BY c.id LIMIT $2`,
    [scopeEmail, scopeClients],
  )
  const started = Date.now()
  await superuser.query(`
    INSERT INTO entities (kind, id, client_id, version, doc)
    SELECT 'ticket', t.id, c.id, t.n, jsonb_build_object(
      'id', t.id, 'number', 'T-B' || lpad(to_hex(c.n::int), 4, '0') || '-' || t.n, 'clientId', c.id,
      'siteId', null, 'subject', 'Printer offline on floor ' || t.n, 'description', 'Users report the printer is offline.',
      'contact', jsonb_build_object('name', null, 'email', null, 'phone', null),
      'type', 'incident', 'board', 'Service Desk', 'status', 'in-progress', 'impact', 'medium', 'urgency', 'medium',
      'priority', 'P3', 'priorityManual', false, 'assignee', null, 'dueAt', null, 'createdBy', 'seed',
      'createdAt', 1780000000000, 'updatedAt', 1780000000000, 'firstResponseAt', null, 'resolutionPlanAt', null,
      'resolvedAt', null, 'versions', '{}'::jsonb, 'devices', '[]'::jsonb,
      'events', jsonb_build_array(jsonb_build_object('at', 1780000000000, 'actor', 'seed', 'kind', 'created', 'field', null, 'from', null, 'to', 'new')),
      'notes', jsonb_build_array(jsonb_build_object('id', t.id || '-n1', 'visibility', 'internal', 'isPlan', false, 'author', 'seed', 'body', 'Checked the spooler; restarted it.', 'createdAt', 1780000000000)),
      'timeEntries', '[]'::jsonb, 'timers', '[]'::jsonb)
    FROM (
      SELECT gen_random_uuid()::text AS tid, c.id AS cid, c.n AS cn, g AS tn
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM clients) c
      CROSS JOIN generate_series(1, ${TICKETS_PER_CLIENT}) g
    ) x (tid, cid, cn, tn),
    LATERAL (SELECT x.tid AS id, x.tn AS n) t,
    LATERAL (SELECT x.cid AS id, x.cn AS n) c`)
  await superuser.query(`
    INSERT INTO entities (kind, id, client_id, version, doc)
    SELECT 'device', gen_random_uuid()::text, c.id, ${TICKETS_PER_CLIENT} + g,
      jsonb_build_object('fields', jsonb_build_object('hostname', 'ws-' || c.n || '-' || g,
        'osFamily', 'windows', 'serial', md5(c.n || '-' || g)), 'versions', '{}'::jsonb, 'writers', '{}'::jsonb)
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM clients) c, generate_series(1, ${DEVICES_PER_CLIENT}) g`)
  await superuser.query(`
    INSERT INTO tenant_versions (client_id, version)
    SELECT id, ${TICKETS_PER_CLIENT + DEVICES_PER_CLIENT} FROM clients`)
  await superuser.query('ANALYZE')
  log(
    `seeded ${CLIENTS} clients, ${CLIENTS * TICKETS_PER_CLIENT} tickets, ${CLIENTS * DEVICES_PER_CLIENT} devices in ${seconds(Date.now() - started)}`,
  )
  const techs = await superuser.query<{ email: string }>(
    "SELECT email FROM technicians WHERE email LIKE 'tech%' ORDER BY email",
  )
  return { technicians: techs.rows.map((r) => r.email), scopeEmail }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-sync-'))
  const postgres = await startPostgres()
  const servers: ServerProcess[] = []
  const streams: EventStream[] = []
  try {
    const config = await createTeamDatabase(postgres)
    const opened = await openDatabase(config)
    await opened.database.close()
    const dbName = config.url.replace(/.*\//, '')
    const superuserUrl = postgres.superuserUrl.replace(/\/\w+$/, `/${dbName}`)
    const superuser = new pg.Client({ connectionString: superuserUrl })
    await superuser.connect()
    const { technicians, scopeEmail } = await seed(superuser)
    servers.push(await startServerProcess(config.url), await startServerProcess(config.url))
    const [a, b] = servers as [ServerProcess, ServerProcess]
    const rows: string[][] = [['figure', 'measured', 'goal', 'floor (same run)']]

    // 1. Initial sync of the scope by the app itself: a fresh installation signs in and its
    // sync engine pulls every page into its SQLite store (tickets through rebase and the
    // snapshot writer, FTS included), each page one transaction.
    const appDir = join(work, 'app')
    const app = createServices(benchPorts(appDir))
    let tickets = 0
    let devices = 0
    let syncMs = 0
    try {
      await app.vault.setup({ protection: 'passphrase', passphrase: 'bench passphrase 1234' })
      const synced = new Promise<void>((resolve, reject) => {
        const stop = app.syncStatus.onDidChange((status) => {
          if (status.state === 'synced') {
            stop()
            resolve()
          } else if (status.state === 'error' || status.state === 'signed-out') {
            stop()
            reject(new Error(`initial sync: ${status.state} ${status.message ?? ''}`))
          }
        })
      })
      const syncStart = performance.now()
      const step = await app.sync.signIn({ url: a.url, email: scopeEmail, password: PASSWORD })
      if (step.step !== 'signed-in') throw new Error(`expected signed-in, got ${step.step}`)
      await synced
      syncMs = performance.now() - syncStart
      tickets = app.store.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number
      devices = app.store.db.prepare('SELECT count(*) FROM devices').pluck().get() as number
    } finally {
      app.dispose()
    }
    // Floor: the same rows straight out of PostgreSQL (COPY ... TO) written into a fresh store
    // in one transaction by the same writers (tickets through the snapshot writer's batch path,
    // as a pulled page is; devices through the device writer, under a placeholder client as
    // sync makes): the app's work without sync.
    const scopeIds = (
      await superuser.query<{ client_id: string }>(
        `SELECT client_id FROM assignments a JOIN technicians t ON t.id = a.technician_id WHERE t.email = $1`,
        [scopeEmail],
      )
    ).rows.map((r) => `'${r.client_id}'`)
    const floorApp = createServices(benchPorts(join(work, 'floor')))
    // The same page cache the app's engine takes for a first sync: the floor is the writes at
    // their best, not the writes starved of cache.
    floorApp.store.db.pragma('cache_size = -262144')
    let floorMs = 0
    let floorRows = 0
    try {
      const floorStart = performance.now()
      const copy = (kind: string, doc: string): unknown[] =>
        execFileSync(
          'psql',
          [
            superuserUrl,
            '-Atq',
            '-c',
            `COPY (SELECT ${doc} FROM entities WHERE kind = '${kind}' AND client_id IN (${scopeIds.join(',')})) TO STDOUT`,
          ],
          { maxBuffer: 2 * 1024 * 1024 * 1024 },
        )
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line.replace(/\\\\/g, '\\')) as unknown)
      const ticketDocs = copy('ticket', 'doc')
      const deviceDocs = copy(
        'device',
        `doc || jsonb_build_object('id', id, 'clientId', client_id)`,
      )
      const now = Date.now()
      // The same bulk load a first sync makes: indexes and search triggers aside, then back.
      setAsideForBulkLoad(floorApp.store.db)
      floorApp.store.transaction((db) => {
        floorApp.tickets.snapshots.writeBatch(
          ticketDocs.map((doc) => TicketSnapshot.parse(doc)),
          now,
        )
        const writer = new DeviceWriter(db)
        const client = db.prepare(
          'INSERT OR IGNORE INTO clients (id, name, short_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        )
        for (const raw of deviceDocs) {
          const doc = raw as { id: string; clientId: string; fields: { hostname: string } }
          client.run(doc.clientId, doc.clientId, doc.clientId.slice(0, 8), now, now)
          const values = { ...blankDevice(doc.clientId, doc.fields.hostname), ...doc.fields }
          writer.insertUnchecked(values as DeviceValues, now, doc.id)
        }
      })
      restoreSetAside(floorApp.store.db)
      floorMs = performance.now() - floorStart
      floorRows = ticketDocs.length + deviceDocs.length
    } finally {
      floorApp.dispose()
    }
    rows.push([
      `initial sync by the app, ${tickets.toLocaleString('en')} tickets + ${devices.toLocaleString('en')} devices into its store`,
      `${seconds(syncMs)} (${Math.round((tickets + devices) / (syncMs / 1000)).toLocaleString('en')} rows/s)`,
      '≤ 10 s (≥ 20k rows/s)',
      `${seconds(floorMs)} (COPY TO + the same writes, ${floorRows.toLocaleString('en')} rows)`,
    ])

    // 2. Push of 1,000 queued mutations (notes and status moves on one ticket), in batches of 500.
    const pusher = await signIn(a.url, technicians[0] as string)
    const outbox = new TestOutbox('Tech 1')
    const pushClient = (
      await superuser.query<{ client_id: string }>(
        `SELECT a.client_id FROM assignments a JOIN technicians t ON t.id = a.technician_id WHERE t.email = $1 LIMIT 1`,
        [technicians[0]],
      )
    ).rows[0]?.client_id as string
    const ticketId = randomUUID()
    await call<PushResponse>(
      a.url,
      '/v1/sync/push',
      { mutations: [outbox.create(pushClient, 'Bench', ticketId)] },
      pusher.accessToken,
    )
    // A technician's day offline: 100 new tickets, each with notes and a status move, then
    // notes on the ticket made above (1,000 mutations in all).
    const queued: ReturnType<TestOutbox['addNote']>[] = []
    for (let t = 0; t < 100; t++) {
      const id = randomUUID()
      queued.push(outbox.create(pushClient, `Offline ${t}`, id))
      for (let n = 0; n < 7; n++) queued.push(outbox.addNote(id, `Note ${n}`))
      queued.push(outbox.setStatus(id, 'in-progress', { status: 0 }))
    }
    while (queued.length < 1000) queued.push(outbox.addNote(ticketId, `Note ${queued.length}`))
    const pushStart = performance.now()
    for (let i = 0; i < queued.length; i += 500) {
      const result = await call<PushResponse>(
        a.url,
        '/v1/sync/push',
        { mutations: queued.slice(i, i + 500) },
        pusher.accessToken,
      )
      if (result.stopped) throw new Error(`push stopped: ${result.stopped.reason}`)
    }
    const pushMs = performance.now() - pushStart
    // Floor: 1,000 single-row updates of that ticket, each in its own transaction, as superuser.
    const updateStart = performance.now()
    for (let i = 0; i < 1000; i++) {
      await superuser.query('BEGIN')
      await superuser.query(
        `UPDATE entities SET version = version + 1 WHERE kind = 'ticket' AND id = $1`,
        [ticketId],
      )
      await superuser.query('COMMIT')
    }
    const updateMs = performance.now() - updateStart
    rows.push([
      'push of 1,000 queued mutations',
      seconds(pushMs),
      '≤ 2 s',
      `${seconds(updateMs)} (1,000 one-row transactions)`,
    ])

    // 3. A write visible on another installation: 100 installations on SSE, half per process.
    const installations: Array<{
      email: string
      tokens: Tokens
      server: ServerProcess
      outbox: TestOutbox
    }> = []
    for (const [i, email] of technicians.entries()) {
      const server = i % 2 === 0 ? a : b
      installations.push({
        email,
        tokens: await signIn(server.url, email),
        server,
        outbox: new TestOutbox(email),
      })
    }
    for (const inst of installations) {
      streams.push(
        await openEventStream(`${inst.server.url}/v1/sync/events`, inst.tokens.accessToken),
      )
    }
    const latencies: number[] = []
    const rounds = 200
    for (let r = 0; r < rounds; r++) {
      // Technicians i and i+1 share client i; the writer is on one process, the reader on the other.
      const i = (r * 2) % TECHNICIANS
      const writer = installations[i + 1] as (typeof installations)[number]
      const readerIndex = i
      const reader = installations[readerIndex] as (typeof installations)[number]
      const shared = (
        await superuser.query<{ client_id: string }>(
          `SELECT a1.client_id FROM assignments a1 JOIN assignments a2 USING (client_id)
           JOIN technicians t1 ON t1.id = a1.technician_id JOIN technicians t2 ON t2.id = a2.technician_id
           WHERE t1.email = $1 AND t2.email = $2 LIMIT 1`,
          [writer.email, reader.email],
        )
      ).rows[0]?.client_id as string
      const readerStream = streams[readerIndex] as EventStream
      // The reader's cursor stands at the client's current version, as after its last pull.
      const at = await superuser.query<{ client_id: string; version: string }>(
        `SELECT v.client_id, v.version FROM tenant_versions v
         JOIN assignments a ON a.client_id = v.client_id
         JOIN technicians t ON t.id = a.technician_id WHERE t.email = $1`,
        [reader.email],
      )
      const readerCursor = Buffer.from(
        JSON.stringify({
          v: 1,
          t: Object.fromEntries(at.rows.map((r) => [r.client_id, Number(r.version)])),
        }),
      ).toString('base64url')
      const mutation = writer.outbox.create(shared, `Live ${r}`)
      const poked = readerStream.next('poke')
      const start = performance.now()
      await call<PushResponse>(
        writer.server.url,
        '/v1/sync/push',
        { mutations: [mutation] },
        writer.tokens.accessToken,
      )
      const pushedAt = performance.now()
      await poked
      const pokedAt = performance.now()
      const seen = await call<PullResponse>(
        reader.server.url,
        '/v1/sync/pull',
        { cursor: readerCursor, limit: 100 },
        reader.tokens.accessToken,
      )
      if (process.env.BENCH_SYNC_TRACE) {
        const parts = [pushedAt - start, pokedAt - pushedAt, performance.now() - pokedAt]
        console.log(`trace push/poke/pull ms: ${parts.map((p) => p.toFixed(1)).join(' / ')}`)
      }
      if (!seen.changes.some((c) => c.id === mutation.payload.id))
        throw new Error('the reader did not see the write')
      latencies.push(performance.now() - start)
    }
    // Floor: pg_notify from one connection to a listener on another, the same number of times.
    const listener = new pg.Client({ connectionString: superuserUrl })
    await listener.connect()
    await listener.query('LISTEN bench_floor')
    const floor: number[] = []
    for (let r = 0; r < rounds; r++) {
      const heard = new Promise<void>((resolve) => listener.once('notification', () => resolve()))
      const start = performance.now()
      await superuser.query(`SELECT pg_notify('bench_floor', 'x')`)
      await heard
      floor.push(performance.now() - start)
    }
    await listener.end()
    rows.push([
      `write visible on another installation (${installations.length} connected, 2 processes)`,
      `p50 ${median(latencies).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      'p99 ≤ 50 ms',
      `p50 ${median(floor).toFixed(2)} ms, p99 ${percentile(floor, 99).toFixed(2)} ms (pg_notify to a listener)`,
    ])

    // 4. Peak memory of each server process with the installations connected.
    const peaks = servers.map((s) => {
      const status = readFileSync(`/proc/${s.child.pid}/status`, 'utf8')
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
    })
    rows.push([
      'peak RSS per server process (50 installations each)',
      peaks.map((p) => `${p.toFixed(0)} MB`).join(', '),
      '(reported)',
      '',
    ])
    await superuser.end()
    console.log('')
    printTable(rows)
  } finally {
    for (const s of streams) s.close()
    for (const s of servers) await s.stop()
    await postgres.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
