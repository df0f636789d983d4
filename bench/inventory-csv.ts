/**
 * The CSV import figure of `npm run bench:inventory`: an export as RMMs write it (12 columns, a
 * client short code per row; as many rows as one import takes) imported into a store with 500
 * clients, through `inventory.csvImport` as the handler calls it (read and check every row in
 * steps, then one transaction with indexes and search index). Beside it, as the reference, the
 * same rows already checked going into the store alone (`DeviceWriter.insertMany`): the part
 * of the import that is SQLite's. It also prints the longest the import held the event loop
 * (the one transaction): CSV_IMPORT_MAX_ROWS is sized from it.
 *
 * Run alone with `npx tsx bench/inventory-csv.ts` (BENCH_IMPORT_ROWS, BENCH_CSV_ROUNDS).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices, type Services } from '../src/main/services'
import { CSV_IMPORT_MAX_ROWS } from '../src/shared/contract'
import { checkCsv } from '../src/main/services/inventory/csv/csv-import'
import { csvLine } from '../src/main/services/inventory/csv/csv-writer'
import { DeviceWriter } from '../src/main/services/inventory/device-writes'
import {
  generateSampleWorkspace,
  type SampleWorkspace,
} from '../src/main/services/inventory/sample/sample-workspace'
import { writeSampleWorkspace } from '../src/main/services/inventory/sample/sample-writer'
import { benchPorts } from './host-ports'
import { median, printTable } from './stats'

const local = { user: 'bench', platform: 'linux', timeZone: 'UTC' }

/** What the import figure needs: the clients of the store the rows go into. */
export interface CsvImportSetup {
  /** Where the import stores go (one per round, removed after). */
  dir: string
  /** The store's clients (and one device), as the search figures' store has them. */
  workspace: SampleWorkspace
  rows: number
  rounds: number
}

/** Import times per round, and the store-only reference. */
export interface CsvImportFigures {
  rows: number
  bytes: number
  /** Wall time of each import. */
  importMs: number[]
  /** CPU time of this process during each import. */
  importCpuMs: number[]
  /** The longest the event loop went without a turn during each import. */
  importBlockMs: number[]
  /** The same rows, already checked, into the store alone. */
  storeMs: number[]
}

/** A CSV of `rows` devices naming clients by the workspace's short codes. */
export function exportCsv(workspace: SampleWorkspace, rows: number): string {
  const generated = generateSampleWorkspace({
    seed: 8,
    clients: workspace.clients.length,
    devices: rows,
    now: Date.now(),
    local,
  })
  const codeOf = new Map(
    generated.clients.map((c, i) => [c.id, workspace.clients[i]?.shortCode ?? 'LAB']),
  )
  const header = [
    'Hostname',
    'Client',
    'Role',
    'OS',
    'Serial Number',
    'IP Address',
    'MAC Address',
    'RAM (GB)',
    'Last Seen',
    'Warranty End',
    'Logged In User',
    'Tags',
  ]
  const lines = [csvLine(header)]
  for (const d of generated.devices) {
    const v = d.values
    lines.push(
      csvLine([
        v.hostname,
        codeOf.get(v.clientId) ?? 'LAB',
        v.role,
        v.osName,
        v.serial === null ? null : `I-${v.serial}`,
        v.localIps.join(' '),
        v.macs.join(' '),
        v.ramBytes === null ? null : v.ramBytes / 1024 ** 3,
        v.lastSeenAt === null ? null : new Date(v.lastSeenAt).toISOString(),
        v.warrantyEndAt === null ? null : new Date(v.warrantyEndAt).toISOString().slice(0, 10),
        v.loggedInUser,
        v.tags.join('; '),
      ]),
    )
  }
  return lines.join('')
}

/** A fresh store with the workspace's clients and one device, for one round. */
function freshStore(setup: CsvImportSetup, round: string): Services {
  const services = createServices(benchPorts(join(setup.dir, `import-${round}`)))
  writeSampleWorkspace(
    services.store,
    { ...setup.workspace, devices: setup.workspace.devices.slice(0, 1) },
    { replace: false },
  )
  return services
}

/**
 * The longest gap between two turns of the event loop from now until `stop`: how long the
 * host could not answer anyone.
 */
function watchEventLoop(): { stop(): number } {
  let last = performance.now()
  let longest = 0
  let running = true
  const tick = (): void => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
    if (running) setImmediate(tick)
  }
  setImmediate(tick)
  return {
    stop() {
      running = false
      return Math.max(longest, performance.now() - last)
    },
  }
}

/** Imports the export `rounds` times, each into a fresh store, and times the store alone. */
export async function measureCsvImport(setup: CsvImportSetup): Promise<CsvImportFigures> {
  const csv = exportCsv(setup.workspace, setup.rows)
  const figures: CsvImportFigures = {
    rows: setup.rows,
    bytes: Buffer.byteLength(csv),
    importMs: [],
    importCpuMs: [],
    importBlockMs: [],
    storeMs: [],
  }
  for (let round = 0; round < setup.rounds; round++) {
    const services = freshStore(setup, `csv-${round}`)
    try {
      // The mapping the preview would offer (the preview itself reads in steps, asynchronously).
      const { mapping } = checkCsv(services.store.db, Buffer.from(csv), { limit: 20 })
      const cpu = process.cpuUsage()
      const started = performance.now()
      const loop = watchEventLoop()
      const result = await services.inventory.csvImport({ text: csv, mapping })
      figures.importBlockMs.push(loop.stop())
      figures.importMs.push(performance.now() - started)
      const used = process.cpuUsage(cpu)
      figures.importCpuMs.push((used.user + used.system) / 1000)
      if (result.imported !== setup.rows) {
        throw new Error(
          `imported ${result.imported} of ${setup.rows}: ${result.rejected[0]?.reason}`,
        )
      }
    } finally {
      services.dispose()
    }

    const reference = freshStore(setup, `store-${round}`)
    try {
      const checked = checkCsv(reference.store.db, Buffer.from(csv), {})
      const now = Date.now()
      const rows = checked.valid.map((row) => ({ values: row.values, createdAt: now }))
      const started = performance.now()
      reference.store.transaction((db) => new DeviceWriter(db).insertMany(rows))
      figures.storeMs.push(performance.now() - started)
    } finally {
      reference.dispose()
    }
  }
  return figures
}

const perSecond = (rows: number, ms: number): string =>
  `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`

/** The figure's rows for the bench table (median of the rounds). */
export function csvImportRows(figures: CsvImportFigures): string[][] {
  const importMs = median(figures.importMs)
  const cpuMs = median(figures.importCpuMs)
  const storeMs = median(figures.storeMs)
  const blockMs = median(figures.importBlockMs)
  const rounds = figures.importMs.length
  return [
    [
      `CSV import, ${figures.rows.toLocaleString('en')} rows (${(figures.bytes / 1e6).toFixed(1)} MB), median of ${rounds}`,
      perSecond(figures.rows, importMs),
      `${(importMs / 1000).toFixed(2)} s in all; the rows into the store alone: ${(storeMs / 1000).toFixed(2)} s (${perSecond(figures.rows, storeMs)})`,
      '(goal ≥ 50,000 rows/s)',
    ],
    [
      '  CSV import, CPU time of the import',
      perSecond(figures.rows, cpuMs),
      `${(cpuMs / 1000).toFixed(2)} s of CPU (wall time above includes waiting for a core)`,
      '',
    ],
    [
      '  CSV import, longest the host is held (the one transaction)',
      `${(blockMs / 1000).toFixed(2)} s`,
      `the rows into the store alone: ${(storeMs / 1000).toFixed(2)} s`,
      '(goal ≤ about 1 s: CSV_IMPORT_MAX_ROWS)',
    ],
  ]
}

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? CSV_IMPORT_MAX_ROWS)
  const rounds = Number(process.env.BENCH_CSV_ROUNDS ?? 3)
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-csv-'))
  try {
    const workspace = generateSampleWorkspace({
      seed: 7,
      clients: Number(process.env.BENCH_CLIENTS ?? 500),
      devices: 1,
      now: Date.now(),
      local,
    })
    const figures = await measureCsvImport({ dir, workspace, rows, rounds })
    console.log(`\nload average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores\n`)
    printTable([['figure', 'Switchboard', 'reference', 'result'], ...csvImportRows(figures)])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('inventory-csv.ts')) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
