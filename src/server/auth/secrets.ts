import { createHash, randomBytes } from 'node:crypto'
import * as OTPAuth from 'otpauth'

/** A bearer secret: 256 random bits. Only its hash is stored, so a database dump holds none. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** High-entropy secrets need no slow hash: SHA-256 is enough to make the stored value useless. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Ten one-time recovery codes, ABCD-EFGH-IJKL (60 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12)
    const chars = [...bytes].map((b) => BASE32[b % 32]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

const TOTP_SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32
}

export function totpUrl(secret: string, account: string, issuer = 'Switchboard'): string {
  return new OTPAuth.TOTP({
    ...TOTP_SETTINGS,
    issuer,
    label: account,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).toString()
}

/**
 * The time step a code belongs to when it is right for now (one step of clock drift either
 * way), else null. The caller accepts it only if the step is later than the last one used, so
 * a code cannot be replayed.
 */
export function totpStep(secret: string, code: string, now: number): number | null {
  const totp = new OTPAuth.TOTP({ ...TOTP_SETTINGS, secret: OTPAuth.Secret.fromBase32(secret) })
  const delta = totp.validate({ token: code, timestamp: now, window: 1 })
  if (delta === null) return null
  return totp.counter({ timestamp: now }) + delta
}

/** The current code for a secret (tests and the enrolment check). */
export function totpCode(secret: string, now: number): string {
  return new OTPAuth.TOTP({
    ...TOTP_SETTINGS,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).generate({ timestamp: now })
}
