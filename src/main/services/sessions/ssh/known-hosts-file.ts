import { keyTypeOf } from './host-key'

/** One usable line of an OpenSSH known_hosts file. */
export type KnownHostsEntry =
  | { kind: 'plain'; host: string; port: number; keyType: string; key: Buffer; line: number }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer; keyType: string; key: Buffer; line: number }

export interface KnownHostsParseResult {
  entries: KnownHostsEntry[]
  skipped: Array<{ line: number; reason: string }>
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function parseHostPattern(pattern: string): { host: string; port: number } | string {
  if (/[*?!]/.test(pattern)) return 'wildcard and negated host patterns are not imported'
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(pattern)
  if (bracketed) {
    const port = Number(bracketed[2])
    if (!bracketed[1] || port < 1 || port > 65535) return `bad host "${pattern}"`
    return { host: bracketed[1].toLowerCase(), port }
  }
  if (!/^[\w.:%-]+$/.test(pattern)) return `bad host "${pattern}"`
  return { host: pattern.toLowerCase(), port: 22 }
}

/**
 * Parses known_hosts text: plain and hashed (`|1|salt|hash`) hosts, comma-separated names,
 * `[host]:port`. Markers (@cert-authority, @revoked) and wildcard patterns are reported as
 * skipped rather than half-understood.
 */
export function parseKnownHosts(text: string): KnownHostsParseResult {
  const entries: KnownHostsEntry[] = []
  const skipped: KnownHostsParseResult['skipped'] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (!trimmed || trimmed.startsWith('#')) return
    const fields = trimmed.split(/\s+/)
    if (fields[0]?.startsWith('@')) {
      skipped.push({ line, reason: `${fields[0]} entries are not imported` })
      return
    }
    const [hosts, keyType, keyBase64] = fields
    if (!hosts || !keyType || !keyBase64) {
      skipped.push({ line, reason: 'expected "hosts key-type key"' })
      return
    }
    if (!BASE64.test(keyBase64)) {
      skipped.push({ line, reason: 'the key is not base64' })
      return
    }
    const key = Buffer.from(keyBase64, 'base64')
    if (keyTypeOf(key) !== keyType) {
      skipped.push({ line, reason: `the key does not match its type ${keyType}` })
      return
    }
    for (const pattern of hosts.split(',')) {
      if (pattern.startsWith('|1|')) {
        const [, , salt, hash] = pattern.split('|')
        if (!salt || !hash || !BASE64.test(salt) || !BASE64.test(hash)) {
          skipped.push({ line, reason: 'malformed hashed host' })
          continue
        }
        entries.push({
          kind: 'hashed',
          salt: Buffer.from(salt, 'base64'),
          hash: Buffer.from(hash, 'base64'),
          keyType,
          key,
          line,
        })
        continue
      }
      const parsed = parseHostPattern(pattern)
      if (typeof parsed === 'string') skipped.push({ line, reason: parsed })
      else entries.push({ kind: 'plain', ...parsed, keyType, key, line })
    }
  })
  return { entries, skipped }
}
