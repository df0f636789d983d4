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

/** Append-only record of what technicians did. Callers pass the transaction's db handle. */
export class AuditLog {
  private readonly listStatement: Database.Statement<[number, number], AuditRow>

  constructor(private readonly store: Store) {
    this.listStatement = store.db.prepare(
      'SELECT id, at, actor, action, subject, detail FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?',
    )
  }

  record(db: Database.Database, at: number, entry: AuditRecord): void {
    db.prepare(
      'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
    ).run(at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.detail ?? {}))
  }

  /** Records an event that is not part of a larger unit of work. */
  append(at: number, entry: AuditRecord): void {
    this.record(this.store.db, at, entry)
  }

  list(limit: number, beforeId?: number): AuditEntry[] {
    return this.listStatement
      .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit)
      .map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }))
  }
}
