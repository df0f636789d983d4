import { describe, expect, it } from 'vitest'
import { skipReasonOrFail } from './required-servers'

describe('skipReasonOrFail', () => {
  it('passes a skip reason through on a machine that does not require the servers', () => {
    expect(skipReasonOrFail('the sshd tests need root', {})).toBe('the sshd tests need root')
    expect(skipReasonOrFail(null, {})).toBeNull()
  })

  it('fails with the reason when the servers are required, and runs when they can start', () => {
    const ci = { SWITCHBOARD_REQUIRE_SERVERS: '1' }
    expect(() => skipReasonOrFail('openssh-server is not installed', ci)).toThrow(
      'SWITCHBOARD_REQUIRE_SERVERS=1 and a required test server cannot run: openssh-server is not installed',
    )
    expect(skipReasonOrFail(null, ci)).toBeNull()
  })
})
