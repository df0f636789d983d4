import { createHash, createHmac } from 'node:crypto'

/** OpenSSH's fingerprint: `SHA256:` + unpadded base64 of the key blob's SHA-256. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null
  const length = keyBlob.readUInt32BE(0)
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) return null
  const type = keyBlob.subarray(4, 4 + length).toString('latin1')
  return /^[\w@.-]+$/.test(type) ? type : null
}

/** How OpenSSH writes a host in known_hosts: bare on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`
}

/** Whether a hashed known_hosts entry (`|1|salt|hash`) names this host and port. */
export function hashedNameMatches(salt: Buffer, hash: Buffer, host: string, port: number): boolean {
  const candidate = createHmac('sha1', salt).update(knownHostsName(host, port)).digest()
  return candidate.length === hash.length && candidate.equals(hash)
}
