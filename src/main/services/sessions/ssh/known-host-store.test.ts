import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../../testing/temp-dir'
import { Store } from '../../store/store'
import { fingerprintOf, keyTypeOf } from './host-key'
import { KnownHostStore } from './known-host-store'

const tempDir = useTempDirs()
const stores: Store[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})

function makeKey(dir: string, name: string, type = 'ed25519') {
  const path = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path])
  const publicLine = readFileSync(`${path}.pub`, 'utf8').trim()
  const [keyType = '', base64 = ''] = publicLine.split(' ')
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${path}.pub`])
    .toString()
    .split(' ')[1]
  return { keyType, base64, blob: Buffer.from(base64, 'base64'), fingerprint }
}

function open() {
  const dir = tempDir()
  const store = new Store({ file: join(dir, 'db') })
  stores.push(store)
  return { dir, hosts: new KnownHostStore(store, { now: () => 1000 }) }
}

describe('host keys', () => {
  it('computes the same SHA256 fingerprint as ssh-keygen -lf', () => {
    const key = makeKey(tempDir(), 'k')
    expect(fingerprintOf(key.blob)).toBe(key.fingerprint)
    expect(keyTypeOf(key.blob)).toBe('ssh-ed25519')
  })
})

describe('KnownHostStore', () => {
  it('trusts an accepted key, calls another key of that host changed, others unknown', () => {
    const { dir, hosts } = open()
    const key = makeKey(dir, 'a')
    const other = makeKey(dir, 'b')
    expect(hosts.check('srv.example', 2222, key.blob)).toEqual({ status: 'unknown' })
    hosts.add('SRV.example', 2222, key.blob, 'accepted')
    expect(hosts.check('srv.example', 2222, key.blob)).toMatchObject({ status: 'trusted' })
    expect(hosts.check('srv.example', 2222, other.blob)).toMatchObject({
      status: 'changed',
      known: { fingerprint: key.fingerprint },
    })
    expect(hosts.check('srv.example', 22, other.blob)).toEqual({ status: 'unknown' })
  })

  it('treats a key of a type the host never had as changed, and asks for the known types', () => {
    const { dir, hosts } = open()
    const rsa = makeKey(dir, 'r', 'rsa')
    const ed = makeKey(dir, 'e')
    hosts.add('h', 22, rsa.blob, 'accepted')
    expect(hosts.check('h', 22, ed.blob).status).toBe('changed')
    expect(hosts.preferredKeyTypes('h', 22)).toEqual(['ssh-rsa'])
  })

  it('refuses to overwrite a trusted key of the same type', () => {
    const { dir, hosts } = open()
    hosts.add('h', 22, makeKey(dir, 'a').blob, 'accepted')
    expect(() => hosts.add('h', 22, makeKey(dir, 'b').blob, 'learned')).toThrow(/remove it first/)
  })

  it('imports plain and hashed known_hosts entries that ssh-keygen wrote, and reports the rest', () => {
    const { dir, hosts } = open()
    const a = makeKey(dir, 'a')
    const b = makeKey(dir, 'b')
    const c = makeKey(dir, 'c', 'ecdsa')
    const file = join(dir, 'known_hosts')
    writeFileSync(
      file,
      [
        `# a comment`,
        `plain.example,10.0.0.5 ${a.keyType} ${a.base64}`,
        `[ported.example]:2200 ${b.keyType} ${b.base64}`,
        `@cert-authority *.example ${a.keyType} ${a.base64}`,
        `*.wild ${a.keyType} ${a.base64}`,
        `broken.example ssh-ed25519 not-base64!`,
        `mismatch.example ssh-rsa ${a.base64}`,
        '',
      ].join('\n'),
    )
    // A hashed line as OpenSSH's HashKnownHosts writes it, appended to the plain ones.
    const hashedFile = join(dir, 'known_hosts_hashed')
    writeFileSync(hashedFile, `hashed.example ${c.keyType} ${c.base64}\n`)
    execFileSync('ssh-keygen', ['-q', '-H', '-f', hashedFile])
    const hashedLine = readFileSync(hashedFile, 'utf8')
    expect(hashedLine).toMatch(/^\|1\|/)
    const text = readFileSync(file, 'utf8') + hashedLine
    expect(text).toContain('plain.example,10.0.0.5')

    const result = hosts.import(text)
    expect(result.imported).toBe(4) // plain.example, 10.0.0.5, [ported.example]:2200, hashed
    expect(result.skipped.map((s) => s.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/@cert-authority/),
        expect.stringMatching(/wildcard/),
        expect.stringMatching(/base64/),
        expect.stringMatching(/does not match/),
      ]),
    )
    expect(hosts.check('plain.example', 22, a.blob).status).toBe('trusted')
    expect(hosts.check('10.0.0.5', 22, a.blob).status).toBe('trusted')
    expect(hosts.check('ported.example', 2200, b.blob).status).toBe('trusted')
    expect(hosts.check('ported.example', 22, b.blob).status).toBe('unknown')
    expect(hosts.check('hashed.example', 22, c.blob).status).toBe('trusted')
    expect(hosts.check('hashed.example', 22, a.blob).status).toBe('changed')

    expect(hosts.import(text)).toMatchObject({ imported: 0, alreadyKnown: 4 })
  })

  it('lists and removes keys', () => {
    const { dir, hosts } = open()
    const added = hosts.add('h', 22, makeKey(dir, 'a').blob, 'accepted')
    expect(hosts.list()).toEqual([added])
    hosts.remove(added.id)
    expect(hosts.list()).toEqual([])
    expect(() => hosts.remove(added.id)).toThrow(/No such known host/)
  })
})
