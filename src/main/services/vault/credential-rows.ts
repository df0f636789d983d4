import type Database from 'better-sqlite3'
import type {
  CredentialKind,
  CredentialScope,
  CredentialSummary,
} from '../../../shared/contract/vault'
import { DomainError } from '../../../shared/domain/errors'

/** One row of the credentials table, the sealed secret included. */
export interface CredentialRow {
  id: string
  name: string
  kind: CredentialKind
  username: string
  scope_kind: CredentialScope['kind']
  /** The client or device id; null for a global credential. */
  scope_id: string | null
  has_passphrase: number
  secret: Buffer | null
  created_at: number
  updated_at: number
}

/** A row as read, with its scope's client name or device hostname (null once deleted). */
export interface StoredCredential extends CredentialRow {
  scope_label: string | null
}

/** The scope as the contract carries it. */
export function scopeOf(row: Pick<CredentialRow, 'scope_kind' | 'scope_id'>): CredentialScope {
  if (row.scope_kind === 'client' && row.scope_id !== null) {
    return { kind: 'client', clientId: row.scope_id }
  }
  if (row.scope_kind === 'device' && row.scope_id !== null) {
    return { kind: 'device', deviceId: row.scope_id }
  }
  return { kind: 'global' }
}

/** The scope as the two columns store it. */
export function scopeColumns(
  scope: CredentialScope,
): Pick<CredentialRow, 'scope_kind' | 'scope_id'> {
  switch (scope.kind) {
    case 'global':
      return { scope_kind: 'global', scope_id: null }
    case 'client':
      return { scope_kind: 'client', scope_id: scope.clientId }
    case 'device':
      return { scope_kind: 'device', scope_id: scope.deviceId }
  }
}

/** The metadata of a row: what may leave the main process. */
export function toSummary(row: StoredCredential): CredentialSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    username: row.username,
    scope: scopeOf(row),
    scopeLabel: row.scope_label,
    hasPassphrase: row.has_passphrase === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Prepared statements over the credentials table; run writes inside `Store.transaction`. */
export class CredentialRows {
  private readonly byId: Database.Statement<[string], StoredCredential>
  private readonly listAll: Database.Statement<[], StoredCredential>
  private readonly listForClient: Database.Statement<[string, string], StoredCredential>
  private readonly clientName: Database.Statement<[string], string>
  private readonly deviceName: Database.Statement<[string], string>
  private readonly insertRow: Database.Statement<[CredentialRow]>
  private readonly updateRow: Database.Statement<[CredentialRow]>
  private readonly deleteRow: Database.Statement<[string]>

  constructor(db: Database.Database) {
    const columns =
      'id, name, kind, username, scope_kind, scope_id, has_passphrase, secret, created_at, updated_at'
    // Labels are read, not stored: a renamed client or device shows its new name.
    const select = `SELECT ${columns},
        CASE scope_kind
          WHEN 'client' THEN (SELECT name FROM clients WHERE clients.id = scope_id)
          WHEN 'device' THEN (SELECT hostname FROM devices WHERE devices.id = scope_id)
        END AS scope_label
      FROM credentials`
    const order = 'ORDER BY name COLLATE NOCASE, id'
    this.byId = db.prepare(`${select} WHERE id = ?`)
    this.listAll = db.prepare(`${select} ${order}`)
    this.listForClient = db.prepare(
      `${select} WHERE scope_kind = 'global'
         OR (scope_kind = 'client' AND scope_id = ?)
         OR (scope_kind = 'device' AND scope_id IN (SELECT id FROM devices WHERE client_id = ?))
       ${order}`,
    )
    this.clientName = db.prepare<[string], string>('SELECT name FROM clients WHERE id = ?').pluck()
    this.deviceName = db
      .prepare<[string], string>('SELECT hostname FROM devices WHERE id = ?')
      .pluck()
    this.insertRow = db.prepare(
      `INSERT INTO credentials (${columns}) VALUES (@id, @name, @kind, @username,
         @scope_kind, @scope_id, @has_passphrase, @secret, @created_at, @updated_at)`,
    )
    this.updateRow = db.prepare(
      `UPDATE credentials SET name = @name, kind = @kind, username = @username,
         scope_kind = @scope_kind, scope_id = @scope_id, has_passphrase = @has_passphrase,
         secret = @secret, updated_at = @updated_at
       WHERE id = @id`,
    )
    this.deleteRow = db.prepare('DELETE FROM credentials WHERE id = ?')
  }

  get(id: string): StoredCredential | undefined {
    return this.byId.get(id)
  }

  /** Every credential, or the global ones and those of `clientId` and its devices. */
  list(clientId?: string): StoredCredential[] {
    return clientId === undefined ? this.listAll.all() : this.listForClient.all(clientId, clientId)
  }

  /** The name of the client or device a new scope names; NOT_FOUND when there is none. */
  labelOf(scope: CredentialScope): string | null {
    switch (scope.kind) {
      case 'global':
        return null
      case 'client': {
        const name = this.clientName.get(scope.clientId)
        if (name === undefined) throw new DomainError('not-found', 'No such client to scope it to')
        return name
      }
      case 'device': {
        const name = this.deviceName.get(scope.deviceId)
        if (name === undefined) throw new DomainError('not-found', 'No such device to scope it to')
        return name
      }
    }
  }

  insert(row: CredentialRow): void {
    this.insertRow.run(pick(row))
  }

  update(row: CredentialRow): void {
    this.updateRow.run(pick(row))
  }

  delete(id: string): void {
    this.deleteRow.run(id)
  }
}

/** The stored columns only: a row read with its label carries one more key than SQL binds. */
function pick(row: CredentialRow): CredentialRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    username: row.username,
    scope_kind: row.scope_kind,
    scope_id: row.scope_id,
    has_passphrase: row.has_passphrase,
    secret: row.secret,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}
