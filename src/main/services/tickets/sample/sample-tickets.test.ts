import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../..'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { generateSampleWorkspace } from '../../inventory/sample/sample-workspace'
import { writeSampleWorkspace } from '../../inventory/sample/sample-writer'
import { Store } from '../../store/store'
import { generateSampleTickets, readSampleInventory } from './sample-tickets'
import { writeSampleTickets } from './sample-ticket-writer'

const tempDir = useTempDirs()
const open: Array<{ close(): void }> = []
afterEach(() => {
  for (const o of open.splice(0)) o.close()
})

const NOW = Date.UTC(2026, 2, 4, 10, 0)
const local = { user: 'alice', platform: 'linux', timeZone: 'UTC' }

function storeWithInventory(): Store {
  const store = new Store({ file: join(tempDir(), 'switchboard.db') })
  open.push(store)
  writeSampleWorkspace(
    store,
    generateSampleWorkspace({ seed: 3, clients: 12, devices: 300, now: NOW, local }),
    { replace: false },
  )
  return store
}

describe('sample tickets', () => {
  it('are the same for the same seed and inventory', () => {
    const a = [
      ...generateSampleTickets(readSampleInventory(storeWithInventory().db), {
        seed: 5,
        tickets: 40,
        now: NOW,
        technician: 'alice',
      }),
    ]
    const b = [
      ...generateSampleTickets(readSampleInventory(storeWithInventory().db), {
        seed: 5,
        tickets: 40,
        now: NOW,
        technician: 'alice',
      }),
    ]
    expect(a).toEqual(b)
    expect(a.map((t) => t.number).slice(0, 2)).toEqual(['T-DEMO-0001', 'T-DEMO-0002'])
    for (const ticket of a) {
      const times = ticket.events.map((e) => e.at)
      expect(times).toEqual([...times].sort((x, y) => x - y))
      expect(Math.max(...times, ticket.updatedAt)).toBeLessThanOrEqual(NOW)
    }
  })

  it('fill every queue through the sample workspace, synced and searchable', async () => {
    const services: Services = createServices(
      testHostPorts(tempDir(), { clock: { now: () => NOW }, technician: 'alice' }),
    )
    open.push({ close: () => services.dispose() })
    services.inventory.openSample(1)
    const counts = services.tickets.queueCounts()
    expect(counts.all).toBe(120 * 5)
    for (const queue of ['mine', 'unassigned', 'slaAtRisk', 'waiting', 'open'] as const) {
      expect(counts[queue], queue).toBeGreaterThan(0)
    }
    expect(counts.pending).toBe(0)
    const all = services.tickets.list({
      queue: 'all',
      sort: { column: 'updated', direction: 'desc' },
      limit: 500,
      offset: 0,
    })
    expect(all.rows.every((row) => !row.pendingSync && row.number.startsWith('T-DEMO-'))).toBe(true)
    const states = new Set(all.rows.map((row) => row.sla.headline.state))
    expect([...states].sort()).toEqual(['at-risk', 'breached', 'met', 'paused', 'running'])
    const printers = services.tickets.list({
      queue: 'all',
      query: 'printer jam',
      sort: { column: 'updated', direction: 'desc' },
      limit: 5,
      offset: 0,
    })
    expect(printers.total).toBeGreaterThan(0)
    const detail = services.tickets.get(all.rows[0]?.id ?? '')
    expect(detail.timeline.length).toBeGreaterThan(1)
    // A second sample never mixes into existing tickets.
    expect(services.tickets.openSample(1)).toEqual({ tickets: 0, notes: 0 })
    expect(() =>
      writeSampleTickets(services.store, { seed: 1, tickets: 1, now: NOW, technician: 'x' }),
    ).toThrow(/only fills an empty one/)
  })
})
