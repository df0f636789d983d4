/**
 * Inventory figures in the main process, on 100k devices in 500 clients from the sample
 * generator, each beside a reference measured the same way on the same store:
 *  - search p95 (FTS5 words + trigrams) beside the same text as a plain LIKE '%text%' scan,
 *    and beside its floor: the FTS5 query the app makes of the text, run by hand on another
 *    connection to the same file (count the hits, read the first 100), without the app's
 *    sort, ranking and rows (goal: the app's p95 at most 1.5× the floor's); and beside the
 *    same page by hand: the count, then the first 100 rows with the table's columns in the
 *    view's order, one statement each as SQLite plans them (no ranking, no match hints);
 *  - filter p95 (indexed filters and sorts) beside the same filters forced to a table scan;
 *  - CSV import of 100k rows (parse, check, one transaction, search index) in rows/s, beside
 *    the same rows going into the store alone (bench/inventory-csv.ts);
 *  - in Chromium, the built app's device table: the keystroke that completes a search to the
 *    frame that draws its rows (bench/inventory-ui.ts), beside the same queries in main alone
 *    and as LIKE scans (the app has no LIKE mode to run end to end). BENCH_UI=0 skips it.
 * Run with `npm run bench:inventory` (it builds first, for the Chromium part).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DeviceFilter, DeviceSortColumn } from '../src/shared/contract'
import { createServices } from '../src/main/services'
import {
  DEVICE_ROW_SELECT,
  DeviceSearchQueries,
  planDeviceQuery,
} from '../src/main/services/inventory/device-search'
import { Random } from '../src/shared/base/seeded-random'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import {
  SAMPLE_META_KEY,
  writeSampleWorkspace,
} from '../src/main/services/inventory/sample/sample-writer'
import { benchPorts } from './host-ports'
import { CSV_IMPORT_MAX_ROWS } from '../src/shared/contract'
import { csvImportRows, measureCsvImport } from './inventory-csv'
import { keystrokeCases, measureSearchKeystrokes, VISIBLE_ROWS } from './inventory-ui'
import { ms, percentile, printTable } from './stats'

const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500)
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? CSV_IMPORT_MAX_ROWS)
const CSV_ROUNDS = Number(process.env.BENCH_CSV_ROUNDS ?? 3)
const ROUNDS = 5
const UI_QUERIES = 100
const UI_ROUNDS = 2
const local = { user: 'bench', platform: 'linux', timeZone: 'UTC' }

/** Each call's duration, every call repeated ROUNDS times after one warm-up pass. */
function timeEach<T>(items: readonly T[], run: (item: T) => unknown): number[] {
  for (const item of items) run(item)
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const item of items) {
      const started = performance.now()
      run(item)
      times.push(performance.now() - started)
    }
  }
  return times
}

const p95 = (values: number[]): number => percentile(values, 95)

/** A count and a page statement for one query shape. */
interface Counted {
  count: Database.Statement
  page: Database.Statement
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-inventory-'))
  const services = createServices(benchPorts(join(root, 'data')))
  try {
    // ---- the store: 100k devices in 500 clients ----
    let started = performance.now()
    const workspace = generateSampleWorkspace({
      seed: 7,
      clients: CLIENTS,
      devices: DEVICES,
      now: Date.now(),
      local,
    })
    const generateMs = performance.now() - started
    started = performance.now()
    writeSampleWorkspace(services.store, workspace, { replace: false })
    const writeMs = performance.now() - started
    const db = services.store.db
    // The store stands for a technician's inventory, not the sample workspace: without the
    // sample's marker its clock (sample-clock.ts) does not move 100k devices' times forward
    // every 30 s inside whichever timed search comes next.
    db.prepare('DELETE FROM inventory_meta WHERE key = ?').run(SAMPLE_META_KEY)
    const inventory = services.inventory

    // ---- search: what technicians type, drawn from the data ----
    const random = new Random(42)
    const devices = workspace.devices.map((d) => d.values)
    const pick = () => random.pick(devices)
    const typed: Array<[string, string]> = []
    for (let i = 0; i < 20; i++) {
      const serial = pick().serial ?? 'X'
      typed.push(['serial fragment', serial.slice(1, 5)])
      const ip = pick().localIps[0] ?? '10.1.1.1'
      typed.push(['IP fragment', ip.split('.').slice(0, 3).join('.')])
      typed.push(['hostname fragment', pick().hostname.split('-').slice(-2).join('-')])
      const client = random.pick(workspace.clients)
      typed.push(['client name', client.name.split(' ')[0] ?? client.name])
      typed.push(['user name', random.pick(devices.filter((d) => d.lastUser)).lastUser ?? 'x'])
    }
    const broad: Array<[string, string]> = [
      ['broad word', 'windows'],
      ['broad word', 'ubuntu 22'],
      ['1 character', 'w'],
      ['2 characters', 'db'],
    ]
    const search = (query: string) =>
      inventory.searchDevices({
        query,
        sort: { column: 'hostname', direction: 'asc' },
        limit: 100,
        offset: 0,
      })
    const likeColumns = [
      'd.hostname',
      'd.fqdn',
      'd.local_ips_text',
      'd.public_ip',
      'd.macs_text',
      'd.serial',
      'd.asset_tag',
      'd.logged_in_user',
      'd.last_user',
      'd.tags_text',
      'd.os_name',
      'd.manufacturer',
      'd.model',
      'c.name',
      'c.short_code',
    ]
    const likeWhere = (terms: number) =>
      Array.from(
        { length: terms },
        (_, i) => `(${likeColumns.map((c) => `${c} LIKE @q${i} ESCAPE '\\'`).join(' OR ')})`,
      ).join(' AND ')
    const likeStatements = new Map<number, Counted>()
    const likeSearch = (query: string) => {
      const words = query.split(/\s+/).filter(Boolean)
      let statements = likeStatements.get(words.length)
      if (!statements) {
        const from = 'FROM devices d JOIN clients c ON c.id = d.client_id'
        statements = {
          count: db.prepare(`SELECT count(*) ${from} WHERE ${likeWhere(words.length)}`),
          page: db.prepare(
            `SELECT d.id, d.hostname, c.name ${from} WHERE ${likeWhere(words.length)}
             ORDER BY d.hostname COLLATE NOCASE LIMIT 100`,
          ),
        }
        likeStatements.set(words.length, statements)
      }
      const params = Object.fromEntries(
        words.map((w, i) => [`q${i}`, `%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`]),
      )
      statements.count.get(params)
      statements.page.all(params)
    }
    // The floor: the FTS5 MATCH the app makes of the text, run by hand on a connection of its
    // own: count the hits, read the first 100. No sort, ranking or rows: what FTS5 costs.
    const floorDb = new Database(db.name, { readonly: true })
    const floorTerms = new DeviceSearchQueries(floorDb)
    const floorStatements = new Map<string, Counted>()
    const floorSearch = (query: string) => {
      const plan = planDeviceQuery({ query }, Date.now(), floorTerms.cheaper(query))
      if (plan.hits === null) return
      let statements = floorStatements.get(plan.hits)
      if (!statements) {
        statements = {
          count: floorDb.prepare(`SELECT count(*) FROM (${plan.hits})`),
          page: floorDb.prepare(`SELECT rowid FROM (${plan.hits}) LIMIT 100`),
        }
        floorStatements.set(plan.hits, statements)
      }
      statements.count.get(plan.params)
      statements.page.all(plan.params)
    }
    // The same page by hand: the hits' count, then the page's rows in the view's order.
    const pageStatements = new Map<string, Counted>()
    const floorPage = (query: string) => {
      const plan = planDeviceQuery({ query }, Date.now(), floorTerms.cheaper(query))
      if (plan.hits === null) return
      let statements = pageStatements.get(plan.hits)
      if (!statements) {
        statements = {
          count: floorDb.prepare(`SELECT count(*) FROM (${plan.hits})`),
          page: floorDb.prepare(
            `SELECT ${DEVICE_ROW_SELECT} FROM devices d
             JOIN clients c ON c.id = d.client_id LEFT JOIN sites s ON s.id = d.site_id
             WHERE d.seq IN (${plan.hits}) ORDER BY d.hostname COLLATE NOCASE, d.seq LIMIT 100`,
          ),
        }
        pageStatements.set(plan.hits, statements)
      }
      statements.count.get(plan.params)
      statements.page.all(plan.params)
    }
    const typedFts = timeEach(typed, ([, q]) => search(q))
    const typedFloor = timeEach(typed, ([, q]) => floorSearch(q))
    const broadFloor = timeEach(broad, ([, q]) => floorSearch(q))
    const typedPage = timeEach(typed, ([, q]) => floorPage(q))
    const broadPage = timeEach(broad, ([, q]) => floorPage(q))
    const typedLike = timeEach(typed, ([, q]) => likeSearch(q))
    const broadFts = timeEach(broad, ([, q]) => search(q))
    const broadLike = timeEach(broad, ([, q]) => likeSearch(q))
    const byCategory = new Map<string, number[]>()
    typed.forEach(([category, q]) => {
      const list = byCategory.get(category) ?? []
      const times = timeEach([q], (x) => search(x))
      byCategory.set(category, [...list, ...times])
    })

    floorDb.close()

    // ---- filters: the client list's and device table's common views ----
    const someClient = () => random.pick(workspace.clients).id
    const someSite = () => random.pick(workspace.sites).id
    const sorted = (column: DeviceSortColumn, direction: 'asc' | 'desc' = 'asc') => ({
      column,
      direction,
    })
    const filters: Array<Omit<DeviceFilter, 'sort'> & { sort?: DeviceFilter['sort'] }> = []
    for (let i = 0; i < 5; i++) {
      filters.push(
        { clientId: someClient() },
        { siteId: someSite() },
        { clientId: someClient(), patchesPending: true },
        { status: 'offline' },
        { status: 'stale' },
        { status: 'online', sort: sorted('lastSeen', 'desc') },
        { patchesPending: true },
        { avUnhealthy: true },
        { backupFailing: true },
        { warrantyExpiringWithinDays: 90, sort: sorted('warrantyEnd') },
        { role: 'server', osFamily: 'linux' },
        { osFamily: 'macos', status: 'online' },
        { sort: sorted('ip') },
        { sort: sorted('serial', 'desc') },
        { sort: sorted('client') },
      )
    }
    const filterSearch = (f: (typeof filters)[number]) =>
      inventory.searchDevices({
        sort: sorted('hostname'),
        limit: 100,
        offset: 0,
        ...f,
      })
    // Reference: the same conditions and sort, with every index refused (a plain scan).
    const scanStatements = new Map<string, Counted>()
    const scanSearch = (f: (typeof filters)[number]) => {
      const plan = planDeviceQuery(f, Date.now())
      const where = plan.where.length ? ` WHERE ${plan.where.join(' AND ')}` : ''
      const order =
        f.sort?.column === 'client'
          ? 'c.name COLLATE NOCASE'
          : f.sort?.column === 'ip'
            ? 'd.ip_sort'
            : f.sort?.column === 'serial'
              ? 'd.serial COLLATE NOCASE'
              : f.sort?.column === 'lastSeen'
                ? 'd.last_seen_at'
                : f.sort?.column === 'warrantyEnd'
                  ? 'd.warranty_end_at'
                  : 'd.hostname COLLATE NOCASE'
      const key = `${where}|${order}|${f.sort?.direction ?? 'asc'}`
      let statements = scanStatements.get(key)
      if (!statements) {
        const from = 'FROM devices d NOT INDEXED JOIN clients c ON c.id = d.client_id'
        statements = {
          count: db.prepare(`SELECT count(*) ${from}${where}`),
          page: db.prepare(
            `SELECT d.id ${from}${where} ORDER BY ${order} ${f.sort?.direction ?? 'asc'} LIMIT 100`,
          ),
        }
        scanStatements.set(key, statements)
      }
      statements.count.get(plan.params)
      statements.page.all(plan.params)
    }
    const filterTimes = timeEach(filters, filterSearch)
    const scanTimes = timeEach(filters, scanSearch)
    const rollupTimes = timeEach([0], () => inventory.listClients())

    // ---- Chromium: keystroke to rendered rows in the device table, on this same store ----
    const firstRows = (query: string) =>
      search(query)
        .rows.slice(0, VISIBLE_ROWS)
        .map((row) => row.hostname)
    const uiCases =
      process.env.BENCH_UI === '0'
        ? []
        : keystrokeCases(
            typed.slice(0, UI_QUERIES).map(([, q]) => q),
            firstRows,
          )
    const uiTimes =
      uiCases.length > 0
        ? await measureSearchKeystrokes(join(root, 'data'), uiCases, UI_ROUNDS)
        : []
    // The table asks for pages of 200 rows; the same call in main is the floor the UI adds to.
    const uiMainTimes = timeEach(uiCases, (c) =>
      inventory.searchDevices({
        query: c.query,
        sort: { column: 'hostname', direction: 'asc' },
        limit: 200,
        offset: 0,
      }),
    )
    const uiLikeTimes = timeEach(uiCases, (c) => likeSearch(c.query))

    // ---- CSV import: the most rows one import takes, into a store with the same 500 clients ----
    const csvFigures = await measureCsvImport({
      dir: root,
      workspace,
      rows: IMPORT_ROWS,
      rounds: CSV_ROUNDS,
    })

    const ratio = (ours: number, reference: number) => `${(reference / ours).toFixed(0)}× faster`
    const floorRatio = (ours: number, floor: number) => `${(ours / floor).toFixed(2)}× the floor`
    console.log(
      `\nSwitchboard inventory, main process: ${DEVICES.toLocaleString('en')} devices in ${CLIENTS} clients` +
        ` (generated in ${(generateMs / 1000).toFixed(1)} s, stored in ${(writeMs / 1000).toFixed(1)} s)` +
        // Other work on the machine slows every figure; the ratios to the references hold up.
        `\nload average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores at the end\n`,
    )
    printTable([
      ['figure', 'Switchboard', 'reference', 'result'],
      [
        `search p95 (${typed.length} typed queries × ${ROUNDS})`,
        ms(p95(typedFts)),
        `${ms(p95(typedLike))} (LIKE '%…%' scan)`,
        `${ratio(p95(typedFts), p95(typedLike))} (goal ≤ 10 ms)`,
      ],
      [
        '  floor: the same FTS5 query by hand p95',
        ms(p95(typedFloor)),
        '',
        `app ${floorRatio(p95(typedFts), p95(typedFloor))} (goal ≤ 1.5×)`,
      ],
      [
        '  the same page by hand (count + 100 rows in order) p95',
        ms(p95(typedPage)),
        '',
        `app ${(p95(typedFts) / p95(typedPage)).toFixed(2)}× it`,
      ],
      ...[...byCategory].map(([category, times]) => [`  ${category} p95`, ms(p95(times)), '', '']),
      [
        `search p95, broad (${broad.map(([, q]) => `"${q}"`).join(', ')})`,
        ms(p95(broadFts)),
        `${ms(p95(broadLike))} (LIKE '%…%' scan)`,
        `${ratio(p95(broadFts), p95(broadLike))} (goal ≤ 10 ms)`,
      ],
      [
        '  floor: the same FTS5 query by hand p95',
        ms(p95(broadFloor)),
        '',
        `app ${floorRatio(p95(broadFts), p95(broadFloor))} (goal ≤ 1.5×)`,
      ],
      [
        '  the same page by hand (count + 100 rows in order) p95',
        ms(p95(broadPage)),
        '',
        `app ${(p95(broadFts) / p95(broadPage)).toFixed(2)}× it`,
      ],
      [
        `filter p95 (${filters.length} views × ${ROUNDS})`,
        ms(p95(filterTimes)),
        `${ms(p95(scanTimes))} (same query, NOT INDEXED)`,
        `${ratio(p95(filterTimes), p95(scanTimes))} (goal ≤ 10 ms)`,
      ],
      ['client list with rollups (500 clients) p95', ms(p95(rollupTimes)), '', ''],
      uiTimes.length > 0
        ? [
            `search keystroke → rendered rows p95 (Chromium, ${uiTimes.length} keystrokes)`,
            ms(p95(uiTimes)),
            `${ms(p95(uiMainTimes))} same queries in main alone; ${ms(p95(uiLikeTimes))} as LIKE scans`,
            '(goal ≤ 50 ms)',
          ]
        : ['search keystroke → rendered rows (Chromium)', 'skipped (BENCH_UI=0)', '', ''],
      ...csvImportRows(csvFigures),
    ])
  } finally {
    services.dispose()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
