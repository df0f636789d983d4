import type Database from 'better-sqlite3'
import type { KnownHost } from '../../../../shared/contract/known-hosts'
import { DomainError } from '../../../../shared/domain/errors'
import type { Clock } from '../../ports'
import type { Store } from '../../store/store'
import { fingerprintOf, hashedNameMatches, keyTypeOf } from './host-key'
import { parseKnownHosts } from './known-hosts-file'

interface KnownHostRow {
  id: number
  host: string | null
  host_salt: Buffer | null
  host_hash: Buffer | null
  port: number
  key_type: string
  public_key: Buffer
  fingerprint: string
  source: KnownHost['source']
  added_at: number
}

/** What is known of a presented host key. */
export type HostKeyVerdict =
  | { status: 'trusted'; known: KnownHost }
  | { status: 'unknown' }
  | { status: 'changed'; known: KnownHost }

function toKnownHost(row: KnownHostRow): KnownHost {
  return {
    id: row.id,
    host: row.host ?? '(hashed entry)',
    port: row.port,
    keyType: row.key_type,
    fingerprint: row.fingerprint,
    source: row.source,
    addedAt: row.added_at,
  }
}

/**
 * Trusted host keys, keyed by host, port and key type. A presented key is trusted only if it
 * equals a stored key of its type; a host with stored keys presenting anything else is
 * 'changed' — the caller must stop before sending any credential.
 */
export class KnownHostStore {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Every stored key for this host and port, hashed entries included. */
  keysFor(host: string, port: number): KnownHostRow[] {
    const name = host.toLowerCase()
    const plain = this.store.db
      .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ?')
      .all(name, port) as KnownHostRow[]
    const hashed = (
      this.store.db.prepare('SELECT * FROM known_hosts WHERE host IS NULL').all() as KnownHostRow[]
    ).filter(
      (row) =>
        row.host_salt &&
        row.host_hash &&
        hashedNameMatches(row.host_salt, row.host_hash, name, port),
    )
    return [...plain, ...hashed]
  }

  /** The key types to ask the server for, so it presents one we can check (as OpenSSH does). */
  preferredKeyTypes(host: string, port: number): string[] {
    return [...new Set(this.keysFor(host, port).map((row) => row.key_type))]
  }

  check(host: string, port: number, key: Buffer): HostKeyVerdict {
    const rows = this.keysFor(host, port)
    if (rows.length === 0) return { status: 'unknown' }
    const match = rows.find((row) => row.public_key.equals(key))
    if (match) return { status: 'trusted', known: toKnownHost(match) }
    const type = keyTypeOf(key)
    const sameType = rows.find((row) => row.key_type === type) ?? rows[0]
    return { status: 'changed', known: toKnownHost(sameType as KnownHostRow) }
  }

  /** Stores a key the technician accepted, or one learned from an already trusted server. */
  add(host: string, port: number, key: Buffer, source: 'accepted' | 'learned'): KnownHost {
    const keyType = keyTypeOf(key)
    if (!keyType) throw new DomainError('invalid', 'Not an SSH public key')
    const name = host.toLowerCase()
    return this.store.transaction((db) => {
      const existing = db
        .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ? AND key_type = ?')
        .get(name, port, keyType) as KnownHostRow | undefined
      if (existing?.public_key.equals(key)) return toKnownHost(existing)
      if (existing) {
        throw new DomainError(
          'conflict',
          `${name}:${port} already has a different ${keyType} key; remove it first`,
        )
      }
      return toKnownHost(
        insert(db, { host: name, port, key, keyType, source, at: this.clock.now() }),
      )
    })
  }

  list(): KnownHost[] {
    return (
      this.store.db
        .prepare('SELECT * FROM known_hosts ORDER BY host, port, key_type')
        .all() as KnownHostRow[]
    ).map(toKnownHost)
  }

  remove(id: number): void {
    const result = this.store.db.prepare('DELETE FROM known_hosts WHERE id = ?').run(id)
    if (result.changes === 0) throw new DomainError('not-found', 'No such known host')
  }

  /** Imports OpenSSH known_hosts text; keys that conflict with trusted ones are not replaced. */
  import(text: string): {
    imported: number
    alreadyKnown: number
    skipped: Array<{ line: number; reason: string }>
  } {
    const { entries, skipped } = parseKnownHosts(text)
    let imported = 0
    let alreadyKnown = 0
    const at = this.clock.now()
    this.store.transaction((db) => {
      for (const entry of entries) {
        if (entry.kind === 'hashed') {
          const same = (
            db
              .prepare(
                'SELECT public_key, host_salt, host_hash FROM known_hosts WHERE host IS NULL',
              )
              .all() as KnownHostRow[]
          ).some((r) => r.host_hash?.equals(entry.hash) && r.public_key.equals(entry.key))
          if (same) alreadyKnown++
          else {
            db.prepare(
              `INSERT INTO known_hosts (host, host_salt, host_hash, port, key_type, public_key, fingerprint, source, added_at)
               VALUES (NULL, ?, ?, 0, ?, ?, ?, 'imported', ?)`,
            ).run(entry.salt, entry.hash, entry.keyType, entry.key, fingerprintOf(entry.key), at)
            imported++
          }
          continue
        }
        const existing = db
          .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ? AND key_type = ?')
          .get(entry.host, entry.port, entry.keyType) as KnownHostRow | undefined
        if (existing?.public_key.equals(entry.key)) alreadyKnown++
        else if (existing) {
          skipped.push({
            line: entry.line,
            reason: `${entry.host}:${entry.port} already has a different trusted ${entry.keyType} key`,
          })
        } else {
          insert(db, { ...entry, source: 'imported', at })
          imported++
        }
      }
    })
    skipped.sort((a, b) => a.line - b.line)
    return { imported, alreadyKnown, skipped }
  }
}

function insert(
  db: Database.Database,
  row: {
    host: string
    port: number
    key: Buffer
    keyType: string
    source: KnownHost['source']
    at: number
  },
): KnownHostRow {
  const result = db
    .prepare(
      `INSERT INTO known_hosts (host, port, key_type, public_key, fingerprint, source, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(row.host, row.port, row.keyType, row.key, fingerprintOf(row.key), row.source, row.at)
  return db
    .prepare('SELECT * FROM known_hosts WHERE id = ?')
    .get(result.lastInsertRowid) as KnownHostRow
}
