import { z } from 'zod'
import { call, event } from '../rpc/define'

/** How the vault's data key is protected at rest. */
export const VaultProtection = z.enum(['os-keychain', 'passphrase'])
export type VaultProtection = z.infer<typeof VaultProtection>

export const VaultStatus = z.object({
  state: z.enum(['uninitialized', 'locked', 'unlocked']),
  protection: VaultProtection.nullable(),
  /** False where the OS keychain is missing or would store keys in plain text. */
  osKeychainAvailable: z.boolean(),
})
export type VaultStatus = z.infer<typeof VaultStatus>

const Passphrase = z.string().min(10, 'Use at least 10 characters').max(1024)

export const vault = {
  status: call({
    doc: 'Whether the credential vault exists and is unlocked.',
    input: z.object({}).strict(),
    output: VaultStatus,
  }),
  setup: call({
    doc: 'Creates the vault, protected by the OS keychain or by a master passphrase.',
    input: z.discriminatedUnion('protection', [
      z.object({ protection: z.literal('os-keychain') }).strict(),
      z.object({ protection: z.literal('passphrase'), passphrase: Passphrase }).strict(),
    ]),
    output: VaultStatus,
  }),
  unlock: call({
    doc: 'Unlocks with the master passphrase (or the OS keychain when passphrase is omitted).',
    input: z.object({ passphrase: z.string().max(1024).optional() }).strict(),
    output: VaultStatus,
  }),
  lock: call({
    doc: 'Drops the data key from memory; stored credentials stay encrypted.',
    input: z.object({}).strict(),
    output: VaultStatus,
  }),
  onDidChangeStatus: event({
    doc: 'Fires when the vault is created, unlocked or locked.',
    input: z.object({}).strict(),
    data: VaultStatus,
  }),
}

export const CredentialKind = z.enum(['password', 'private-key', 'agent'])
export type CredentialKind = z.infer<typeof CredentialKind>

const ScopeId = z.string().min(1).max(100)

/**
 * Where main may send a credential: every session (global), the devices of one client, or one
 * device. A quick-connect address says nothing about whose network it is, so quick connect
 * uses global credentials only.
 */
export const CredentialScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('global') }).strict(),
  z.object({ kind: z.literal('client'), clientId: ScopeId }).strict(),
  z.object({ kind: z.literal('device'), deviceId: ScopeId }).strict(),
])
export type CredentialScope = z.infer<typeof CredentialScope>

/** What the renderer may know of a credential: never the secret itself. */
export const CredentialSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: CredentialKind,
  username: z.string(),
  scope: CredentialScope,
  /** The scope's client name or device hostname; null for global, or once it was deleted. */
  scopeLabel: z.string().nullable(),
  hasPassphrase: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type CredentialSummary = z.infer<typeof CredentialSummary>

/** A secret travelling one way, renderer to main, when a technician types it in. */
export const CredentialSecret = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('password'), password: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('private-key'),
      privateKey: z
        .string()
        .min(1)
        .max(64 * 1024),
      passphrase: z.string().max(1024).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('agent') }).strict(),
])
export type CredentialSecret = z.infer<typeof CredentialSecret>

const CredentialName = z.string().trim().min(1).max(200)
const Username = z.string().trim().min(1).max(256)

export const credentials = {
  list: call({
    doc: 'Credential summaries, optionally only the global ones and those scoped to one client.',
    input: z.object({ clientId: z.string().max(100).optional() }).strict(),
    output: z.object({ credentials: z.array(CredentialSummary) }),
  }),
  create: call({
    doc: 'Stores a credential encrypted in the vault (which must be unlocked).',
    input: z
      .object({
        name: CredentialName,
        username: Username,
        scope: CredentialScope.default({ kind: 'global' }),
        secret: CredentialSecret,
      })
      .strict(),
    output: CredentialSummary,
  }),
  update: call({
    doc: 'Renames, rescopes or replaces the secret of a credential.',
    input: z
      .object({
        id: z.string().max(100),
        name: CredentialName.optional(),
        username: Username.optional(),
        scope: CredentialScope.optional(),
        secret: CredentialSecret.optional(),
      })
      .strict(),
    output: CredentialSummary,
  }),
  delete: call({
    doc: 'Deletes a credential.',
    input: z.object({ id: z.string().max(100) }).strict(),
    output: z.object({ id: z.string() }),
  }),
}
