import { describe, expect, it } from 'vitest'
import type { CollectionProgress } from '@shared/contract'
import {
  idleRefresh,
  isRefreshing,
  nextRefreshState,
  refreshAdvice,
  type RefreshState,
} from './refresh-state'

const device = (
  state: Extract<CollectionProgress, { type: 'device' }>['state'],
  extra: Partial<Extract<CollectionProgress, { type: 'device' }>> = {},
): CollectionProgress => ({
  type: 'device',
  runId: 'run-1',
  deviceId: 'dev-1',
  hostname: 'fs01',
  state,
  at: 1,
  ...extra,
})

const fold = (events: CollectionProgress[], runId: string | null = 'run-1'): RefreshState =>
  events.reduce<RefreshState>((s, e) => nextRefreshState(s, e, 'dev-1', runId), {
    phase: 'starting',
  })

describe('nextRefreshState', () => {
  it('follows this device through its run to the changes found', () => {
    const changes = [{ field: 'memoryBytes', summary: 'RAM 8 GB → 16 GB' }]
    const steps = [
      device('queued'),
      device('connecting'),
      device('collecting'),
      device('done', { result: { snapshotId: 4, problems: ['no dmidecode'], changes } }),
    ]
    expect(fold(steps.slice(0, 3))).toEqual({ phase: 'collecting', runId: 'run-1' })
    expect(isRefreshing(fold(steps.slice(0, 3)))).toBe(true)
    const done = fold(steps)
    expect(done).toEqual({ phase: 'done', runId: 'run-1', changes, problems: ['no dmidecode'] })
    expect(isRefreshing(done)).toBe(false)
  })

  it('carries the reason and main’s words of a failure', () => {
    const failed = fold([
      device('failed', {
        failure: {
          reason: 'host-key-untrusted',
          message: 'The host key of 127.0.0.1:22 is not trusted yet',
        },
      }),
    ])
    expect(failed).toEqual({
      phase: 'failed',
      runId: 'run-1',
      reason: 'host-key-untrusted',
      message: 'The host key of 127.0.0.1:22 is not trusted yet',
    })
  })

  it('ignores other devices, other runs, run events, and everything before the run is known', () => {
    const events: CollectionProgress[] = [
      device('done', { deviceId: 'dev-2' }),
      device('failed', { runId: 'run-0' }),
      {
        type: 'run',
        runId: 'run-1',
        state: 'finished',
        at: 2,
        total: 1,
        done: 1,
        failed: 0,
        cancelled: 0,
      },
    ]
    expect(fold(events)).toEqual({ phase: 'starting' })
    expect(fold([device('done')], null)).toEqual({ phase: 'starting' })
    expect(isRefreshing(idleRefresh)).toBe(false)
  })
})

describe('refreshAdvice', () => {
  it('sends an untrusted host key to a session, a changed one to Known hosts', () => {
    expect(refreshAdvice('host-key-untrusted').remedy).toBe('open-session')
    expect(refreshAdvice('host-key-changed').remedy).toBe('known-hosts')
    expect(refreshAdvice('auth-failed').remedy).toBe('edit')
    expect(refreshAdvice('vault-locked').remedy).toBe('unlock-vault')
    expect(refreshAdvice(null).title).toBe('Collection failed')
  })
})
