/**
 * A technician's saved views pushed from one of their installations: each view is a row of
 * their own (row-level security shows it to no one else), versioned in their own sequence,
 * and every installation they are signed in on is poked to pull it.
 */
import { ViewDelete, ViewPut } from '../../shared/sync/saved-views'
import type { PushMutation } from '../../shared/sync/protocol'
import type { Principal } from '../auth/auth-service'
import type { Sql } from '../db/database'
import { TEAM_CHANNEL } from './poke-hub'
import type { IntentResult } from './intent-result'

/** A technician keeps at most this many saved views on the team. */
export const MAX_SAVED_VIEWS = 100

export async function applySavedViewIntent(
  sql: Sql,
  principal: Principal,
  pushed: PushMutation,
  unstorable: (value: unknown) => string | null,
): Promise<IntentResult> {
  const rejected = (reason: string): IntentResult => ({
    outcome: { mutationId: pushed.mutationId, status: 'rejected', reason },
    changedClientId: null,
  })
  const put = pushed.intent === 'views.put' ? ViewPut.safeParse(pushed.payload) : null
  const removal = put === null ? ViewDelete.safeParse(pushed.payload) : null
  const id = put?.data?.id ?? removal?.data?.id
  if (id === undefined) return rejected('The saved view is not in a form this server accepts')
  const view = put?.data?.view ?? null
  if (view && view.id !== id) return rejected('The saved view names another id')
  const unstorableReason = view ? unstorable(view) : null
  if (unstorableReason) return rejected(unstorableReason)
  if (view) {
    const { rows } = await sql.query<{ count: string }>(
      `SELECT count(*) FROM personal_entities
       WHERE technician_id = $1 AND kind = 'savedView' AND doc IS NOT NULL AND id <> $2`,
      [principal.technicianId, id],
    )
    if (Number(rows[0]?.count ?? 0) >= MAX_SAVED_VIEWS) {
      return rejected(`You have ${MAX_SAVED_VIEWS} saved views on the team already`)
    }
  }
  const version = await sql.query<{ version: string }>(
    `INSERT INTO personal_versions (technician_id, version) VALUES ($1, 1)
     ON CONFLICT (technician_id) DO UPDATE SET version = personal_versions.version + 1
     RETURNING version`,
    [principal.technicianId],
  )
  await sql.query(
    `INSERT INTO personal_entities (technician_id, kind, id, version, doc)
     VALUES ($1, 'savedView', $2, $3, $4)
     ON CONFLICT (technician_id, kind, id) DO UPDATE SET version = excluded.version, doc = excluded.doc`,
    [principal.technicianId, id, version.rows[0]?.version, view ? JSON.stringify(view) : null],
  )
  await sql.query('SELECT pg_notify($1, $2)', [TEAM_CHANNEL, principal.technicianId])
  return {
    outcome: { mutationId: pushed.mutationId, status: 'applied' },
    changedClientId: null,
    notified: true,
  }
}
