import { describe, expect, it } from 'vitest'
import type { CollectionProgress } from '../../../shared/contract'
import { useServicesOverMemory } from '../../testing/served-services'

const serve = useServicesOverMemory()
const connect = () => serve({ clock: { now: () => 1_760_000_000_000 } })

describe('the inventory contract, served by the real services', () => {
  it('opens the sample on first start, then lists, searches and shows devices', async () => {
    const { client } = connect()
    await expect(client.inventory.summary()).resolves.toMatchObject({ empty: true })
    await expect(client.inventory.openSample()).resolves.toMatchObject({
      clients: 120,
      devices: 6000,
    })
    await expect(client.inventory.openSample()).rejects.toMatchObject({ code: 'CONFLICT' })
    const { clients } = await client.inventory.listClients({})
    expect(clients).toHaveLength(120)
    expect(clients.reduce((sum, c) => sum + c.rollup.devices, 0)).toBe(6000)

    const page = await client.inventory.searchDevices({ patchesPending: true, limit: 50 })
    expect(page.rows).toHaveLength(50)
    expect(page.rows.every((r) => (r.patchesPending ?? 0) > 0)).toBe(true)
    const local = await client.inventory.searchDevices({ query: 'this-machine' })
    const detail = await client.inventory.getDevice({ id: local.rows[0]?.id ?? '' })
    expect(detail).toMatchObject({ hostname: 'this-machine', sshHost: '127.0.0.1', sshPort: 22 })
  })

  it('validates input with clear errors', async () => {
    const { client } = connect()
    await expect(
      client.inventory.createClient({ name: 'X', shortCode: 'has space' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /Short codes use letters/ })
    await expect(
      client.inventory.createClient({
        name: 'X',
        shortCode: 'X',
        onlineMinutes: 60,
        staleMinutes: 30,
      }),
    ).rejects.toMatchObject({ message: /stale threshold/ })
    const c = await client.inventory.createClient({ name: 'X', shortCode: 'X' })
    await expect(
      client.inventory.createDevice({ clientId: c.id, hostname: 'pc', localIps: ['10.0.0.300'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /localIps\.0/ })
    await expect(
      client.inventory.createSite({ clientId: c.id, name: 'S', timeZone: 'Mars/Olympus' }),
    ).rejects.toMatchObject({ message: /IANA/ })
    await expect(client.inventory.getDevice({ id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const device = await client.inventory.createDevice({
      clientId: c.id,
      hostname: 'pc',
      macs: ['AA-BB-CC-DD-EE-FF'],
    })
    expect(device.macs).toEqual(['aa:bb:cc:dd:ee:ff'])
  })

  it('streams collection progress, with a clear reason per device', async () => {
    const { client } = connect()
    const c = await client.inventory.createClient({ name: 'X', shortCode: 'X' })
    const windows = await client.inventory.createDevice({
      clientId: c.id,
      hostname: 'win',
      osFamily: 'windows',
    })
    const bare = await client.inventory.createDevice({ clientId: c.id, hostname: 'bare' })
    const events: CollectionProgress[] = []
    const finished = new Promise<void>((resolve) => {
      client.inventory.onCollectionProgress({}, (event) => {
        events.push(event)
        if (event.type === 'run' && event.state === 'finished') resolve()
      })
    })
    await client.app.ping({})
    const { runId, queued } = await client.inventory.collect({ deviceIds: [windows.id, bare.id] })
    expect(queued).toBe(2)
    await finished
    expect(events.every((e) => e.runId === runId)).toBe(true)
    const failures = events.flatMap((e) =>
      e.type === 'device' && e.failure ? [[e.hostname, e.failure.reason]] : [],
    )
    expect(failures).toEqual([
      ['win', 'winrm-unavailable'],
      ['bare', 'no-endpoint'],
    ])
    expect(events.at(-1)).toMatchObject({ type: 'run', state: 'finished', failed: 2 })
  })
})
