import { lstatSync, readFileSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import SSHConfig from 'ssh-config'
import type { SshConfigHost } from '../../../../shared/contract/ssh-config'
import { DomainError } from '../../../../shared/domain/errors'

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path
}

/** `user@host:port,…` (ProxyJump) as hops; `none` means no jump. */
export function parseProxyJump(value: string): SshConfigHost['jumpHosts'] {
  if (!value || value.toLowerCase() === 'none') return []
  return value.split(',').map((hop) => {
    const match = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:@]+)(?::(\d+))?$/.exec(hop.trim())
    if (!match?.[2]) throw new Error(`ProxyJump hop "${hop}" is not user@host[:port]`)
    return {
      user: match[1] ?? null,
      host: match[2].replace(/^\[|\]$/g, ''),
      port: match[3] ? Number(match[3]) : 22,
    }
  })
}

/**
 * The concrete hosts of an OpenSSH config (aliases without wildcards), each computed the way
 * ssh would (first value wins, `Host *` defaults apply). Patterns and Match blocks are listed
 * as skipped rather than guessed at.
 */
export function readSshConfig(
  text: string,
  home = homedir(),
): { hosts: SshConfigHost[]; skipped: Array<{ alias: string; reason: string }> } {
  const config = SSHConfig.parse(text)
  const hosts: SshConfigHost[] = []
  const skipped: Array<{ alias: string; reason: string }> = []
  const seen = new Set<string>()
  for (const line of config) {
    if (!('param' in line) || line.param.toLowerCase() !== 'host') continue
    const aliases = Array.isArray(line.value) ? line.value : String(line.value).split(/\s+/)
    for (const alias of aliases.map((a) => (typeof a === 'string' ? a : a.val))) {
      if (!alias || seen.has(alias)) continue
      seen.add(alias)
      if (/[*?!]/.test(alias)) {
        if (alias !== '*') skipped.push({ alias, reason: 'host patterns are not imported' })
        continue
      }
      const computed = config.compute(alias)
      try {
        const port = Number(first(computed.Port) ?? 22)
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad Port ${port}`)
        const identityFile = computed.IdentityFile
        hosts.push({
          alias,
          hostName: first(computed.HostName) ?? alias,
          user: first(computed.User) ?? null,
          port,
          identityFiles: (Array.isArray(identityFile)
            ? identityFile
            : identityFile
              ? [identityFile]
              : []
          ).map((p) => expandHome(p, home)),
          jumpHosts: parseProxyJump(first(computed.ProxyJump) ?? ''),
        })
      } catch (error) {
        skipped.push({ alias, reason: (error as Error).message })
      }
    }
  }
  return { hosts, skipped }
}

/** Reads ~/.ssh/config of the machine main runs on. */
export function readLocalSshConfig(home = homedir()): { source: string; text: string } {
  const source = join(home, '.ssh', 'config')
  try {
    return { source, text: readFileSync(source, 'utf8') }
  } catch {
    throw new DomainError('not-found', `There is no ${source} on this machine`)
  }
}

/**
 * Reads a private key the renderer named, but only a regular file inside ~/.ssh (after
 * resolving links): the renderer must not be able to make main read arbitrary files.
 */
export function readIdentityFile(path: string, home = homedir()): string {
  let sshDir: string
  try {
    sshDir = realpathSync(join(home, '.ssh'))
  } catch {
    throw new DomainError('not-found', 'There is no ~/.ssh folder on this machine')
  }
  const absolute = resolve(expandHome(path, home))
  let real: string
  try {
    real = realpathSync(absolute)
  } catch {
    throw new DomainError('not-found', `${path} does not exist`)
  }
  const inside = relative(sshDir, real)
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw new DomainError('forbidden', 'Only key files inside ~/.ssh can be imported')
  }
  const stat = lstatSync(real)
  if (!stat.isFile() || stat.size > 64 * 1024)
    throw new DomainError('invalid', `${path} is not a key file`)
  let text: string
  try {
    text = readFileSync(real, 'utf8')
  } catch (error) {
    // Not readable by this user, or gone since the check: the technician's to fix, not a bug.
    const code = (error as NodeJS.ErrnoException).code ?? 'an error'
    throw new DomainError('invalid', `${path} could not be read (${code})`)
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new DomainError('invalid', `${path} is not a private key`)
  }
  return text
}
