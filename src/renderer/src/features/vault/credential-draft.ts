import type {
  CredentialKind,
  CredentialScope,
  CredentialSecret,
  CredentialSummary,
} from '@shared/contract'

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
  /** Where main may send it: every session, one client's devices, or one device. */
  scopeKind: CredentialScope['kind']
  /** The client or device chosen for that scope; empty until one is. */
  scopeClientId: string
  scopeDeviceId: string
  kind: CredentialKind
  password: string
  privateKey: string
  keyPassphrase: string
}

/** The secret fields of a draft, blank: what the form returns to after saving. */
export const blankSecrets = { password: '', privateKey: '', keyPassphrase: '' } as const

/** The contract's limit for a private key, in characters. */
export const MAX_PRIVATE_KEY_CHARS = 64 * 1024

/**
 * A new draft (scoped as `scope` suggests, else global), or one showing an existing
 * credential's metadata (never its secret).
 */
export function draftFor(
  credential: CredentialSummary | null,
  scope: CredentialScope = { kind: 'global' },
): CredentialDraft {
  const shown = credential?.scope ?? scope
  return {
    name: credential?.name ?? '',
    username: credential?.username ?? '',
    scopeKind: shown.kind,
    scopeClientId: shown.kind === 'client' ? shown.clientId : '',
    scopeDeviceId: shown.kind === 'device' ? shown.deviceId : '',
    kind: credential?.kind ?? 'password',
    ...blankSecrets,
  }
}

/** The scope to send, or what is still missing from it. */
export function scopeFromDraft(
  draft: Pick<CredentialDraft, 'scopeKind' | 'scopeClientId' | 'scopeDeviceId'>,
): { scope: CredentialScope } | { problem: string } {
  switch (draft.scopeKind) {
    case 'global':
      return { scope: { kind: 'global' } }
    case 'client':
      return draft.scopeClientId
        ? { scope: { kind: 'client', clientId: draft.scopeClientId } }
        : { problem: 'Choose the client whose devices may use it.' }
    case 'device':
      return draft.scopeDeviceId
        ? { scope: { kind: 'device', deviceId: draft.scopeDeviceId } }
        : { problem: 'Find and choose the device that may use it.' }
  }
}

/** How each scope is offered in the form. */
export const scopeKindLabels: Record<CredentialScope['kind'], string> = {
  global: 'Global: any device or quick connect',
  client: 'One client’s devices',
  device: 'One device',
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
