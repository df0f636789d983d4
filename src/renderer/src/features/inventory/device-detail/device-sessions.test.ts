import { describe, expect, it } from 'vitest'
import type { AuditEntry, SessionSummary } from '@shared/contract'
import { deviceSessions } from './device-sessions'

const live = (id: string, patch: Partial<SessionSummary> = {}): SessionSummary => ({
  id,
  title: 'sbtest@this-machine',
  host: '127.0.0.1',
  port: 2222,
  username: 'sbtest',
  state: 'connected',
  startedAt: 3000,
  endedAt: null,
  exitReason: null,
  dropped: false,
  hostKeyFingerprint: 'SHA256:x',
  recordingId: `rec-${id}`,
  bytesIn: 100,
  bytesOut: 20,
  deviceId: 'dev-1',
  ticketId: null,
  ...patch,
})

const audited = (sessionId: string, detail: Record<string, unknown>): AuditEntry => ({
  id: Number(sessionId.replace(/\D/g, '')) || 1,
  at: 2500,
  actor: 'tech',
  action: 'session.ssh',
  subject: 'sbtest@127.0.0.1:2222',
  detail: { sessionId, deviceId: 'dev-1', startedAt: 2000, endedAt: 2400, ...detail },
})

describe('deviceSessions', () => {
  it('lists the device’s live and audited sessions once each, newest first', () => {
    const rows = deviceSessions(
      'dev-1',
      [
        live('s3'),
        live('s9', { deviceId: 'dev-2' }),
        live('s2', { state: 'closed', startedAt: 2000, endedAt: 2400 }),
      ],
      [
        audited('s2', { recordingId: 'rec-s2' }),
        audited('s1', {
          startedAt: 1000,
          endedAt: 1500,
          recordingId: 'rec-s1',
          bytesIn: 5,
          bytesOut: 6,
        }),
        audited('s0', { deviceId: 'dev-2' }),
        { ...audited('s7', {}), action: 'inventory.collect' },
      ],
    )
    expect(rows.map((r) => [r.sessionId, r.state, r.recordingId, r.bytes])).toEqual([
      ['s3', 'open', 'rec-s3', 120],
      ['s2', 'ended', 'rec-s2', 120],
      ['s1', 'ended', 'rec-s1', 11],
    ])
  })

  it('reads a session that never got a shell as not connected, with its reason', () => {
    const [row] = deviceSessions(
      'dev-1',
      [],
      [audited('s4', { recordingId: null, exitReason: 'Host key refused' })],
    )
    expect(row).toMatchObject({ state: 'failed', exitReason: 'Host key refused', endedAt: 2400 })
  })

  it('skips audit rows it cannot read', () => {
    expect(deviceSessions('dev-1', [], [audited('s5', { startedAt: 'yesterday' })])).toEqual([])
  })
})
