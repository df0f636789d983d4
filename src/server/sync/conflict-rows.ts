import type { ConflictDoc } from '../../shared/sync/protocol'
import type { Sql } from '../db/database'

/**
 * Stores a conflict as a row of its client that only its author (`ownerId`) pulls, under the
 * client version the caller took for it.
 */
export async function insertConflict(
  sql: Sql,
  doc: ConflictDoc,
  clientId: string,
  version: number | null,
  ownerId: string,
): Promise<void> {
  await sql.query(
    `INSERT INTO entities (kind, id, client_id, version, owner_id, doc)
     VALUES ('conflict', $1, $2, $3, $4, $5)`,
    [doc.id, clientId, version, ownerId, JSON.stringify(doc)],
  )
}
