import { describe, expect, it } from 'vitest'
// Vitest has no @shared alias; the value import goes by path.
import { SessionTarget } from '../../../../shared/contract/sessions'
import { parseHop, planQuickConnect } from './quick-connect'

describe('parseHop', () => {
  it.each([
    ['admin@10.0.0.5', { username: 'admin', host: '10.0.0.5', port: 22 }],
    ['admin@host.example:2222', { username: 'admin', host: 'host.example', port: 2222 }],
    ['ops@[fe80::1%eth0]:22', { username: 'ops', host: 'fe80::1%eth0', port: 22 }],
    ['ops@::1', { username: 'ops', host: '::1', port: 22 }],
    ['CORP\\me@dc1', { username: 'CORP\\me', host: 'dc1', port: 22 }],
    ['me@corp.example@dc1', { username: 'me@corp.example', host: 'dc1', port: 22 }],
    ['  router  ', { username: null, host: 'router', port: 22 }],
  ])('reads %s', (text, expected) => {
    expect(parseHop(text)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['', /Enter a host/],
    ['@host', /nothing before the @/],
    ['me@', /no host/],
    ['me@host:0', /port/],
    ['me@host:70000', /port/],
    ['me@host:22x', /port/],
    ['me@ho st', /space/],
    ['me@<script>', /not a host name/],
  ])('refuses %j', (text, message) => {
    const parsed = parseHop(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(message)
  })
})

describe('planQuickConnect', () => {
  it('builds a target the contract accepts, jump hosts first hop first', () => {
    const plan = planQuickConnect({
      target: 'root@10.1.2.3:2200',
      via: 'jump@bastion.example, ops@10.0.0.1:2022',
      credential: { id: 'cred-1', username: 'ignored' },
    })
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(plan.value.title).toBe('root@10.1.2.3:2200')
    expect(SessionTarget.parse(plan.value.target)).toEqual({
      host: '10.1.2.3',
      port: 2200,
      username: 'root',
      credentialId: 'cred-1',
      agentForwarding: false,
      useAgent: true,
      jumpHosts: [
        { host: 'bastion.example', port: 22, username: 'jump', credentialId: null },
        { host: '10.0.0.1', port: 2022, username: 'ops', credentialId: null },
      ],
    })
  })

  it('takes the user from the chosen credential when the target has none', () => {
    const plan = planQuickConnect({
      target: 'fw01',
      via: '',
      credential: { id: 'c', username: 'admin' },
    })
    expect(plan.ok && plan.value.target.username).toBe('admin')
  })

  it('explains what is missing', () => {
    expect(planQuickConnect({ target: 'fw01', via: '', credential: null })).toEqual({
      ok: false,
      error: 'Add the user name (user@host) or pick a credential',
    })
    const badVia = planQuickConnect({ target: 'a@b', via: 'bastion', credential: null })
    expect(badVia.ok || badVia.error).toMatch(/^Via: add the user name/)
  })
})
