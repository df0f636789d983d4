import type Database from 'better-sqlite3'
import { open, seal, wipe } from './crypto'
import { SecretIntegrityError } from './secret-box'

/**
 * Secrets main keeps for itself (the team server's refresh token), sealed under the vault's
 * data key like a credential but in their own table: they are never listed, revealed or
 * offered to a session, so a technician cannot pick one as a credential.
 */
export type InternalSecretSlot = 'team.refreshToken'

// The slot is the associated data: a ciphertext copied into another slot no longer opens.
const associatedData = (slot: InternalSecretSlot): Buffer =>
  Buffer.from(`internal-secret:${slot}`, 'utf8')

export function writeInternalSecret(
  db: Database.Database,
  dataKey: Buffer,
  slot: InternalSecretSlot,
  value: string,
  at: number,
): void {
  const plain = Buffer.from(value, 'utf8')
  try {
    db.prepare(
      `INSERT INTO vault_internal_secrets (slot, sealed, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
    ).run(slot, seal(dataKey, plain, associatedData(slot)), at)
  } finally {
    wipe(plain)
  }
}

export function readInternalSecret(
  db: Database.Database,
  dataKey: Buffer,
  slot: InternalSecretSlot,
): string | null {
  const row = db.prepare('SELECT sealed FROM vault_internal_secrets WHERE slot = ?').get(slot) as
    { sealed: Buffer } | undefined
  if (!row) return null
  let plain: Buffer | undefined
  try {
    plain = open(dataKey, row.sealed, associatedData(slot))
    return plain.toString('utf8')
  } catch {
    throw new SecretIntegrityError()
  } finally {
    wipe(plain)
  }
}

export function hasInternalSecret(db: Database.Database, slot: InternalSecretSlot): boolean {
  return db.prepare('SELECT 1 FROM vault_internal_secrets WHERE slot = ?').get(slot) !== undefined
}

export function deleteInternalSecret(db: Database.Database, slot: InternalSecretSlot): void {
  db.prepare('DELETE FROM vault_internal_secrets WHERE slot = ?').run(slot)
}
