import { EventEmitter } from 'node:events'
import {
  SettingEntry,
  settingDefinitions,
  type SettingKey,
  type SettingValue,
} from '../../../shared/contract/settings'
import type { AuditLog } from '../audit/audit-log'
import type { Clock, Logger } from '../ports'
import type { Store } from '../store/store'

interface SettingRow {
  key: string
  value: string
}

/** Typed settings stored as JSON in SQLite; each change is audited and broadcast. */
export class SettingsService {
  private readonly changes = new EventEmitter()

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly technician: string,
  ) {}

  list(): SettingEntry[] {
    const rows = this.store.db.prepare('SELECT key, value FROM settings').all() as SettingRow[]
    const stored = new Map(rows.map((r) => [r.key, r.value]))
    return (Object.keys(settingDefinitions) as SettingKey[]).map((key) =>
      this.decode(key, stored.get(key)),
    )
  }

  get(key: SettingKey): SettingEntry {
    const row = this.store.db.prepare('SELECT key, value FROM settings WHERE key = ?').get(key) as
      SettingRow | undefined
    return this.decode(key, row?.value)
  }

  /** One setting's value, typed by its key (decode keeps every value true to its key). */
  value<K extends SettingKey>(key: K): SettingValue<K> {
    return this.get(key).value as SettingValue<K>
  }

  set(entry: SettingEntry): SettingEntry & { updatedAt: number } {
    const updatedAt = this.clock.now()
    this.store.transaction((db) => {
      db.prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(entry.key, JSON.stringify(entry.value), updatedAt)
      this.audit.record(db, updatedAt, {
        actor: this.technician,
        action: 'settings.set',
        subject: entry.key,
        detail: { value: entry.value },
      })
    })
    this.changes.emit('change', entry)
    return { ...entry, updatedAt }
  }

  /** Tells listeners a setting changed underneath this service (team sync wrote it). */
  announce(key: SettingKey): void {
    this.changes.emit('change', this.get(key))
  }

  onDidChange(listener: (entry: SettingEntry) => void): () => void {
    this.changes.on('change', listener)
    return () => this.changes.off('change', listener)
  }

  /** A stored value that no longer fits its schema falls back to the default, loudly. */
  private decode(key: SettingKey, raw: string | undefined): SettingEntry {
    const fallback = SettingEntry.parse({ key, value: settingDefinitions[key].defaultValue })
    if (raw === undefined) return fallback
    const parsed = SettingEntry.safeParse({ key, value: JSON.parse(raw) as unknown })
    if (parsed.success) return parsed.data
    this.logger.warn(`setting ${key} holds an invalid value; using its default`)
    return fallback
  }
}
