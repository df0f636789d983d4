import type { OsKeychain } from '../ports'
import { KEY_BYTES, wipe } from './crypto'
import { ScryptParams, deriveKey, newScryptParams, unwrapKey, wrapKey } from './key-wrapping'

/** The stored form of a data key protected by a passphrase. */
export interface PassphraseProtectedKey {
  kdf: ScryptParams
  wrapped: Buffer
}

/** The vault's stored key settings do not parse: the file was edited or damaged. */
export class DamagedKeySettingsError extends Error {
  override name = 'DamagedKeySettingsError'
}

/** Wraps the data key under a key derived from the passphrase with fresh scrypt params. */
export async function protectWithPassphrase(
  passphrase: string,
  dataKey: Buffer,
  scryptLogN?: number,
): Promise<PassphraseProtectedKey> {
  const kdf = newScryptParams(scryptLogN)
  const kek = await deriveKey(passphrase, kdf)
  try {
    return { kdf, wrapped: wrapKey(kek, dataKey) }
  } finally {
    wipe(kek)
  }
}

/**
 * Recovers the data key with the passphrase. A wrong passphrase surfaces as SealBrokenError
 * from the GCM tag check, after the full scrypt cost, so failures take as long as successes.
 */
export async function openWithPassphrase(
  passphrase: string,
  storedKdf: string | null,
  wrapped: Buffer,
): Promise<Buffer> {
  const kdf = parseKdf(storedKdf)
  const kek = await deriveKey(passphrase, kdf)
  try {
    return unwrapKey(kek, wrapped)
  } finally {
    wipe(kek)
  }
}

function parseKdf(stored: string | null): ScryptParams {
  try {
    return ScryptParams.parse(JSON.parse(stored ?? 'null'))
  } catch {
    throw new DamagedKeySettingsError('The vault’s key settings are damaged')
  }
}

/** Seals the data key with the OS keychain (Electron's safeStorage). */
export function protectWithKeychain(keychain: OsKeychain, dataKey: Buffer): Buffer {
  return keychain.encrypt(dataKey)
}

/** Recovers the data key through the OS keychain; throws if the keychain refuses. */
export function openWithKeychain(keychain: OsKeychain, wrapped: Buffer): Buffer {
  const key = keychain.decrypt(wrapped)
  if (key.length !== KEY_BYTES) {
    wipe(key)
    throw new Error('The OS keychain returned a key of the wrong length')
  }
  return key
}
