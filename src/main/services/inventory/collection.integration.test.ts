import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, hostname as machineHostname, networkInterfaces } from 'node:os'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CollectionProgress } from '../../../shared/contract'
import type { Services } from '..'
import { sessionServices, storeTestPassword, trustAndLogin } from '../../testing/ssh-fixtures'
import { TEST_USER, canRunSshd, freePort, startSshd, type TestSshd } from '../../testing/sshd'
import { useTempDirs } from '../../testing/temp-dir'
import { InventoryService } from './inventory-service'

const tempDir = useTempDirs()
const unavailable = canRunSshd()
const SLOW = 90_000 // each probe run takes seconds: apt's dry run is most of it
/** A probe command that hangs, with an argument no other process on the machine has. */
const HANG_SECONDS = '30.0417'

/** How many processes of the test user run exactly `command`. */
function remoteProcesses(command: string): number {
  try {
    return execFileSync('pgrep', ['-u', TEST_USER, '-x', '-f', command])
      .toString()
      .trim()
      .split('\n').length
  } catch {
    return 0 // pgrep exits 1 when nothing matches
  }
}

/** Resolves once `condition` holds, checking every 50 ms for up to 20 s. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** What this machine really has, read the way a technician would check it. */
function thisMachine() {
  const osRelease = readFileSync('/etc/os-release', 'utf8')
  const prettyName = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1]
  const memTotalKb = Number(
    /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1],
  )
  const addresses = new Set<string>()
  const macs = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.internal || /^fe80:/i.test(info.address)) continue
      addresses.add(info.address)
      if (info.mac !== '00:00:00:00:00:00') macs.add(info.mac)
    }
  }
  return { prettyName, ramBytes: memTotalKb * 1024, threads: cpus().length, addresses, macs }
}

/** `df -PT -B1 <mount>`: filesystem type and size in bytes. */
function df(mount: string): { fsType: string; sizeBytes: number } {
  const line = execFileSync('df', ['-PT', '-B1', mount]).toString().trim().split('\n')[1] ?? ''
  const [, fsType, size] = line.split(/\s+/)
  return { fsType: fsType ?? '', sizeBytes: Number(size) }
}

describe.skipIf(unavailable !== null)(
  `inventory collection against a real sshd${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let sshd: TestSshd
    const open: Services[] = []
    const servers: TestSshd[] = []
    beforeAll(async () => {
      sshd = await startSshd()
    })
    afterAll(async () => {
      await sshd?.stop()
    })
    afterEach(async () => {
      for (const s of open.splice(0)) s.dispose()
      for (const s of servers.splice(0)) await s.stop()
    })

    /**
     * Real services with an unlocked vault, the host key trusted and a stored password.
     * `rewrite` may change the command a probe runs (to make one hang).
     */
    async function setup(rewrite: (command: string) => string = (command) => command) {
      const s = await sessionServices(tempDir())
      open.push(s)
      const inventory = new InventoryService({
        store: s.store,
        audit: s.audit,
        host: s.host,
        sessions: {
          exec: (target, command, options) => s.sessions.exec(target, rewrite(command), options),
        },
        vault: s.vault,
      })
      const credential = storeTestPassword(s, 'sbtest password')
      await trust(s, sshd, credential.id)
      const client = inventory.createClient({
        name: 'Lab',
        shortCode: 'LAB',
        contractTier: 'Internal',
        notes: '',
        onlineMinutes: 15,
        staleMinutes: 1440,
      })
      const device = (hostname: string, fields: Record<string, unknown> = {}) =>
        inventory.createDevice({
          clientId: client.id,
          hostname,
          osFamily: 'linux',
          sshHost: sshd.host,
          sshPort: sshd.port,
          sshUser: TEST_USER,
          credentialId: credential.id,
          ...fields,
        })
      return { s, inventory, credential, device }
    }

    /** The technician connects once and accepts the host key (as the terminal would ask). */
    async function trust(s: Services, server: TestSshd, credentialId: string) {
      const { w, id, connected } = await trustAndLogin(s, server, { credentialId })
      expect(connected.state).toBe('connected')
      s.sessions.close(id)
      w.stop()
    }

    function record(inventory: InventoryService) {
      const events: CollectionProgress[] = []
      const stop = inventory.collection.onProgress((e) => events.push(e))
      return { events, stop }
    }

    it(
      'fills OS, CPU, RAM, disks and IPs with what this machine really has',
      async () => {
        const { inventory, device } = await setup()
        const created = device('lab-linux', { osFamily: 'other' }) // the probe is chosen by asking
        const progress = record(inventory)
        const run = inventory.collect([created.id], 8)
        const summary = await run.finished
        progress.stop()
        expect(summary).toMatchObject({ total: 1, done: 1, failed: 0, cancelled: 0 })
        expect(progress.events.filter((e) => e.type === 'device').map((e) => e.state)).toEqual([
          'queued',
          'connecting',
          'collecting',
          'done',
        ])

        const real = thisMachine()
        const detail = inventory.getDevice(created.id)
        // The name the technician gave stays; what the machine calls itself is kept beside it.
        expect(detail.hostname).toBe('lab-linux')
        expect(detail.collectedHostname).toBe(machineHostname())
        expect(detail.osFamily).toBe('linux')
        expect(detail.osName).toBe(real.prettyName)
        expect(detail.kernel).toBe(execFileSync('uname', ['-r']).toString().trim())
        expect(detail.cpuThreads).toBe(real.threads)
        expect(detail.cpuCores).toBeGreaterThan(0)
        expect(detail.ramBytes).toBe(real.ramBytes)
        expect(new Set(detail.localIps)).toEqual(real.addresses)
        expect(new Set(detail.macs)).toEqual(real.macs)
        expect(detail.disks.map((d) => d.mount)).toContain('/')
        for (const disk of detail.disks) {
          expect({ fsType: disk.fsType, sizeBytes: disk.sizeBytes }, disk.mount).toEqual(
            df(disk.mount),
          )
        }
        expect(detail.status).toBe('online')
        expect(detail.snapshots).toHaveLength(1)
        expect(detail.recentChanges).toEqual([])
        // What the probe could not learn is kept with the snapshot and shown in the result.
        const done = progress.events.find((e) => e.type === 'device' && e.state === 'done')
        const problems = done?.type === 'device' ? done.result?.problems : undefined
        expect(detail.snapshots[0]?.problems).toEqual(problems)
        // And search knows the collected facts.
        const ip = detail.localIps[0] ?? ''
        expect(
          inventory
            .searchDevices({
              query: ip.slice(0, -1),
              sort: { column: 'hostname', direction: 'asc' },
              limit: 5,
              offset: 0,
            })
            .rows.map((r) => r.id),
        ).toContain(created.id)
      },
      SLOW,
    )

    it(
      'records what changed on the second collection, in words',
      async () => {
        const { s, inventory, device } = await setup()
        const created = device('lab-changes')
        await inventory.collect([created.id], 1).finished
        // As if the machine had half its RAM last time: the next run must say RAM went up.
        s.store.db
          .prepare(
            `UPDATE device_snapshots SET facts = json_set(facts, '$.memoryBytes',
             json_extract(facts, '$.memoryBytes') / 2) WHERE device_id = ?`,
          )
          .run(created.id)
        const progress = record(inventory)
        await inventory.collect([created.id], 1).finished
        progress.stop()
        const ram = thisMachine().ramBytes
        const detail = inventory.getDevice(created.id)
        expect(detail.snapshots).toHaveLength(2)
        const change = detail.recentChanges.find((c) => c.field === 'memoryBytes')
        expect(change).toMatchObject({ before: ram / 2, after: ram })
        expect(change?.summary).toMatch(/^RAM \d+(\.\d)? GB → \d+(\.\d)? GB$/)
        expect(detail.snapshots[0]?.changes).toBeGreaterThanOrEqual(1)
        const done = progress.events.find((e) => e.type === 'device' && e.state === 'done')
        expect(done?.type === 'device' && done.result?.changes).toContainEqual({
          field: 'memoryBytes',
          summary: change?.summary,
        })
        expect(inventory.deviceChanges(created.id, 10)).toEqual(detail.recentChanges)
      },
      SLOW,
    )

    it(
      'reports each failing device with its reason while the others finish',
      async () => {
        const { s, inventory, device, credential } = await setup()
        const untrusted = await startSshd()
        servers.push(untrusted)
        const wrongPassword = s.vault.createCredential({
          name: 'wrong',
          username: TEST_USER,
          scope: { kind: 'global' },
          secret: { kind: 'password', password: 'not-the-password' },
        })
        const devices = {
          good: device('good'),
          unreachable: device('unreachable', { sshPort: await freePort() }),
          untrusted: device('untrusted', { sshPort: untrusted.port }),
          authFailed: device('auth-failed', { credentialId: wrongPassword.id }),
          windows: device('windows', { osFamily: 'windows', winrmUrl: 'https://win:5986/wsman' }),
          noEndpoint: device('no-endpoint', { sshHost: null }),
          good2: device('good-2', { credentialId: credential.id }),
        }
        const progress = record(inventory)
        const summary = await inventory.collect(
          Object.values(devices).map((d) => d.id),
          3,
        ).finished
        progress.stop()
        expect(summary).toMatchObject({ total: 7, done: 2, failed: 5, cancelled: 0 })
        const outcome = (id: string) => {
          const last = progress.events
            .filter((e) => e.type === 'device' && e.deviceId === id)
            .at(-1)
          return last?.type === 'device' ? (last.failure?.reason ?? last.state) : undefined
        }
        expect(
          Object.fromEntries(Object.entries(devices).map(([k, d]) => [k, outcome(d.id)])),
        ).toEqual({
          good: 'done',
          unreachable: 'unreachable',
          untrusted: 'host-key-untrusted',
          authFailed: 'auth-failed',
          windows: 'winrm-unavailable',
          noEndpoint: 'no-endpoint',
          good2: 'done',
        })
        const failure = (id: string) =>
          progress.events.find((e) => e.type === 'device' && e.deviceId === id && e.failure)
        expect(JSON.stringify(failure(devices.unreachable.id))).toMatch(/refused the connection/)
        expect(JSON.stringify(failure(devices.untrusted.id))).toMatch(/not trusted yet/)
        expect(JSON.stringify(failure(devices.windows.id))).toMatch(/WinRM is not available yet/)
        expect(inventory.getDevice(devices.unreachable.id).snapshots).toEqual([])
        expect(
          s.audit.list({ limit: 5 }).find((e) => e.action === 'inventory.collect')?.detail,
        ).toMatchObject({
          done: 2,
          failed: 5,
        })
      },
      SLOW,
    )

    it(
      'cancels a run: queued devices are skipped and running ones are stopped',
      async () => {
        const { inventory, device } = await setup()
        const ids = Array.from({ length: 5 }, (_, i) => device(`cancel-${i}`).id)
        const progress = record(inventory)
        const run = inventory.collect(ids, 1)
        // Cancel while the first device is connecting.
        await new Promise<void>((resolve) => {
          const stop = inventory.collection.onProgress((e) => {
            if (e.type === 'device' && e.state === 'connecting') {
              stop()
              resolve()
            }
          })
        })
        expect(inventory.collection.cancel(run.runId)).toBe(5)
        const summary = await run.finished
        progress.stop()
        expect(summary).toMatchObject({ total: 5, done: 0, cancelled: 5 })
        for (const id of ids) expect(inventory.getDevice(id).snapshots).toEqual([])
        const finals = progress.events.filter(
          (e) => e.type === 'device' && ['done', 'failed', 'cancelled'].includes(e.state),
        )
        expect(finals).toHaveLength(5)
        expect(inventory.collection.cancel(run.runId)).toBe(0)
      },
      SLOW,
    )
    it(
      'kills a hanging probe on the device when its run is cancelled; other runs carry on',
      async () => {
        // Only the device of unknown OS asks `uname -s` first; that command hangs for 30 s.
        const hanging = `sleep ${HANG_SECONDS}`
        const { inventory, device } = await setup((command) =>
          command === 'uname -s' ? `${hanging}; uname -s` : command,
        )
        const slow = device('hangs', { osFamily: 'other' })
        const fast = device('answers')
        const progress = record(inventory)
        const slowRun = inventory.collect([slow.id], 1)
        await waitFor(() => remoteProcesses(hanging) > 0, 'the probe to start on the device')
        const fastRun = inventory.collect([fast.id], 1)

        const cancelledAt = performance.now()
        expect(inventory.collection.cancel(slowRun.runId)).toBe(1)
        const summary = await slowRun.finished
        // The probe would hold the run for 30 s; the cancel ends it at once.
        expect(performance.now() - cancelledAt).toBeLessThan(5_000)
        expect(summary).toMatchObject({ total: 1, done: 0, failed: 0, cancelled: 1 })
        const slowStates = progress.events
          .filter((e) => e.type === 'device' && e.deviceId === slow.id)
          .map((e) => (e.type === 'device' ? e.state : ''))
        expect(slowStates).toEqual(['queued', 'connecting', 'cancelled'])
        // The server killed the command (and its shell) rather than leaving it to run out.
        await waitFor(() => remoteProcesses(hanging) === 0, 'the hanging probe to be killed')

        await expect(fastRun.finished).resolves.toMatchObject({ done: 1, cancelled: 0 })
        progress.stop()
        expect(inventory.getDevice(slow.id).snapshots).toEqual([])
        expect(inventory.getDevice(fast.id).snapshots).toHaveLength(1)
      },
      SLOW,
    )
  },
)
