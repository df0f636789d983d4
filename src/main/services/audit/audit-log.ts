import type Database from 'better-sqlite3'
import type { AuditEntry } from '../../../shared/contract'
import type { Store } from '../store/store'

export interface AuditRecord {
  actor: string
  action: string
  subject: string
  detail?: Record<string, unknown>
}

interface AuditRow {
  id: number
  at: number
  actor: string
  action: string
  subject: string
  detail: string
}

/** Which entries a list returns: newest first, before an id, of one action or device. */
export interface AuditQuery {
  limit: number
  beforeId?: number | undefined
  action?: string | undefined
  deviceId?: string | undefined
}

/** Append-only record of what technicians did. Callers pass the transaction's db handle. */
export class AuditLog {
  /** One statement per combination of filters, prepared on first use. */
  private readonly listStatements = new Map<string, Database.Statement<unknown[], AuditRow>>()

  constructor(private readonly store: Store) {}

  record(db: Database.Database, at: number, entry: AuditRecord): void {
    db.prepare(
      'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
    ).run(at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.detail ?? {}))
  }

  /** Records an event that is not part of a larger unit of work. */
  append(at: number, entry: AuditRecord): void {
    this.record(this.store.db, at, entry)
  }

  list(query: AuditQuery): AuditEntry[] {
    const where = ['id < @beforeId']
    // The same expression as the audit_log_by_device index, so the index answers it.
    if (query.deviceId !== undefined) where.push("json_extract(detail, '$.deviceId') = @deviceId")
    if (query.action !== undefined) where.push('action = @action')
    const sql = `SELECT id, at, actor, action, subject, detail FROM audit_log
      WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`
    let statement = this.listStatements.get(sql)
    if (!statement) {
      statement = this.store.db.prepare<unknown[], AuditRow>(sql)
      this.listStatements.set(sql, statement)
    }
    const params: Record<string, unknown> = {
      beforeId: query.beforeId ?? Number.MAX_SAFE_INTEGER,
      limit: query.limit,
    }
    if (query.deviceId !== undefined) params.deviceId = query.deviceId
    if (query.action !== undefined) params.action = query.action
    return statement
      .all(params)
      .map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }))
  }
}
