import type Database from 'better-sqlite3'
import type { VaultProtection } from '../../../shared/contract/vault'

/** The single vault_keys row: how the data key is protected, and the wrapped key itself. */
export interface VaultKeyRow {
  protection: VaultProtection
  /** JSON ScryptParams for passphrase vaults, null for OS keychain ones. */
  kdf: string | null
  wrapped_key: Buffer
  created_at: number
}

/** The vault's key row, or undefined before setup. */
export function readVaultKeyRow(db: Database.Database): VaultKeyRow | undefined {
  return db
    .prepare<[], VaultKeyRow>(
      'SELECT protection, kdf, wrapped_key, created_at FROM vault_keys WHERE id = 1',
    )
    .get()
}

/** Writes the key row; the table's CHECK (id = 1) makes a second vault impossible. */
export function insertVaultKeyRow(db: Database.Database, row: VaultKeyRow): void {
  db.prepare(
    `INSERT INTO vault_keys (id, protection, kdf, wrapped_key, created_at)
     VALUES (1, @protection, @kdf, @wrapped_key, @created_at)`,
  ).run(row)
}
