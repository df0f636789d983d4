import { describe, expect, it } from 'vitest'
import type { CredentialSummary } from '@shared/contract'
import { draftFor, looksLikePublicKey, scopeFromDraft, secretFromDraft } from './credential-draft'

const stored = (kind: CredentialSummary['kind']): CredentialSummary => ({
  id: 'c1',
  name: 'n',
  kind,
  username: 'u',
  scope: { kind: 'client', clientId: 'acme' },
  scopeLabel: 'Acme',
  hasPassphrase: false,
  createdAt: 1,
  updatedAt: 1,
})

describe('secretFromDraft', () => {
  it('requires a secret for a new password or key credential', () => {
    const draft = draftFor(null)
    expect(secretFromDraft(draft, null)).toEqual({ problem: 'Enter the password.' })
    expect(secretFromDraft({ ...draft, kind: 'private-key' }, null)).toHaveProperty('problem')
    expect(secretFromDraft({ ...draft, kind: 'agent' }, null)).toEqual({
      secret: { kind: 'agent' },
    })
    expect(secretFromDraft({ ...draft, password: 'pw' }, null)).toEqual({
      secret: { kind: 'password', password: 'pw' },
    })
  })

  it('keeps the stored secret when editing with empty fields of the same kind', () => {
    for (const kind of ['password', 'private-key', 'agent'] as const) {
      const credential = stored(kind)
      expect(secretFromDraft(draftFor(credential), credential)).toEqual({ secret: undefined })
    }
    const key = stored('private-key')
    expect(secretFromDraft({ ...draftFor(key), keyPassphrase: 'x' }, key)).toHaveProperty('problem')
    expect(secretFromDraft({ ...draftFor(key), kind: 'password' }, key)).toHaveProperty('problem')
  })

  it('sends a key passphrase only when one is given', () => {
    const draft = { ...draftFor(null), kind: 'private-key' as const, privateKey: 'KEY' }
    expect(secretFromDraft(draft, null)).toEqual({
      secret: { kind: 'private-key', privateKey: 'KEY' },
    })
    expect(secretFromDraft({ ...draft, keyPassphrase: 'pp' }, null)).toEqual({
      secret: { kind: 'private-key', privateKey: 'KEY', passphrase: 'pp' },
    })
  })

  it('prefills scope and metadata, never a secret', () => {
    expect(draftFor(null)).toMatchObject({ scopeKind: 'global', password: '' })
    expect(draftFor(null, { kind: 'client', clientId: 'acme' })).toMatchObject({
      scopeKind: 'client',
      scopeClientId: 'acme',
      password: '',
    })
    expect(draftFor(stored('password'))).toMatchObject({
      name: 'n',
      scopeKind: 'client',
      scopeClientId: 'acme',
    })
  })
})

describe('scopeFromDraft', () => {
  it('sends the chosen scope, or says what is missing', () => {
    const draft = draftFor(null)
    expect(scopeFromDraft(draft)).toEqual({ scope: { kind: 'global' } })
    expect(scopeFromDraft({ ...draft, scopeKind: 'client' })).toHaveProperty('problem')
    expect(scopeFromDraft({ ...draft, scopeKind: 'device' })).toHaveProperty('problem')
    expect(scopeFromDraft({ ...draft, scopeKind: 'device', scopeDeviceId: 'd1' })).toEqual({
      scope: { kind: 'device', deviceId: 'd1' },
    })
    // A client left chosen from before does not leak into a device scope.
    expect(
      scopeFromDraft({ ...draft, scopeKind: 'device', scopeClientId: 'c1', scopeDeviceId: 'd1' }),
    ).toEqual({ scope: { kind: 'device', deviceId: 'd1' } })
  })
})

describe('looksLikePublicKey', () => {
  it('tells public keys from private ones', () => {
    expect(looksLikePublicKey('ssh-ed25519 AAAAC3Nza me@host\n')).toBe(true)
    expect(looksLikePublicKey('ecdsa-sha2-nistp256 AAAAE2V')).toBe(true)
    expect(looksLikePublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\n')).toBe(false)
  })
})
