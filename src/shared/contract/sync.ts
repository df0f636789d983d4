import { z } from 'zod'
import { call, event } from '../rpc/define'

export const SyncState = z.enum(['not-configured', 'offline', 'syncing', 'synced', 'error'])
export type SyncState = z.infer<typeof SyncState>

export const SyncStatus = z.object({
  state: SyncState,
  /** Local changes not yet accepted by the team server. */
  pending: z.number().int().nonnegative(),
  lastSyncedAt: z.number().nullable(),
  message: z.string().optional(),
})
export type SyncStatus = z.infer<typeof SyncStatus>

export const sync = {
  status: call({
    doc: 'The current sync state and the number of local changes waiting to be sent.',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  onDidChangeStatus: event({
    doc: 'Fires with the new status whenever it changes.',
    input: z.object({}).strict(),
    data: SyncStatus,
  }),
}
