import { randomBytes, scrypt } from 'node:crypto'
import { z } from 'zod'
import { KEY_BYTES, open, seal, wipe } from './crypto'

/** log2 of scrypt's N for new vaults: OWASP's recommendation of N = 2^17, r = 8, p = 1. */
export const DEFAULT_SCRYPT_LOG_N = 17
/** The floor for any caller that lowers the cost (tests do, to stay quick). */
export const MIN_SCRYPT_LOG_N = 15
// Bounds for params read back from the file, so an edited row cannot ask for gigabytes.
const MAX_SCRYPT_LOG_N = 22

/** How the key-encryption key is derived from the passphrase; stored as vault_keys.kdf. */
export const ScryptParams = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .refine(
        (n) => Number.isInteger(Math.log2(n)) && n >= 2 ** MIN_SCRYPT_LOG_N,
        'N must be a power of two of at least 2^15',
      )
      .refine((n) => n <= 2 ** MAX_SCRYPT_LOG_N, 'N is too large'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.base64().refine((s) => Buffer.from(s, 'base64').length >= 16, 'salt too short'),
  })
  .strict()
export type ScryptParams = z.infer<typeof ScryptParams>

/** Fresh params with a random 16-byte salt. */
export function newScryptParams(logN = DEFAULT_SCRYPT_LOG_N): ScryptParams {
  if (!Number.isInteger(logN) || logN < MIN_SCRYPT_LOG_N || logN > MAX_SCRYPT_LOG_N) {
    throw new Error(`scrypt cost 2^${logN} is outside 2^${MIN_SCRYPT_LOG_N}..2^${MAX_SCRYPT_LOG_N}`)
  }
  return { algorithm: 'scrypt', N: 2 ** logN, r: 8, p: 1, salt: randomBytes(16).toString('base64') }
}

/**
 * Derives the key-encryption key. Asynchronous on purpose: scrypt takes a few hundred
 * milliseconds, and the main process must keep serving the window meanwhile.
 */
export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const { N, r, p } = params
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too small for N = 2^17.
  const maxmem = 2 * 128 * N * r
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'base64'),
      KEY_BYTES,
      { N, r, p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

// Binds a wrapped key to its purpose, so it cannot be confused with any other sealed value.
const WRAP_CONTEXT = Buffer.from('switchboard/vault/data-key/v1')

/** Seals the data key under the key-encryption key (AES-256-GCM). */
export function wrapKey(keyEncryptionKey: Buffer, dataKey: Buffer): Buffer {
  return seal(keyEncryptionKey, dataKey, WRAP_CONTEXT)
}

/** Opens a wrapped data key; throws SealBrokenError for a wrong key (a wrong passphrase). */
export function unwrapKey(keyEncryptionKey: Buffer, wrapped: Buffer): Buffer {
  const key = open(keyEncryptionKey, wrapped, WRAP_CONTEXT)
  if (key.length !== KEY_BYTES) {
    wipe(key)
    throw new Error('The unwrapped data key has the wrong length')
  }
  return key
}
