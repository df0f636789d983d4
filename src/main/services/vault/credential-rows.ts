import type Database from 'better-sqlite3'
import type { CredentialKind, CredentialSummary } from '../../../shared/contract/vault'

/** One row of the credentials table, the sealed secret included. */
export interface CredentialRow {
  id: string
  name: string
  kind: CredentialKind
  username: string
  client_id: string | null
  has_passphrase: number
  secret: Buffer | null
  created_at: number
  updated_at: number
}

/** The metadata of a row: what may leave the main process. */
export function toSummary(row: CredentialRow): CredentialSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    username: row.username,
    clientId: row.client_id,
    hasPassphrase: row.has_passphrase === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Prepared statements over the credentials table; run writes inside `Store.transaction`. */
export class CredentialRows {
  private readonly byId: Database.Statement<[string], CredentialRow>
  private readonly listAll: Database.Statement<[], CredentialRow>
  private readonly listForClient: Database.Statement<[string], CredentialRow>
  private readonly insertRow: Database.Statement<[CredentialRow]>
  private readonly updateRow: Database.Statement<[CredentialRow]>
  private readonly deleteRow: Database.Statement<[string]>

  constructor(db: Database.Database) {
    const columns =
      'id, name, kind, username, client_id, has_passphrase, secret, created_at, updated_at'
    const order = 'ORDER BY name COLLATE NOCASE, id'
    this.byId = db.prepare(`SELECT ${columns} FROM credentials WHERE id = ?`)
    this.listAll = db.prepare(`SELECT ${columns} FROM credentials ${order}`)
    this.listForClient = db.prepare(
      `SELECT ${columns} FROM credentials WHERE client_id = ? OR client_id IS NULL ${order}`,
    )
    this.insertRow = db.prepare(
      `INSERT INTO credentials (${columns}) VALUES (@id, @name, @kind, @username,
         @client_id, @has_passphrase, @secret, @created_at, @updated_at)`,
    )
    this.updateRow = db.prepare(
      `UPDATE credentials SET name = @name, kind = @kind, username = @username,
         client_id = @client_id, has_passphrase = @has_passphrase, secret = @secret,
         updated_at = @updated_at
       WHERE id = @id`,
    )
    this.deleteRow = db.prepare('DELETE FROM credentials WHERE id = ?')
  }

  get(id: string): CredentialRow | undefined {
    return this.byId.get(id)
  }

  /** Every credential, or those scoped to `clientId` plus the unscoped ones. */
  list(clientId?: string): CredentialRow[] {
    return clientId === undefined ? this.listAll.all() : this.listForClient.all(clientId)
  }

  insert(row: CredentialRow): void {
    this.insertRow.run(row)
  }

  update(row: CredentialRow): void {
    this.updateRow.run(row)
  }

  delete(id: string): void {
    this.deleteRow.run(id)
  }
}
