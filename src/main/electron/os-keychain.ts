import { safeStorage } from 'electron'
import type { OsKeychain } from '../services/ports'

/**
 * safeStorage as the vault's OS keychain, or null where it would not really protect anything:
 * unavailable, or Linux's 'basic_text' backend (a hard-coded key). The vault then asks for a
 * master passphrase rather than silently storing secrets that any local process could read.
 */
export function electronKeychain(): OsKeychain | null {
  if (!safeStorage.isEncryptionAvailable()) return null
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return null
  }
  return {
    // safeStorage takes strings; latin1 maps each byte to one char, with no encoding step.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('latin1')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'latin1'),
  }
}
