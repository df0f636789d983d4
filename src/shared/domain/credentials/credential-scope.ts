import type { CredentialScope } from '../../contract/vault'

/**
 * What main wants to send a credential for: a session or a collection on one device (which
 * belongs to one client), or a quick connect to an address typed in by hand.
 */
export type CredentialUse =
  { kind: 'device'; deviceId: string; clientId: string; hostname: string } | { kind: 'quick' }

/** The part of a credential the scope rule reads. */
export interface ScopedCredential {
  name: string
  scope: CredentialScope
  /** The scope's client name or device hostname; null once it was deleted. */
  scopeLabel: string | null
}

/** Whether a credential of this scope may be sent for this use. */
export function scopeAllows(scope: CredentialScope, use: CredentialUse): boolean {
  switch (scope.kind) {
    case 'global':
      return true
    case 'client':
      return use.kind === 'device' && use.clientId === scope.clientId
    case 'device':
      return use.kind === 'device' && use.deviceId === scope.deviceId
  }
}

/** The scope in a few words: "Global", "client Acme", "device web-01". */
export function describeScope(scope: CredentialScope, label: string | null): string {
  switch (scope.kind) {
    case 'global':
      return 'Global'
    case 'client':
      return label === null ? 'a client that no longer exists' : `client ${label}`
    case 'device':
      return label === null ? 'a device that no longer exists' : `device ${label}`
  }
}

const WHERE = 'edit it under Sessions → Credentials'

/**
 * Why the credential may not be sent for this use, saying how to widen its scope so it may;
 * null when it may. The same words reach the technician from every place that refuses.
 */
export function scopeRefusal(credential: ScopedCredential, use: CredentialUse): string | null {
  if (scopeAllows(credential.scope, use)) return null
  const scoped = `Credential “${credential.name}” is scoped to ${describeScope(
    credential.scope,
    credential.scopeLabel,
  )}`
  if (use.kind === 'quick') {
    return (
      `${scoped}, and quick connect only uses global credentials (an address does not say ` +
      `whose network it is in). Connect from the device instead, or ${WHERE} and set its ` +
      'scope to Global.'
    )
  }
  const device = use.hostname
  const widen =
    credential.scope.kind === 'device'
      ? `Global, to ${device}’s client, or to ${device}`
      : `Global or to ${device}’s client`
  return `${scoped}, so it is not sent to ${device}. To use it there, ${WHERE} and set its scope to ${widen}.`
}
