import { describe, expect, it } from 'vitest'
import type { CredentialScope } from '../../contract/vault'
import { scopeAllows, scopeRefusal, type CredentialUse } from './credential-scope'

const web: CredentialUse = {
  kind: 'device',
  deviceId: 'd-web',
  clientId: 'c-acme',
  hostname: 'web-01',
}
const otherDevice: CredentialUse = {
  kind: 'device',
  deviceId: 'd-db',
  clientId: 'c-acme',
  hostname: 'db-02',
}
const otherClient: CredentialUse = {
  kind: 'device',
  deviceId: 'd-pos',
  clientId: 'c-beta',
  hostname: 'pos-1',
}
const quick: CredentialUse = { kind: 'quick' }

const global: CredentialScope = { kind: 'global' }
const acme: CredentialScope = { kind: 'client', clientId: 'c-acme' }
const webOnly: CredentialScope = { kind: 'device', deviceId: 'd-web' }

describe('credential scope', () => {
  it('sends a global credential anywhere', () => {
    for (const use of [web, otherDevice, otherClient, quick]) {
      expect(scopeAllows(global, use)).toBe(true)
    }
  })

  it('sends a client credential to that client’s devices only, never to quick connect', () => {
    expect(scopeAllows(acme, web)).toBe(true)
    expect(scopeAllows(acme, otherDevice)).toBe(true)
    expect(scopeAllows(acme, otherClient)).toBe(false)
    expect(scopeAllows(acme, quick)).toBe(false)
  })

  it('sends a device credential to that device only', () => {
    expect(scopeAllows(webOnly, web)).toBe(true)
    expect(scopeAllows(webOnly, otherDevice)).toBe(false)
    expect(scopeAllows(webOnly, otherClient)).toBe(false)
    expect(scopeAllows(webOnly, quick)).toBe(false)
  })

  it('says what the credential is scoped to and how to widen it', () => {
    const credential = { name: 'Acme root', scope: acme, scopeLabel: 'Acme Dental' }
    expect(scopeRefusal(credential, web)).toBeNull()
    expect(scopeRefusal(credential, otherClient)).toBe(
      'Credential “Acme root” is scoped to client Acme Dental, so it is not sent to pos-1. ' +
        'To use it there, edit it under Sessions → Credentials and set its scope to Global or ' +
        'to pos-1’s client.',
    )
    expect(scopeRefusal(credential, quick)).toMatch(
      /^Credential “Acme root” is scoped to client Acme Dental, and quick connect only uses global credentials .* set its scope to Global\.$/,
    )
    expect(
      scopeRefusal({ name: 'web key', scope: webOnly, scopeLabel: 'web-01' }, otherDevice),
    ).toMatch(
      /scoped to device web-01, .* set its scope to Global, to db-02’s client, or to db-02\.$/,
    )
    expect(scopeRefusal({ name: 'gone', scope: acme, scopeLabel: null }, otherClient)).toMatch(
      /scoped to a client that no longer exists/,
    )
  })
})
