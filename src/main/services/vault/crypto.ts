import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const ALGORITHM = 'aes-256-gcm'
/** Bytes in an AES-256 key. */
export const KEY_BYTES = 32
const NONCE_BYTES = 12
const TAG_BYTES = 16

/** Thrown when a sealed value fails authentication: wrong key, wrong associated data, altered. */
export class SealBrokenError extends Error {
  override name = 'SealBrokenError'
  constructor() {
    super('The sealed value could not be authenticated')
  }
}

/** A fresh random AES-256 key. */
export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES)
}

/** Overwrites a buffer that held key material or plaintext, so it does not linger in memory. */
export function wipe(...buffers: (Buffer | undefined)[]): void {
  for (const buffer of buffers) buffer?.fill(0)
}

/**
 * AES-256-GCM with a fresh 12-byte nonce; returns nonce || ciphertext || tag. The associated
 * data is authenticated but not stored: opening needs the same bytes again.
 */
export function seal(key: Buffer, plaintext: Buffer, associatedData: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES })
  cipher.setAAD(associatedData)
  const body = cipher.update(plaintext)
  const last = cipher.final()
  return Buffer.concat([nonce, body, last, cipher.getAuthTag()])
}

/** Reverses `seal`; throws SealBrokenError rather than returning unauthenticated bytes. */
export function open(key: Buffer, sealed: Buffer, associatedData: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new SealBrokenError()
  const nonce = sealed.subarray(0, NONCE_BYTES)
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)
  const tag = sealed.subarray(sealed.length - TAG_BYTES)
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES })
  decipher.setAAD(associatedData)
  decipher.setAuthTag(tag)
  const plain = decipher.update(body)
  try {
    const last = decipher.final()
    const whole = Buffer.concat([plain, last])
    wipe(last)
    return whole
  } catch {
    // Node hands out the unauthenticated plaintext before final() checks the tag.
    throw new SealBrokenError()
  } finally {
    wipe(plain)
  }
}
