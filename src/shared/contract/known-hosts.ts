import { z } from 'zod'
import { call } from '../rpc/define'

export const KnownHost = z.object({
  id: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** OpenSSH's form: `SHA256:` + unpadded base64, as `ssh-keygen -lf` prints it. */
  fingerprint: z.string(),
  source: z.enum(['accepted', 'imported', 'learned']),
  addedAt: z.number(),
})
export type KnownHost = z.infer<typeof KnownHost>

export const knownHosts = {
  list: call({
    doc: 'Every trusted host key.',
    input: z.object({}).strict(),
    output: z.object({ hosts: z.array(KnownHost) }),
  }),
  remove: call({
    doc: 'Forgets a host key; the next connection asks again.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ id: z.number().int() }),
  }),
  import: call({
    doc: 'Imports an OpenSSH known_hosts file (plain and hashed entries).',
    input: z.object({ text: z.string().max(8 * 1024 * 1024) }).strict(),
    output: z.object({
      imported: z.number().int(),
      alreadyKnown: z.number().int(),
      skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    }),
  }),
}
