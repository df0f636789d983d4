import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { testHostPorts } from '../../../testing/host-ports'
import { serveOverMemory } from '../../../testing/rpc-harness'
import { useTempDirs } from '../../../testing/temp-dir'
import { createServices, type Services } from '../..'
import { parseProxyJump, readIdentityFile, readSshConfig } from './ssh-config'

const tempDir = useTempDirs()
const open: Services[] = []
const realHome = process.env.HOME
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
  process.env.HOME = realHome
})

describe('readSshConfig', () => {
  it('computes each concrete host with Host * defaults, first value winning', () => {
    const { hosts, skipped } = readSshConfig(
      [
        'Host web1 web1-alias',
        '  HostName 10.1.2.3',
        '  User deploy',
        '  Port 2222',
        '  IdentityFile ~/.ssh/web_ed25519',
        'Host db',
        '  HostName db.internal',
        '  ProxyJump jump@bastion.example:2200,ops@10.0.0.1',
        'Host *.corp',
        '  User corp',
        'Host *',
        '  User fallback',
        '  IdentityFile ~/.ssh/id_ed25519',
      ].join('\n'),
      '/home/tech',
    )
    expect(hosts).toEqual([
      {
        alias: 'web1',
        hostName: '10.1.2.3',
        user: 'deploy',
        port: 2222,
        identityFiles: ['/home/tech/.ssh/web_ed25519', '/home/tech/.ssh/id_ed25519'],
        jumpHosts: [],
      },
      expect.objectContaining({ alias: 'web1-alias', hostName: '10.1.2.3' }),
      {
        alias: 'db',
        hostName: 'db.internal',
        user: 'fallback',
        port: 22,
        identityFiles: ['/home/tech/.ssh/id_ed25519'],
        jumpHosts: [
          { user: 'jump', host: 'bastion.example', port: 2200 },
          { user: 'ops', host: '10.0.0.1', port: 22 },
        ],
      },
    ])
    expect(skipped).toEqual([{ alias: '*.corp', reason: 'host patterns are not imported' }])
  })

  it('reports a host with a bad port instead of failing the import', () => {
    const { hosts, skipped } = readSshConfig('Host a\n  Port nope\nHost b\n  HostName b.example\n')
    expect(hosts.map((h) => h.alias)).toEqual(['b'])
    expect(skipped).toEqual([{ alias: 'a', reason: 'bad Port NaN' }])
  })

  it('parses ProxyJump forms', () => {
    expect(parseProxyJump('none')).toEqual([])
    expect(parseProxyJump('[fe80::1]:2022')).toEqual([{ user: null, host: 'fe80::1', port: 2022 }])
    expect(() => parseProxyJump('a@')).toThrow(/not user@host/)
  })
})

describe('readIdentityFile', () => {
  it('reads a private key inside ~/.ssh and nothing outside it', () => {
    const home = tempDir()
    mkdirSync(join(home, '.ssh'))
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n'
    writeFileSync(join(home, '.ssh', 'id_test'), key)
    writeFileSync(join(home, 'outside'), key)
    symlinkSync(join(home, 'outside'), join(home, '.ssh', 'sneaky'))
    writeFileSync(join(home, '.ssh', 'id_test.pub'), 'ssh-ed25519 AAAA')
    expect(readIdentityFile('~/.ssh/id_test', home)).toBe(key)
    expect(() => readIdentityFile(join(home, 'outside'), home)).toThrow(/inside ~\/.ssh/)
    expect(() => readIdentityFile('~/.ssh/sneaky', home)).toThrow(/inside ~\/.ssh/)
    expect(() => readIdentityFile('~/.ssh/../outside', home)).toThrow(/inside ~\/.ssh/)
    expect(() => readIdentityFile('~/.ssh/id_test.pub', home)).toThrow(/not a private key/)
    expect(() => readIdentityFile('~/.ssh/missing', home)).toThrow(/does not exist/)
  })

  it('says there is no ~/.ssh folder when there is none, as NOT_FOUND', () => {
    const home = tempDir()
    for (const path of ['~/.ssh/id_ed25519', join(home, 'anything')]) {
      expect(() => readIdentityFile(path, home)).toThrow(
        expect.objectContaining({
          code: 'not-found',
          message: 'There is no ~/.ssh folder on this machine',
        }),
      )
    }
  })
})

describe('sshConfig.importIdentity', () => {
  it('answers NOT_FOUND, not INTERNAL, on a machine without ~/.ssh', async () => {
    // os.homedir() reads HOME: this machine has no ~/.ssh at all.
    process.env.HOME = tempDir()
    const services = createServices(testHostPorts(tempDir()))
    open.push(services)
    const { client } = serveOverMemory(services)
    await expect(
      client.sshConfig.importIdentity({ path: '~/.ssh/id_ed25519', name: 'key', username: 'me' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'There is no ~/.ssh folder on this machine',
    })
  })
})
