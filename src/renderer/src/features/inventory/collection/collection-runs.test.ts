import { describe, expect, it } from 'vitest'
import type { CollectionProgress } from '@shared/contract'
import {
  applyProgress,
  devicesForPanel,
  dismissRun,
  emptyRuns,
  failureHint,
  isRunActive,
  latestDeviceProgress,
  pendingCount,
  progressText,
  progressTone,
  runsForScope,
} from './collection-runs'

const run = (runId: string, state: 'started' | 'finished', at: number, total = 3) =>
  ({ type: 'run', runId, state, at, total, done: 0, failed: 0, cancelled: 0 }) as const

const device = (
  runId: string,
  deviceId: string,
  state: Extract<CollectionProgress, { type: 'device' }>['state'],
  extra: Partial<Extract<CollectionProgress, { type: 'device' }>> = {},
): CollectionProgress => ({
  type: 'device',
  runId,
  deviceId,
  hostname: deviceId.toUpperCase(),
  state,
  at: 1,
  ...extra,
})

describe('applyProgress', () => {
  it('follows each device through its states and counts them', () => {
    const started = applyProgress(emptyRuns, [
      run('r1', 'started', 100),
      device('r1', 'a', 'queued'),
      device('r1', 'b', 'queued'),
      device('r1', 'c', 'queued'),
    ])
    const r = started.runs[0]
    expect(r).toBeDefined()
    expect(r?.counts.queued).toBe(3)
    expect(r && pendingCount(r)).toBe(3)

    const later = applyProgress(started, [
      device('r1', 'a', 'connecting'),
      device('r1', 'a', 'collecting'),
      device('r1', 'a', 'done', {
        result: {
          snapshotId: 7,
          problems: [],
          changes: [{ field: 'ramBytes', summary: 'RAM 8 → 16 GB' }],
        },
      }),
      device('r1', 'b', 'failed', {
        failure: { reason: 'auth-failed', message: 'Login to b failed' },
      }),
    ])
    const l = later.runs[0]
    expect(l?.counts).toEqual({
      queued: 1,
      connecting: 0,
      collecting: 0,
      done: 1,
      failed: 1,
      cancelled: 0,
    })
    expect(latestDeviceProgress(later, 'a')).toMatchObject({ state: 'done', changes: 1 })
    expect(latestDeviceProgress(later, 'b')?.failure?.reason).toBe('auth-failed')
    expect(l && isRunActive(l)).toBe(true)
    // The earlier state is untouched: batches produce new objects.
    expect(started.runs[0]?.counts.done).toBe(0)

    const finished = applyProgress(later, [
      device('r1', 'c', 'cancelled'),
      run('r1', 'finished', 200),
    ])
    expect(finished.runs[0] && isRunActive(finished.runs[0])).toBe(false)
    expect(finished.runs[0]?.total).toBe(3)
  })

  it('lists runs newest first and keeps the newest few', () => {
    let state = emptyRuns
    for (let i = 1; i <= 7; i++) state = applyProgress(state, [run(`r${i}`, 'started', i * 10)])
    expect(state.runs.map((r) => r.runId)).toEqual(['r7', 'r6', 'r5', 'r4', 'r3'])
  })

  it('takes a device’s state from the newest run that has it', () => {
    const state = applyProgress(emptyRuns, [
      run('old', 'started', 1),
      device('old', 'a', 'failed', { failure: { reason: 'unreachable', message: 'x' } }),
      run('new', 'started', 2),
      device('new', 'a', 'collecting'),
    ])
    expect(latestDeviceProgress(state, 'a')?.state).toBe('collecting')
    expect(latestDeviceProgress(state, 'zzz')).toBeUndefined()
  })

  it('dismisses only finished runs', () => {
    const state = applyProgress(emptyRuns, [
      run('busy', 'started', 2),
      run('over', 'started', 1),
      run('over', 'finished', 3),
    ])
    expect(dismissRun(state, 'over').runs.map((r) => r.runId)).toEqual(['busy'])
    expect(dismissRun(state, 'busy').runs).toHaveLength(2)
  })
})

describe('what the panel shows', () => {
  const state = applyProgress(emptyRuns, [
    run('r', 'started', 1),
    device('r', 'zeta', 'done', { result: { snapshotId: 1, problems: [], changes: [] } }),
    device('r', 'alpha', 'queued'),
    device('r', 'beta', 'failed', {
      failure: { reason: 'host-key-untrusted', message: 'Host key not trusted' },
    }),
    device('r', 'gamma', 'collecting'),
  ])

  it('puts failures first, then running, queued and done', () => {
    const r = state.runs[0]
    expect(r && devicesForPanel(r).map((d) => d.deviceId)).toEqual([
      'beta',
      'gamma',
      'alpha',
      'zeta',
    ])
  })

  it('words each state, failures by their reason', () => {
    const text = (id: string) => {
      const p = latestDeviceProgress(state, id)
      return p ? progressText(p) : ''
    }
    expect(text('zeta')).toBe('Done, no changes')
    expect(text('alpha')).toBe('Queued')
    expect(text('gamma')).toBe('Collecting…')
    expect(text('beta')).toBe('Host key refused')
    expect(failureHint('host-key-untrusted')).toMatch(/trust/)
    expect(failureHint('unreachable')).toMatch(/reachable/)
    expect(failureHint('auth-failed')).toMatch(/credential/)
    expect(progressText({ deviceId: 'x', hostname: 'x', state: 'done', at: 1, changes: 3 })).toBe(
      'Done, 3 changes',
    )
    expect(progressTone('failed')).toBe('bad')
    expect(progressTone('done')).toBe('ok')
    expect(progressTone('queued')).toBe('idle')
  })
})

describe('runsForScope', () => {
  const state = applyProgress(emptyRuns, [
    run('mine', 'started', 3),
    run('other-client', 'started', 2),
    run('from-device-page', 'started', 1),
  ])
  const origins = { mine: 'client:1', 'other-client': 'client:2' }

  it('shows a table its own runs, and runs from elsewhere only on the fallback table', () => {
    expect(runsForScope(state, origins, 'client:1', 'devices').runs.map((r) => r.runId)).toEqual([
      'mine',
    ])
    expect(runsForScope(state, origins, 'devices', 'devices').runs.map((r) => r.runId)).toEqual([
      'from-device-page',
    ])
  })
})
