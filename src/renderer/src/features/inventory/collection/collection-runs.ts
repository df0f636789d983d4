/**
 * Collection runs as the device table shows them: per run, each device's latest state, and
 * counts per state. Pure: events go in as batches, a new state comes out.
 */
import type { CollectionFailureReason, CollectionProgress } from '@shared/contract'
import type { StatusTone } from '../../../ui/StatusDot'

type DeviceEvent = Extract<CollectionProgress, { type: 'device' }>
export type DeviceRunState = DeviceEvent['state']

export interface DeviceProgress {
  deviceId: string
  hostname: string
  state: DeviceRunState
  at: number
  failure?: { reason: CollectionFailureReason; message: string }
  /** Recorded changes, once done. */
  changes?: number
  /** What the probe could not find out, once done. */
  problems?: string[]
}

export interface RunProgress {
  runId: string
  startedAt: number
  finished: boolean
  total: number
  counts: Record<DeviceRunState, number>
  devices: ReadonlyMap<string, DeviceProgress>
}

export interface RunsState {
  /** Newest first. */
  runs: readonly RunProgress[]
}

export const emptyRuns: RunsState = { runs: [] }

/** Runs kept for the panel; older ones drop off. */
const KEEP_RUNS = 5

const zeroCounts = (): Record<DeviceRunState, number> => ({
  queued: 0,
  connecting: 0,
  collecting: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
})

/** Applies a batch of events; a run's device map is copied once per batch, not per event. */
export function applyProgress(state: RunsState, events: readonly CollectionProgress[]): RunsState {
  if (events.length === 0) return state
  const runs = new Map(state.runs.map((run) => [run.runId, run]))
  const touched = new Map<string, { run: RunProgress; devices: Map<string, DeviceProgress> }>()
  const draft = (runId: string, at: number) => {
    let entry = touched.get(runId)
    if (!entry) {
      const run = runs.get(runId) ?? {
        runId,
        startedAt: at,
        finished: false,
        total: 0,
        counts: zeroCounts(),
        devices: new Map<string, DeviceProgress>(),
      }
      entry = { run: { ...run, counts: { ...run.counts } }, devices: new Map(run.devices) }
      touched.set(runId, entry)
    }
    return entry
  }
  for (const event of events) {
    const entry = draft(event.runId, event.at)
    if (event.type === 'run') {
      entry.run.total = event.total
      if (event.state === 'started') entry.run.startedAt = event.at
      else entry.run.finished = true
      continue
    }
    const before = entry.devices.get(event.deviceId)
    if (before) entry.run.counts[before.state] -= 1
    entry.run.counts[event.state] += 1
    entry.devices.set(event.deviceId, deviceProgress(event))
  }
  for (const [runId, { run, devices }] of touched) {
    runs.set(runId, { ...run, total: Math.max(run.total, devices.size), devices })
  }
  const ordered = [...runs.values()].sort((a, b) => b.startedAt - a.startedAt)
  return { runs: ordered.slice(0, KEEP_RUNS) }
}

function deviceProgress(event: DeviceEvent): DeviceProgress {
  return {
    deviceId: event.deviceId,
    hostname: event.hostname,
    state: event.state,
    at: event.at,
    ...(event.failure ? { failure: event.failure } : {}),
    ...(event.result
      ? { changes: event.result.changes.length, problems: event.result.problems }
      : {}),
  }
}

/** A device's state in the newest run that includes it. */
export function latestDeviceProgress(
  state: RunsState,
  deviceId: string,
): DeviceProgress | undefined {
  for (const run of state.runs) {
    const progress = run.devices.get(deviceId)
    if (progress) return progress
  }
  return undefined
}

/** Devices neither finished nor failed. */
export function pendingCount(run: RunProgress): number {
  return run.counts.queued + run.counts.connecting + run.counts.collecting
}

export function isRunActive(run: RunProgress): boolean {
  return !run.finished
}

/** Failed devices first, then running, queued, done and cancelled; by hostname within each. */
export function devicesForPanel(run: RunProgress): DeviceProgress[] {
  const rank: Record<DeviceRunState, number> = {
    failed: 0,
    collecting: 1,
    connecting: 2,
    queued: 3,
    done: 4,
    cancelled: 5,
  }
  return [...run.devices.values()].sort(
    (a, b) => rank[a.state] - rank[b.state] || a.hostname.localeCompare(b.hostname),
  )
}

const failureLabels: Record<CollectionFailureReason, { label: string; hint: string }> = {
  unreachable: {
    label: 'Unreachable',
    hint: 'Nothing answered on the SSH address. Check that the device is on and reachable.',
  },
  'auth-failed': {
    label: 'Authentication failed',
    hint: 'The device refused the login. Check its SSH user and vault credential.',
  },
  'credential-scope': {
    label: 'Credential not for this device',
    hint: 'The device’s credential is scoped to another client or device, so it was not sent. Widen its scope under Sessions → Credentials, or choose another credential under Edit.',
  },
  'host-key-untrusted': {
    label: 'Host key refused',
    hint: 'The host key is not trusted yet. Open an SSH session once to check and trust it.',
  },
  'host-key-changed': {
    label: 'Host key changed',
    hint: 'The device presented a different host key. Verify it, then remove the old one under Known hosts.',
  },
  'no-endpoint': {
    label: 'No SSH address',
    hint: 'Set the device’s SSH host (or an IP) to collect from it.',
  },
  'winrm-unavailable': {
    label: 'WinRM not available',
    hint: 'Windows collection over WinRM is not available yet.',
  },
  'unsupported-os': {
    label: 'Unsupported OS',
    hint: 'There is no probe for this operating system.',
  },
  'vault-locked': {
    label: 'Vault locked',
    hint: 'Unlock the vault so the device’s credential can be used, then refresh again.',
  },
  timeout: { label: 'Timed out', hint: 'The probe did not finish in time.' },
  'probe-failed': { label: 'Probe failed', hint: 'The device answered but the probe failed.' },
}

export function failureLabel(reason: CollectionFailureReason): string {
  return failureLabels[reason].label
}

export function failureHint(reason: CollectionFailureReason): string {
  return failureLabels[reason].hint
}

/** One line for a device's progress: "Queued", "Done, 3 changes", "Unreachable". */
export function progressText(progress: DeviceProgress): string {
  switch (progress.state) {
    case 'queued':
      return 'Queued'
    case 'connecting':
      return 'Connecting…'
    case 'collecting':
      return 'Collecting…'
    case 'cancelled':
      return 'Cancelled'
    case 'failed':
      return progress.failure ? failureLabel(progress.failure.reason) : 'Failed'
    case 'done': {
      const changes = progress.changes ?? 0
      if (changes === 0) return 'Done, no changes'
      return `Done, ${changes} ${changes === 1 ? 'change' : 'changes'}`
    }
  }
}

export function progressTone(state: DeviceRunState): StatusTone {
  switch (state) {
    case 'done':
      return 'ok'
    case 'failed':
      return 'bad'
    case 'connecting':
    case 'collecting':
      return 'warn'
    default:
      return 'idle'
  }
}

/** Takes a finished run off the panel. */
export function dismissRun(state: RunsState, runId: string): RunsState {
  return { runs: state.runs.filter((run) => run.runId !== runId || !run.finished) }
}

/**
 * The runs a table shows: those started from it, and runs started elsewhere (a device page)
 * only in `fallbackScope`, so a client page does not show other clients' runs.
 */
export function runsForScope(
  state: RunsState,
  origins: Readonly<Record<string, string>>,
  scope: string,
  fallbackScope: string,
): RunsState {
  const runs = state.runs.filter((run) => (origins[run.runId] ?? fallbackScope) === scope)
  return runs.length === state.runs.length ? state : { runs }
}
