import type { CredentialKind, CredentialSecret, CredentialSummary } from '@shared/contract'

/** How each kind of credential is named in the UI. */
export const credentialKindLabels: Record<CredentialKind, string> = {
  password: 'Password',
  'private-key': 'Private key',
  agent: 'SSH agent',
}

/** What the credential form holds while a technician types, secrets included. */
export interface CredentialDraft {
  name: string
  username: string
  /** Empty means the credential is for every client. */
  clientId: string
  kind: CredentialKind
  password: string
  privateKey: string
  keyPassphrase: string
}

/** The secret fields of a draft, blank: what the form returns to after saving. */
export const blankSecrets = { password: '', privateKey: '', keyPassphrase: '' } as const

/** The contract's limit for a private key, in characters. */
export const MAX_PRIVATE_KEY_CHARS = 64 * 1024

/** A new draft, or one showing an existing credential's metadata (never its secret). */
export function draftFor(credential: CredentialSummary | null, clientId?: string): CredentialDraft {
  return {
    name: credential?.name ?? '',
    username: credential?.username ?? '',
    clientId: credential ? (credential.clientId ?? '') : (clientId ?? ''),
    kind: credential?.kind ?? 'password',
    ...blankSecrets,
  }
}

/** The secret to send, `undefined` to keep the stored one, or a problem to show instead. */
export type SecretChoice = { secret: CredentialSecret | undefined } | { problem: string }

/**
 * Turns the draft's secret fields into what the host expects. When editing, empty fields keep
 * the stored secret, as long as the kind is unchanged.
 */
export function secretFromDraft(
  draft: CredentialDraft,
  original: CredentialSummary | null,
): SecretChoice {
  const sameKind = original?.kind === draft.kind
  switch (draft.kind) {
    case 'agent':
      return { secret: sameKind ? undefined : { kind: 'agent' } }
    case 'password':
      if (draft.password) return { secret: { kind: 'password', password: draft.password } }
      return sameKind ? { secret: undefined } : { problem: 'Enter the password.' }
    case 'private-key': {
      if (draft.privateKey.trim()) {
        if (draft.privateKey.length > MAX_PRIVATE_KEY_CHARS) {
          return { problem: 'That private key is longer than 64 KiB.' }
        }
        return {
          secret: {
            kind: 'private-key',
            privateKey: draft.privateKey,
            ...(draft.keyPassphrase ? { passphrase: draft.keyPassphrase } : {}),
          },
        }
      }
      if (!sameKind) return { problem: 'Paste the private key or load it from a file.' }
      if (draft.keyPassphrase) {
        return { problem: 'To change the key’s passphrase, load the key again as well.' }
      }
      return { secret: undefined }
    }
  }
}

/** OpenSSH public keys ("ssh-ed25519 AAAA…"), the usual wrong pick in a file chooser. */
export function looksLikePublicKey(text: string): boolean {
  return /^(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9@.-]+) AAAA/.test(text.trim())
}
