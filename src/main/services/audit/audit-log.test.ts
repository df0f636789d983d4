import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../testing/temp-dir'
import { Store } from '../store/store'
import { AuditLog } from './audit-log'

const tempDir = useTempDirs()
const stores: Store[] = []
afterEach(() => {
  for (const store of stores.splice(0)) store.close()
})

function auditLog(): { store: Store; audit: AuditLog } {
  const store = new Store({ file: join(tempDir(), 'switchboard.sqlite') })
  stores.push(store)
  return { store, audit: new AuditLog(store) }
}

describe('the audit log', () => {
  it("finds a device's old sessions under any number of newer entries, through its index", () => {
    const { store, audit } = auditLog()
    const session = (deviceId: string | null, sessionId: string) => ({
      actor: 'alice',
      action: 'session.ssh',
      subject: 'root@10.0.0.5:22',
      detail: { sessionId, deviceId },
    })
    audit.append(1, session('device-a', 'oldest'))
    audit.append(2, {
      actor: 'alice',
      action: 'inventory.collect',
      subject: 'x',
      detail: { deviceId: 'device-a' },
    })
    store.transaction((db) => {
      for (let i = 0; i < 2000; i++)
        audit.record(db, 10 + i, session(i % 2 ? 'device-b' : null, `s${i}`))
    })
    audit.append(5000, session('device-a', 'newest'))

    const sessions = audit.list({ limit: 50, action: 'session.ssh', deviceId: 'device-a' })
    expect(sessions.map((e) => e.detail.sessionId)).toEqual(['newest', 'oldest'])
    expect(audit.list({ limit: 50, deviceId: 'device-a' }).map((e) => e.action)).toEqual([
      'session.ssh',
      'inventory.collect',
      'session.ssh',
    ])
    // Paging goes on from the oldest entry shown.
    const [newest] = sessions
    expect(
      audit.list({ limit: 1, deviceId: 'device-a', beforeId: newest?.id }).map((e) => e.action),
    ).toEqual(['inventory.collect'])
    expect(audit.list({ limit: 3 }).map((e) => e.at)).toEqual([5000, 2009, 2008])

    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM audit_log
         WHERE id < 1e15 AND json_extract(detail, '$.deviceId') = 'device-a'
           AND action = 'session.ssh' ORDER BY id DESC LIMIT 50`,
      )
      .all() as Array<{ detail: string }>
    expect(plan.map((row) => row.detail).join('\n')).toContain('audit_log_by_device')
  })
})
