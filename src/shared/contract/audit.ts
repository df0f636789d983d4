import { z } from 'zod'
import { call } from '../rpc/define'

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const audit = {
  list: call({
    doc: 'Newest audit entries first; page with `beforeId`; only one action or device if given.',
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: z.number().int().positive().optional(),
        action: z.string().min(1).max(100).optional(),
        /** Entries whose detail names this device (its sessions, its collections). */
        deviceId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    output: z.object({ entries: z.array(AuditEntry) }),
  }),
}
