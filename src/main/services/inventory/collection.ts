/**
 * Agentless collection: runs the right probe on each device over its session (SSH now, WinRM
 * later through the same interface), a bounded number at a time. Every device reports its own
 * progress and its own failure; one device failing never stops the others. A success stores
 * the snapshot, the device's new fields and the changes since the previous snapshot in one
 * transaction.
 */
import { EventEmitter } from 'node:events'
import type { CollectionProgress } from '../../../shared/contract'
import type { AuditLog } from '../audit/audit-log'
import type { Clock, Logger } from '../ports'
import type { ExecOptions, ExecResult } from '../sessions/ssh/ssh-exec'
import type { SshTarget } from '../sessions/ssh/ssh-target'
import type { Store } from '../store/store'
import { CollectionFailure, classifyFailure } from './collection-failure'
import type { DeviceHistory } from './device-history'
import type { DeviceValues } from './device-values'
import type { DeviceWriter } from './device-writes'
import { applyFacts } from './facts-to-device'
import { diffFacts, probes, type Probe, type ProbeResult } from './probes'
import { timeOrderedId } from '../../base/time-ordered-id'

/** Runs one command on a device without a technician (sessions.exec); the signal stops it. */
export type ProbeExec = (
  target: SshTarget,
  command: string,
  options: ExecOptions,
) => Promise<ExecResult>

/** What collection needs from the rest of the app. */
export interface CollectionDeps {
  store: Store
  writer: DeviceWriter
  history: DeviceHistory
  exec: ProbeExec
  /** The username stored with a vault credential, for devices without an SSH user. */
  credentialUsername(credentialId: string): string | null
  clock: Clock
  logger: Logger
  audit: AuditLog
  technician: string
  /** How long one probe may run; the probe bounds its slow commands to well under this. */
  probeTimeoutMs?: number
}

/** The end of a run, per device. */
export interface RunSummary {
  runId: string
  total: number
  done: number
  failed: number
  cancelled: number
}

/** A started run; `finished` settles when every device is done, failed or cancelled. */
export interface CollectionRun {
  runId: string
  queued: number
  finished: Promise<RunSummary>
}

type DeviceState = Extract<CollectionProgress, { type: 'device' }>['state']

interface RunState {
  id: string
  started: boolean
  cancelled: boolean
  /** Fires on cancel: running probes are killed on the device and their connections closed. */
  abort: AbortController
  /** Devices not yet in a final state, by id, with their hostname for events. */
  open: Map<string, string>
  counts: { done: number; failed: number; cancelled: number }
}

const PROBE_TIMEOUT_MS = 180_000
const DETECT_TIMEOUT_MS = 20_000

/** Starts, tracks and cancels collection runs. */
export class CollectionService {
  private readonly runs = new Map<string, RunState>()
  private readonly events = new EventEmitter()

  constructor(private readonly deps: CollectionDeps) {
    this.events.setMaxListeners(100)
  }

  /** Queues `deviceIds` (duplicates dropped) and starts `concurrency` workers. */
  collect(deviceIds: readonly string[], options: { concurrency?: number } = {}): CollectionRun {
    const ids = [...new Set(deviceIds)]
    const run: RunState = {
      id: timeOrderedId(this.deps.clock.now()),
      started: false,
      cancelled: false,
      abort: new AbortController(),
      open: new Map(),
      counts: { done: 0, failed: 0, cancelled: 0 },
    }
    this.runs.set(run.id, run)
    for (const id of ids) run.open.set(id, this.hostnameOf(id))

    let next = 0
    const worker = async (): Promise<void> => {
      while (next < ids.length && !run.cancelled) {
        const id = ids[next++] as string
        await this.collectOne(run, id)
      }
    }
    const workers = Math.max(1, Math.min(options.concurrency ?? 8, ids.length))
    // Start on the next turn, so a caller that learns the run id from this call can subscribe
    // to its progress before the first event.
    const finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        run.started = true
        this.emitRun(run, 'started', ids.length)
        for (const id of ids) this.emitDevice(run, id, 'queued')
        return Promise.all(Array.from({ length: workers }, worker))
      })
      .then(() => {
        this.cancelQueued(run)
        this.runs.delete(run.id)
        const summary = { runId: run.id, total: ids.length, ...run.counts }
        this.emitRun(run, 'finished', ids.length)
        this.auditRun(summary, ids)
        return summary
      })
    return { runId: run.id, queued: ids.length, finished }
  }

  private auditRun(summary: RunSummary, ids: readonly string[]): void {
    try {
      this.deps.audit.append(this.deps.clock.now(), {
        actor: this.deps.technician,
        action: 'inventory.collect',
        subject: `${ids.length} devices`,
        detail: { ...summary, deviceIds: ids.slice(0, 100) },
      })
    } catch (error) {
      // The app may have closed the store while a cancelled probe was still returning.
      this.deps.logger.warn('could not audit a collection run', error)
    }
  }

  /** Stops a run: queued devices are skipped, running probes are stopped on the device. */
  cancel(runId: string): number {
    const run = this.runs.get(runId)
    if (!run || run.cancelled) return 0
    run.cancelled = true
    run.abort.abort()
    // Not started yet: the run reports them cancelled right after it reports its start.
    return run.started ? this.cancelQueued(run) : run.open.size
  }

  /** Progress of one run, or of every run. */
  onProgress(listener: (event: CollectionProgress) => void, runId?: string): () => void {
    const filtered = (event: CollectionProgress): void => {
      if (runId === undefined || event.runId === runId) listener(event)
    }
    this.events.on('progress', filtered)
    return () => this.events.off('progress', filtered)
  }

  /** Cancels every run, e.g. when the app closes. */
  dispose(): void {
    for (const id of [...this.runs.keys()]) this.cancel(id)
  }

  private async collectOne(run: RunState, id: string): Promise<void> {
    if (!run.open.has(id)) return
    try {
      const device = this.deps.writer.current(id)
      const target = this.targetOf(id, device)
      this.emitDevice(run, id, 'connecting')
      const probe = await this.probeFor(device, target, run.abort.signal)
      let started = false
      const chunks: Buffer[] = []
      const result = await this.deps.exec(target, 'sh -s', {
        stdin: probe.script,
        timeoutMs: this.deps.probeTimeoutMs ?? PROBE_TIMEOUT_MS,
        signal: run.abort.signal,
        onStdout: (chunk) => {
          chunks.push(chunk)
          if (!started && !run.cancelled) {
            started = true
            this.emitDevice(run, id, 'collecting')
          }
        },
      })
      if (run.cancelled || !run.open.has(id)) return
      const output = Buffer.concat(chunks).toString('utf8')
      if (output.trim() === '') {
        throw new CollectionFailure(
          'probe-failed',
          `The probe printed nothing (exit ${result.code ?? result.signal ?? '?'})${
            result.stderr.trim() ? `: ${result.stderr.trim().slice(-500)}` : ''
          }`,
        )
      }
      const parsed = probe.parse(output)
      const stored = this.store(id, parsed)
      this.finish(run, id, 'done', { result: { ...stored, problems: parsed.problems } })
    } catch (error) {
      if (run.cancelled || !run.open.has(id)) return
      const failure = classifyFailure(error)
      if (failure.reason === 'probe-failed') {
        this.deps.logger.warn(`inventory collection of ${id} failed`, error)
      }
      this.finish(run, id, 'failed', {
        failure: { reason: failure.reason, message: failure.message },
      })
    }
  }

  /** Snapshot, device fields and changes, together. */
  private store(
    id: string,
    parsed: ProbeResult,
  ): { snapshotId: number; changes: Array<{ field: string; summary: string }> } {
    const now = this.deps.clock.now()
    return this.deps.store.transaction(() => {
      const current = this.deps.writer.current(id)
      const previous = this.deps.history.latestFacts(id)
      const changes = previous ? diffFacts(previous, parsed.facts) : []
      const snapshotId = this.deps.history.record(
        id,
        now,
        'ssh',
        parsed.facts,
        parsed.problems,
        changes,
      )
      this.deps.writer.update(id, applyFacts(current, parsed.facts, now), now)
      return {
        snapshotId,
        changes: changes.map((c) => ({ field: c.field, summary: c.summary })),
      }
    })
  }

  private targetOf(id: string, device: DeviceValues): SshTarget {
    if (device.osFamily === 'windows') {
      throw new CollectionFailure(
        'winrm-unavailable',
        'WinRM is not available yet: Windows devices are collected over WinRM, which this ' +
          'build does not have',
      )
    }
    if (device.sshHost === null) {
      throw new CollectionFailure(
        'no-endpoint',
        'No SSH endpoint is configured: set the device’s SSH host (and user) first',
      )
    }
    const username =
      device.sshUser ??
      (device.credentialId ? this.deps.credentialUsername(device.credentialId) : null)
    if (!username) {
      throw new CollectionFailure(
        'no-endpoint',
        'No SSH user is configured: set the device’s SSH user or give it a credential',
      )
    }
    return {
      host: device.sshHost,
      port: device.sshPort ?? 22,
      username,
      credentialId: device.credentialId,
      jumpHosts: [],
      agentForwarding: false,
      useAgent: true,
      // The device's credential goes out only if its scope covers this device.
      use: { kind: 'device', deviceId: id, clientId: device.clientId, hostname: device.hostname },
    }
  }

  /** The probe for the device's OS; an unknown OS is asked (`uname -s`) first. */
  private async probeFor(
    device: DeviceValues,
    target: SshTarget,
    signal: AbortSignal,
  ): Promise<Probe> {
    if (device.osFamily === 'linux') return probes.linux
    if (device.osFamily === 'macos') return probes.macos
    const chunks: Buffer[] = []
    await this.deps.exec(target, 'uname -s', {
      timeoutMs: DETECT_TIMEOUT_MS,
      signal,
      onStdout: (chunk) => chunks.push(chunk),
    })
    const kernel = Buffer.concat(chunks).toString('utf8').trim()
    if (kernel === 'Linux') return probes.linux
    if (kernel === 'Darwin') return probes.macos
    throw new CollectionFailure(
      'unsupported-os',
      `No inventory probe for this system yet (uname -s says "${kernel.slice(0, 100) || 'nothing'}")`,
    )
  }

  private cancelQueued(run: RunState): number {
    if (!run.cancelled) return 0
    const ids = [...run.open.keys()]
    for (const id of ids) this.finish(run, id, 'cancelled', {})
    return ids.length
  }

  private finish(
    run: RunState,
    id: string,
    state: 'done' | 'failed' | 'cancelled',
    extra: Pick<Extract<CollectionProgress, { type: 'device' }>, 'failure' | 'result'>,
  ): void {
    if (!run.open.has(id)) return
    this.emitDevice(run, id, state, extra)
    run.open.delete(id)
    run.counts[state] += 1
  }

  private hostnameOf(id: string): string {
    try {
      return this.deps.writer.current(id).hostname
    } catch {
      return id
    }
  }

  private emitDevice(
    run: RunState,
    deviceId: string,
    state: DeviceState,
    extra: Pick<Extract<CollectionProgress, { type: 'device' }>, 'failure' | 'result'> = {},
  ): void {
    const event: CollectionProgress = {
      type: 'device',
      runId: run.id,
      deviceId,
      hostname: run.open.get(deviceId) ?? deviceId,
      state,
      at: this.deps.clock.now(),
      ...extra,
    }
    this.emit(event)
  }

  private emit(event: CollectionProgress): void {
    try {
      this.events.emit('progress', event)
    } catch (error) {
      // A listener failing (a closed connection) must not stop the run.
      this.deps.logger.warn('a collection progress listener failed', error)
    }
  }

  private emitRun(run: RunState, state: 'started' | 'finished', total: number): void {
    this.emit({
      type: 'run',
      runId: run.id,
      state,
      at: this.deps.clock.now(),
      total,
      ...run.counts,
    } satisfies CollectionProgress)
  }
}
