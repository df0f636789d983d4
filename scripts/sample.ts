/**
 * Writes the deterministic sample workspace into a Switchboard store:
 *   npm run sample -- --clients 300 --devices 30000 --seed 7 [--tickets N] [--data-dir DIR] [--replace]
 * Running it again with the same options changes nothing; a store that holds other
 * inventory data is refused unless --replace is given.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../src/main/paths'
import { AuditLog } from '../src/main/services/audit/audit-log'
import { localMachine } from '../src/main/services/inventory/inventory-service'
import { generateSampleWorkspace } from '../src/main/services/inventory/sample/sample-workspace'
import {
  SAMPLE_META_KEY,
  writeSampleWorkspace,
  type SampleMeta,
} from '../src/main/services/inventory/sample/sample-writer'
import { Store } from '../src/main/services/store/store'
import { writeSampleTickets } from '../src/main/services/tickets/sample/sample-ticket-writer'

const usage = `Usage: npm run sample -- [--clients N] [--devices N] [--seed N] [--tickets N] [--data-dir DIR] [--replace]

  --clients N     Clients, the lab client included (default 300)
  --devices N     Devices, "this-machine" included (default 30000)
  --seed N        Seed of the generator; the same seed gives the same workspace (default 7)
  --tickets N     Sample tickets with notes and time entries (default 5 per client)
  --data-dir DIR  The store's directory (default: the app's, or $SWITCHBOARD_DATA_DIR)
  --replace       Replace the inventory already in the store (clients, sites, devices) and
                  its tickets
`

function count(name: string, text: string, min: number): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`--${name} must be a whole number of at least ${min}, not "${text}"`)
  }
  return value
}

function main(): number {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '300' },
      devices: { type: 'string', default: '30000' },
      seed: { type: 'string', default: '7' },
      tickets: { type: 'string' },
      'data-dir': { type: 'string' },
      replace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(usage)
    return 0
  }
  const clients = count('clients', values.clients, 1)
  const devices = count('devices', values.devices, 1)
  const seed = count('seed', values.seed, 0)
  const tickets = values.tickets === undefined ? clients * 5 : count('tickets', values.tickets, 0)
  const dataDir = values['data-dir'] ?? defaultDataDir()
  const store = new Store({ file: join(dataDir, 'switchboard.db') })
  try {
    const db = store.db
    const existing = db.prepare('SELECT count(*) FROM clients').pluck().get() as number
    const meta = db
      .prepare('SELECT value FROM inventory_meta WHERE key = ?')
      .pluck()
      .get(SAMPLE_META_KEY) as string | undefined
    const current = meta ? (JSON.parse(meta) as SampleMeta) : null
    if (
      !values.replace &&
      current?.seed === seed &&
      current.clients === clients &&
      current.devices === devices
    ) {
      console.log(
        `The sample (seed ${seed}, ${clients} clients, ${devices} devices) is already in ${dataDir}`,
      )
      return 0
    }
    if (existing > 0 && !values.replace) {
      console.error(
        `${dataDir} already holds an inventory (${existing} clients${current ? `, sample seed ${current.seed}` : ''}).\n` +
          'Nothing was changed. Run again with --replace to replace it.',
      )
      return 1
    }
    let started = performance.now()
    const workspace = generateSampleWorkspace({
      seed,
      clients,
      devices,
      now: Date.now(),
      local: localMachine(),
    })
    const generatedMs = performance.now() - started
    started = performance.now()
    const written = writeSampleWorkspace(store, workspace, { replace: values.replace })
    const writtenMs = performance.now() - started
    started = performance.now()
    const ticketCounts = writeSampleTickets(
      store,
      { seed, tickets, now: Date.now(), technician: localMachine().user },
      { replace: values.replace },
    )
    const ticketsMs = performance.now() - started
    new AuditLog(store).append(Date.now(), {
      actor: localMachine().user,
      action: 'inventory.sample',
      subject: `seed ${seed}`,
      detail: { ...written, replaced: existing > 0 },
    })
    console.log(
      `Wrote ${written.clients} clients, ${written.sites} sites and ${written.devices} devices ` +
        `(seed ${seed}) to ${dataDir}\n` +
        `  generated in ${(generatedMs / 1000).toFixed(2)} s, stored in ${(writtenMs / 1000).toFixed(2)} s\n` +
        `  and ${ticketCounts.tickets} tickets with ${ticketCounts.notes} notes in ${(ticketsMs / 1000).toFixed(2)} s`,
    )
    return 0
  } finally {
    store.close()
  }
}

try {
  process.exitCode = main()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
