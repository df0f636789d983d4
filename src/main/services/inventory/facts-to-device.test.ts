import { describe, expect, it } from 'vitest'
import { blankDevice } from './device-values'
import { applyFacts } from './facts-to-device'

describe('applyFacts', () => {
  it('keeps the name the technician gave and records the collected hostname beside it', () => {
    const named = { ...blankDevice('client-1', 'this-machine'), collectedHostname: 'old-name' }
    const next = applyFacts(named, { hostname: 'vm', fqdn: 'vm.lab.example' }, 1_000)
    expect(next).toMatchObject({
      hostname: 'this-machine',
      collectedHostname: 'vm',
      fqdn: 'vm.lab.example',
      lastSeenAt: 1_000,
    })
    // A probe that could not learn the hostname leaves the last one known.
    expect(applyFacts(next, {}, 2_000).collectedHostname).toBe('vm')
  })
})
