import { describe, expect, it } from 'vitest'
import { isPlainPasswordPrompt, planAuth } from './auth-plan'

describe('isPlainPasswordPrompt', () => {
  it.each(['Password: ', 'password:', "sbtest@host's password: ", 'Password for sbtest: '])(
    'accepts %j',
    (prompt) => expect(isPlainPasswordPrompt([{ prompt, echo: false }])).toBe(true),
  )

  it.each([
    "One-time password (OATH) for `sbtest': ",
    'Verification code: ',
    'PIN: ',
    'New password: ',
    'Password expired. Change your password now: ',
  ])('refuses %j', (prompt) => expect(isPlainPasswordPrompt([{ prompt, echo: false }])).toBe(false))

  it('refuses echoed prompts and rounds with several prompts', () => {
    expect(isPlainPasswordPrompt([{ prompt: 'Password: ', echo: true }])).toBe(false)
    expect(
      isPlainPasswordPrompt([
        { prompt: 'Password: ', echo: false },
        { prompt: 'Code: ', echo: false },
      ]),
    ).toBe(false)
  })
})

describe('planAuth', () => {
  it('tries a key, then the agent, then keyboard-interactive', () => {
    expect(
      planAuth({
        secret: { kind: 'private-key', privateKey: 'KEY', passphrase: 'pp' },
        agentSocket: '/tmp/agent',
        useAgent: true,
      }).map((s) => s.type),
    ).toEqual(['publickey', 'agent', 'keyboard-interactive'])
  })

  it('uses the agent for an agent credential even when useAgent is off, and never without a socket', () => {
    expect(planAuth({ secret: { kind: 'agent' }, agentSocket: '/a', useAgent: false })[0]).toEqual({
      type: 'agent',
      socket: '/a',
    })
    expect(planAuth({ secret: { kind: 'agent' }, agentSocket: null, useAgent: true })).toEqual([
      { type: 'keyboard-interactive' },
    ])
  })

  it('offers a stored password as password auth', () => {
    expect(
      planAuth({ secret: { kind: 'password', password: 'x' }, agentSocket: null, useAgent: true }),
    ).toEqual([{ type: 'password', password: 'x' }, { type: 'keyboard-interactive' }])
  })
})
