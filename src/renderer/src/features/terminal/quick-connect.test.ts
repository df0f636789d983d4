import { describe, expect, it } from 'vitest'
// Vitest has no @shared alias; the value import goes by path.
import { OpenSession } from '../../../../shared/contract/sessions'
import type { SshConfigHost } from '../../../../shared/contract/ssh-config'
import { fieldsFromSshHost, parseHop, planQuickConnect } from './quick-connect'

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
    // The strict contract would refuse any agentForwarding field: a quick connect has none.
    expect(OpenSession.parse({ ...plan.value.request, cols: 80, rows: 24 })).toEqual({
      kind: 'quick',
      target: {
        host: '10.1.2.3',
        port: 2200,
        username: 'root',
        credentialId: 'cred-1',
        useAgent: true,
        jumpHosts: [
          { host: 'bastion.example', port: 22, username: 'jump', credentialId: null },
          { host: '10.0.0.1', port: 2022, username: 'ops', credentialId: null },
        ],
      },
      title: 'root@10.1.2.3:2200',
      recordInput: false,
      cols: 80,
      rows: 24,
    })
  })

  it('takes the user from the chosen credential when the target has none', () => {
    const plan = planQuickConnect({
      target: 'fw01',
      via: '',
      credential: { id: 'c', username: 'admin' },
    })
    expect(
      plan.ok && plan.value.request.kind === 'quick' && plan.value.request.target.username,
    ).toBe('admin')
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

describe('fieldsFromSshHost', () => {
  const host = (alias: string, rest: Partial<SshConfigHost> = {}): SshConfigHost => ({
    alias,
    hostName: alias,
    user: null,
    port: 22,
    identityFiles: [],
    jumpHosts: [],
    ...rest,
  })

  it('writes user@hostName:port, the port always spelled out', () => {
    expect(
      fieldsFromSshHost(host('db', { hostName: '10.0.0.5', user: 'deploy', port: 2222 })),
    ).toEqual({ target: 'deploy@10.0.0.5:2222', via: '', missingUser: null })
    expect(fieldsFromSshHost(host('web', { user: 'ops' })).target).toBe('ops@web:22')
  })

  it('leaves the user out, and says so, when the config has none', () => {
    expect(fieldsFromSshHost(host('fw01', { hostName: 'fw01.example' }))).toEqual({
      target: 'fw01.example:22',
      via: '',
      missingUser: 'target',
    })
  })

  it('brackets IPv6 literals so the port stays readable', () => {
    const v6 = host('v6', { hostName: 'fe80::1', user: 'root', jumpHosts: [] })
    expect(fieldsFromSshHost(v6).target).toBe('root@[fe80::1]:22')
    const viaV6 = host('x', {
      user: 'a',
      jumpHosts: [{ host: '2001:db8::1', port: 22, user: 'j' }],
    })
    expect(fieldsFromSshHost(viaV6).via).toBe('j@[2001:db8::1]:22')
  })

  it('joins the jump chain first hop first, and flags a hop without a user', () => {
    const fields = fieldsFromSshHost(
      host('app', {
        user: 'deploy',
        jumpHosts: [
          { host: 'bastion.example', port: 22, user: 'jump' },
          { host: '10.0.0.1', port: 2022, user: null },
        ],
      }),
    )
    expect(fields).toEqual({
      target: 'deploy@app:22',
      via: 'jump@bastion.example:22, 10.0.0.1:2022',
      missingUser: 'via',
    })
  })

  it('resolves a hop that names another Host, with that Host’s own jumps first', () => {
    const known = [
      host('edge', { hostName: 'edge.example', user: 'gw', port: 2200 }),
      host('bastion', {
        hostName: '10.9.0.1',
        user: 'jump',
        port: 2022,
        jumpHosts: [{ host: 'edge', port: 22, user: null }],
      }),
    ]
    const app = host('app', {
      hostName: '10.9.0.20',
      user: 'deploy',
      jumpHosts: [{ host: 'bastion', port: 22, user: 'me' }],
    })
    expect(fieldsFromSshHost(app, known)).toEqual({
      target: 'deploy@10.9.0.20:22',
      via: 'gw@edge.example:2200, me@10.9.0.1:2022',
      missingUser: null,
    })
    // An explicit port on the hop wins over the alias's Port.
    const direct = host('d', {
      user: 'u',
      jumpHosts: [{ host: 'bastion', port: 2300, user: null }],
    })
    expect(fieldsFromSshHost(direct, known).via).toBe('gw@edge.example:2200, jump@10.9.0.1:2300')
  })

  it('stops at a chain of aliases that loops', () => {
    const a = host('a', { user: 'u', jumpHosts: [{ host: 'b', port: 22, user: null }] })
    const b = host('b', { user: 'v', jumpHosts: [{ host: 'a', port: 22, user: null }] })
    expect(fieldsFromSshHost(a, [a, b]).via).toBe('a:22, v@b:22')
  })

  it('gives fields that planQuickConnect turns into the same target', () => {
    const fields = fieldsFromSshHost(
      host('db', {
        hostName: 'db.internal',
        user: 'postgres',
        port: 2222,
        jumpHosts: [{ host: 'bastion.example', port: 22, user: 'jump' }],
      }),
    )
    const plan = planQuickConnect({ target: fields.target, via: fields.via, credential: null })
    expect(plan.ok && plan.value.request).toHaveProperty('target', {
      credentialId: null,
      useAgent: true,
      host: 'db.internal',
      port: 2222,
      username: 'postgres',
      jumpHosts: [{ host: 'bastion.example', port: 22, username: 'jump', credentialId: null }],
    })
  })
})
