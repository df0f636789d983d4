import { z } from 'zod'
import { call } from '../rpc/define'
import { CredentialSummary } from './vault'

/** One concrete `Host` of an OpenSSH config, with `Host *` defaults applied. */
export const SshConfigHost = z.object({
  alias: z.string(),
  hostName: z.string(),
  user: z.string().nullable(),
  port: z.number().int(),
  identityFiles: z.array(z.string()),
  /** ProxyJump hops, first hop first. */
  jumpHosts: z.array(
    z.object({ host: z.string(), port: z.number().int(), user: z.string().nullable() }),
  ),
})
export type SshConfigHost = z.infer<typeof SshConfigHost>

export const sshConfig = {
  read: call({
    doc: 'Parses an OpenSSH config: the given text, or ~/.ssh/config of this machine when omitted.',
    input: z
      .object({
        text: z
          .string()
          .max(1024 * 1024)
          .optional(),
      })
      .strict(),
    output: z.object({
      source: z.string(),
      hosts: z.array(SshConfigHost),
      skipped: z.array(z.object({ alias: z.string(), reason: z.string() })),
    }),
  }),
  importIdentity: call({
    doc: 'Stores a private key file from ~/.ssh (an IdentityFile) in the vault as a credential.',
    input: z
      .object({
        path: z.string().min(1).max(4096),
        name: z.string().trim().min(1).max(200),
        username: z.string().trim().min(1).max(256),
        passphrase: z.string().max(1024).optional(),
      })
      .strict(),
    output: CredentialSummary,
  }),
}
