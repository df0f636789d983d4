import { z } from 'zod'
import type { AuditEntry, SessionSummary } from '@shared/contract'

/** One SSH session opened for a device, live or from the audit log. */
export interface DeviceSessionRow {
  sessionId: string
  title: string
  address: string
  startedAt: number
  endedAt: number | null
  state: 'open' | 'ended' | 'failed'
  exitReason: string | null
  recordingId: string | null
  bytes: number
}

/** The part of a `session.ssh` audit row this page reads; older rows may lack fields. */
const SessionAudit = z.object({
  sessionId: z.string(),
  deviceId: z.string().nullable().optional(),
  address: z.string().optional(),
  startedAt: z.number(),
  endedAt: z.number().nullable().optional(),
  exitReason: z.string().nullable().optional(),
  recordingId: z.string().nullable().optional(),
  bytesIn: z.number().optional(),
  bytesOut: z.number().optional(),
})

/**
 * The device's sessions, newest first: this run's (live state, from `sessions.list`) and
 * earlier ones from the audit log (one row per ended session). A session in both shows once,
 * live.
 */
export function deviceSessions(
  deviceId: string,
  live: readonly SessionSummary[],
  audit: readonly AuditEntry[],
): DeviceSessionRow[] {
  const rows = new Map<string, DeviceSessionRow>()
  for (const s of live) {
    if (s.deviceId !== deviceId) continue
    rows.set(s.id, {
      sessionId: s.id,
      title: s.title,
      address: `${s.username}@${s.host}:${s.port}`,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      state: s.state === 'failed' ? 'failed' : s.state === 'closed' ? 'ended' : 'open',
      exitReason: s.exitReason,
      recordingId: s.recordingId,
      bytes: s.bytesIn + s.bytesOut,
    })
  }
  for (const entry of audit) {
    if (entry.action !== 'session.ssh') continue
    const parsed = SessionAudit.safeParse(entry.detail)
    if (!parsed.success || parsed.data.deviceId !== deviceId) continue
    const d = parsed.data
    if (rows.has(d.sessionId)) continue
    rows.set(d.sessionId, {
      sessionId: d.sessionId,
      title: entry.subject,
      address: entry.subject,
      startedAt: d.startedAt,
      endedAt: d.endedAt ?? entry.at,
      // A session that never connected has no host key and reads as failed in its reason.
      state: d.recordingId ? 'ended' : 'failed',
      exitReason: d.exitReason ?? null,
      recordingId: d.recordingId ?? null,
      bytes: (d.bytesIn ?? 0) + (d.bytesOut ?? 0),
    })
  }
  return [...rows.values()].sort((a, b) => b.startedAt - a.startedAt)
}
