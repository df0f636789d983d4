import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type {
  CredentialScope,
  CredentialSecret,
  CredentialSummary,
  VaultProtection,
  VaultStatus,
} from '../../../shared/contract/vault'
import { scopeRefusal, type CredentialUse } from '../../../shared/domain/credentials'
import { DomainError, type DomainErrorCode } from '../../../shared/domain/errors'
import type { AuditLog, AuditRecord } from '../audit/audit-log'
import type { HostPorts, OsKeychain } from '../ports'
import type { Store } from '../store/store'
import {
  CredentialRows,
  scopeColumns,
  scopeOf,
  toSummary,
  type StoredCredential,
} from './credential-rows'
import { SealBrokenError, randomKey, wipe } from './crypto'
import {
  DamagedKeySettingsError,
  openWithKeychain,
  openWithPassphrase,
  protectWithKeychain,
  protectWithPassphrase,
} from './key-protection'
import {
  deleteInternalSecret,
  hasInternalSecret,
  readInternalSecret,
  writeInternalSecret,
  type InternalSecretSlot,
} from './internal-secrets'
import { SecretIntegrityError, openSecret, sealSecret } from './secret-box'
import { insertVaultKeyRow, readVaultKeyRow, type VaultKeyRow } from './vault-key-row'

export interface VaultServiceOptions {
  store: Store
  audit: AuditLog
  host: HostPorts
  /** log2 of scrypt's N for new passphrase vaults; tests lower it (never below 15). */
  scryptLogN?: number
}

/** How a new vault is protected: the contract's `vault.setup` input. */
export type VaultSetup =
  { protection: 'os-keychain' } | { protection: 'passphrase'; passphrase: string }

/** A new credential: the contract's `credentials.create` input after validation. */
export interface NewCredential {
  name: string
  username: string
  /** Where main may send it; see `CredentialScope`. */
  scope: CredentialScope
  secret: CredentialSecret
}

/** A change to a credential; omitted fields stay as they are. */
export interface CredentialPatch {
  id: string
  name?: string
  username?: string
  scope?: CredentialScope
  secret?: CredentialSecret
}

/** A credential with its decrypted secret, for main-process use only (the SSH sessions). */
export interface RevealedCredential {
  credential: CredentialSummary
  secret: CredentialSecret
}

const locked = (): DomainError => new DomainError('forbidden', 'The vault is locked')
const notFound = (): DomainError => new DomainError('not-found', 'No such credential')
const NO_KEYCHAIN_FOR_SETUP =
  'The OS keychain is not available here, so it cannot protect the vault. ' +
  'Choose a master passphrase instead.'
const NO_KEYCHAIN_FOR_UNLOCK =
  'This vault is protected by the OS keychain, which is not available here. ' +
  'Unlock it in the desktop app.'
const notSetUp = (): DomainError =>
  new DomainError('not-found', 'The vault has not been set up yet; set it up first')

/**
 * The credential vault. Secrets are sealed with AES-256-GCM under a random data key; the data
 * key is stored wrapped by the OS keychain or by a passphrase-derived key, and lives unwrapped
 * only in this object's memory while the vault is unlocked. No method that serves the renderer
 * returns, logs, audits or puts into an error message any secret.
 */
export class VaultService {
  private readonly store: Store
  private readonly audit: AuditLog
  private readonly host: HostPorts
  private readonly scryptLogN: number | undefined
  private readonly rows: CredentialRows
  private readonly changes = new EventEmitter()
  private protection: VaultProtection | null
  private dataKey: Buffer | null = null
  /** Bumped by lock(), so an unlock still deriving its key when the lock came is discarded. */
  private lockGeneration = 0
  /** An OS keychain vault unlocks itself when needed, unless the technician locked it. */
  private lockedByTechnician = false

  constructor(options: VaultServiceOptions) {
    this.store = options.store
    this.audit = options.audit
    this.host = options.host
    this.scryptLogN = options.scryptLogN
    this.rows = new CredentialRows(this.store.db)
    // Cached: only setup() changes it, and dispose() asks for the status after the store closes.
    this.protection = readVaultKeyRow(this.store.db)?.protection ?? null
  }

  /** Whether the vault exists and is unlocked, and whether the OS keychain could protect it. */
  status(): VaultStatus {
    return {
      state: this.protection === null ? 'uninitialized' : this.dataKey ? 'unlocked' : 'locked',
      protection: this.protection,
      osKeychainAvailable: this.host.osKeychain !== null,
    }
  }

  /** Calls `listener` after setup, unlock and lock; returns the unsubscribe function. */
  onDidChangeStatus(listener: (status: VaultStatus) => void): () => void {
    this.changes.on('change', listener)
    return () => this.changes.off('change', listener)
  }

  /** Creates the vault and leaves it unlocked. */
  async setup(input: VaultSetup): Promise<VaultStatus> {
    if (this.protection !== null) throw alreadySetUp()
    const dataKey = randomKey()
    try {
      const row = await this.protectNewKey(input, dataKey)
      this.store.transaction((db) => {
        // Checked again here: another setup may have finished while this one was deriving.
        if (readVaultKeyRow(db)) throw alreadySetUp()
        insertVaultKeyRow(db, row)
        this.record(db, {
          action: 'vault.setup',
          subject: 'vault',
          detail: { protection: row.protection },
        })
      })
    } catch (error) {
      wipe(dataKey)
      throw error
    }
    this.protection = input.protection
    this.lockedByTechnician = false
    this.replaceKey(dataKey)
    return this.changed()
  }

  /**
   * Unlocks with the passphrase, or through the OS keychain for a keychain vault (where any
   * passphrase given is ignored). Unlocking an unlocked vault changes nothing.
   */
  async unlock(input: { passphrase?: string | undefined }): Promise<VaultStatus> {
    const row = readVaultKeyRow(this.store.db)
    if (!row) throw notSetUp()
    if (this.dataKey) return this.status()
    const generation = this.lockGeneration
    const dataKey =
      row.protection === 'os-keychain'
        ? this.openThroughKeychain(row)
        : await this.openWithPassphrase(row, input.passphrase)
    if (generation !== this.lockGeneration || this.dataKey) {
      // Locked meanwhile (the lock wins) or unlocked by a concurrent call: keep one key only.
      wipe(dataKey)
      return this.status()
    }
    this.replaceKey(dataKey)
    this.lockedByTechnician = false
    this.recordNow({ action: 'vault.unlock', subject: 'vault', detail: { via: row.protection } })
    return this.changed()
  }

  /** Drops the data key from memory, zeroed. */
  lock(): VaultStatus {
    this.lockGeneration++
    if (this.protection !== null) this.lockedByTechnician = true
    if (!this.dataKey) return this.status()
    this.replaceKey(null)
    return this.changed()
  }

  /** Credential summaries, optionally the global ones and those of one client and its devices. */
  listCredentials(filter: { clientId?: string | undefined } = {}): CredentialSummary[] {
    return this.rows.list(filter.clientId).map(toSummary)
  }

  /** One credential's summary; works while locked. */
  getCredential(id: string): CredentialSummary {
    const row = this.rows.get(id)
    if (!row) throw notFound()
    return toSummary(row)
  }

  /** Seals the secret under a new UUID and audits the creation; needs the vault unlocked. */
  createCredential(input: NewCredential): CredentialSummary {
    const dataKey = this.requireKey()
    const id = randomUUID()
    const now = this.host.clock.now()
    return this.store.transaction((db) => {
      const row: StoredCredential = {
        id,
        name: input.name,
        kind: input.secret.kind,
        username: input.username,
        ...scopeColumns(input.scope),
        scope_label: this.rows.labelOf(input.scope),
        has_passphrase: hasPassphrase(input.secret) ? 1 : 0,
        secret: sealSecret(dataKey, id, input.secret),
        created_at: now,
        updated_at: now,
      }
      this.rows.insert(row)
      this.record(db, {
        action: 'credentials.create',
        subject: id,
        detail: { name: row.name, kind: row.kind, username: row.username, scope: input.scope },
      })
      return toSummary(row)
    })
  }

  /** Changes metadata and/or replaces the secret; needs the vault unlocked. */
  updateCredential(patch: CredentialPatch): CredentialSummary {
    const dataKey = this.requireKey()
    return this.store.transaction((db) => {
      const current = this.rows.get(patch.id)
      if (!current) throw notFound()
      const next: StoredCredential = {
        ...current,
        name: patch.name ?? current.name,
        username: patch.username ?? current.username,
        ...(patch.scope
          ? { ...scopeColumns(patch.scope), scope_label: this.rows.labelOf(patch.scope) }
          : {}),
        updated_at: this.host.clock.now(),
      }
      if (patch.secret) {
        next.kind = patch.secret.kind
        next.has_passphrase = hasPassphrase(patch.secret) ? 1 : 0
        next.secret = sealSecret(dataKey, current.id, patch.secret)
      }
      this.rows.update(next)
      // Names of the changed fields only: the values may include the secret.
      const changed = [
        ...(next.name !== current.name ? ['name'] : []),
        ...(next.username !== current.username ? ['username'] : []),
        ...(next.scope_kind !== current.scope_kind || next.scope_id !== current.scope_id
          ? ['scope']
          : []),
        ...(patch.secret ? ['secret'] : []),
      ]
      this.record(db, {
        action: 'credentials.update',
        subject: current.id,
        detail: { name: next.name, kind: next.kind, changed, scope: scopeOf(next) },
      })
      return toSummary(next)
    })
  }

  /** Deletes a credential and its sealed secret; needs the vault unlocked. */
  deleteCredential(id: string): { id: string } {
    this.requireKey()
    this.store.transaction((db) => {
      const current = this.rows.get(id)
      if (!current) throw notFound()
      this.rows.delete(id)
      this.record(db, {
        action: 'credentials.delete',
        subject: id,
        detail: { name: current.name, kind: current.kind },
      })
    })
    return { id }
  }

  /**
   * Refuses (FORBIDDEN, saying how to widen the scope) a credential whose scope does not cover
   * `use`, or NOT_FOUND one that is gone. Reads metadata only, so it works while locked: a
   * session is refused at open, before anything connects.
   */
  checkUse(id: string, use: CredentialUse): CredentialSummary {
    const row = this.rows.get(id)
    if (!row) throw notFound()
    const summary = toSummary(row)
    const refusal = scopeRefusal(summary, use)
    if (refusal !== null) throw new DomainError('forbidden', refusal)
    return summary
  }

  /**
   * A credential with its secret, for the session service in the main process, only for a use
   * its scope covers. Never expose this through the contract: its result is exactly what must
   * not reach the renderer.
   */
  reveal(id: string, use: CredentialUse): RevealedCredential {
    const dataKey = this.requireKey()
    this.checkUse(id, use)
    const row = this.rows.get(id)
    if (!row) throw notFound()
    try {
      return {
        credential: toSummary(row),
        secret: openSecret(dataKey, row.id, row.kind, row.secret),
      }
    } catch (error) {
      if (!(error instanceof SecretIntegrityError)) throw error
      throw new DomainError(
        'damaged',
        `The secret of credential “${row.name}” could not be decrypted: its stored data was ` +
          'altered or copied from elsewhere. Enter it again.',
      )
    }
  }

  /**
   * Seals one of main's own secrets (never a technician's credential: it is not listed or
   * revealed over RPC). Needs the vault unlocked, like a credential.
   */
  storeInternalSecret(slot: InternalSecretSlot, value: string): void {
    const dataKey = this.requireKey()
    writeInternalSecret(this.store.db, dataKey, slot, value, this.host.clock.now())
  }

  /** One of main's own secrets, or null when none is kept; FORBIDDEN while locked. */
  readInternalSecret(slot: InternalSecretSlot): string | null {
    if (!hasInternalSecret(this.store.db, slot)) return null
    return readInternalSecret(this.store.db, this.requireKey(), slot)
  }

  /** Whether a secret is kept in the slot; works while locked. */
  hasInternalSecret(slot: InternalSecretSlot): boolean {
    return hasInternalSecret(this.store.db, slot)
  }

  /** Forgets one of main's own secrets; works while locked. */
  forgetInternalSecret(slot: InternalSecretSlot): void {
    deleteInternalSecret(this.store.db, slot)
  }

  private async protectNewKey(input: VaultSetup, dataKey: Buffer): Promise<VaultKeyRow> {
    const createdAt = this.host.clock.now()
    if (input.protection === 'passphrase') {
      const { kdf, wrapped } = await protectWithPassphrase(
        input.passphrase,
        dataKey,
        this.scryptLogN,
      )
      return {
        protection: 'passphrase',
        kdf: JSON.stringify(kdf),
        wrapped_key: wrapped,
        created_at: createdAt,
      }
    }
    const keychain = this.requireKeychain('invalid', NO_KEYCHAIN_FOR_SETUP)
    let wrapped: Buffer
    try {
      wrapped = protectWithKeychain(keychain, dataKey)
    } catch (error) {
      this.host.logger.warn(
        'the OS keychain refused to encrypt the vault key',
        describeFailure(error),
      )
      throw new DomainError('unavailable', 'The OS keychain refused to store the vault key')
    }
    return { protection: 'os-keychain', kdf: null, wrapped_key: wrapped, created_at: createdAt }
  }

  private openThroughKeychain(row: VaultKeyRow): Buffer {
    const keychain = this.requireKeychain('unavailable', NO_KEYCHAIN_FOR_UNLOCK)
    try {
      return openWithKeychain(keychain, row.wrapped_key)
    } catch (error) {
      this.host.logger.warn('the OS keychain could not open the vault key', describeFailure(error))
      throw new DomainError('forbidden', 'The OS keychain did not release the vault key')
    }
  }

  private async openWithPassphrase(
    row: VaultKeyRow,
    passphrase: string | undefined,
  ): Promise<Buffer> {
    if (!passphrase) {
      throw new DomainError('invalid', 'Enter the master passphrase to unlock the vault')
    }
    try {
      return await openWithPassphrase(passphrase, row.kdf, row.wrapped_key)
    } catch (error) {
      if (error instanceof DamagedKeySettingsError) throw new DomainError('damaged', error.message)
      if (!(error instanceof SealBrokenError)) throw error
      this.recordNow({
        action: 'vault.unlock-failed',
        subject: 'vault',
        detail: { via: 'passphrase' },
      })
      throw new DomainError('forbidden', 'Wrong passphrase')
    }
  }

  private requireKeychain(code: DomainErrorCode, message: string): OsKeychain {
    if (!this.host.osKeychain) throw new DomainError(code, message)
    return this.host.osKeychain
  }

  /** The data key, unlocking an OS keychain vault on first need; FORBIDDEN when locked. */
  private requireKey(): Buffer {
    if (this.dataKey) return this.dataKey
    const row =
      this.protection === 'os-keychain' && this.host.osKeychain && !this.lockedByTechnician
        ? readVaultKeyRow(this.store.db)
        : undefined
    if (!row) throw locked()
    const dataKey = this.openThroughKeychain(row)
    this.replaceKey(dataKey)
    this.recordNow({
      action: 'vault.unlock',
      subject: 'vault',
      detail: { via: 'os-keychain', automatic: true },
    })
    this.changed()
    return dataKey
  }

  private replaceKey(next: Buffer | null): void {
    wipe(this.dataKey ?? undefined)
    this.dataKey = next
  }

  private changed(): VaultStatus {
    const status = this.status()
    this.changes.emit('change', status)
    return status
  }

  private record(db: Parameters<AuditLog['record']>[0], entry: Omit<AuditRecord, 'actor'>): void {
    this.audit.record(db, this.host.clock.now(), { actor: this.host.technician, ...entry })
  }

  private recordNow(entry: Omit<AuditRecord, 'actor'>): void {
    this.store.transaction((db) => this.record(db, entry))
  }
}

function alreadySetUp(): DomainError {
  return new DomainError('conflict', 'The vault is already set up')
}

function hasPassphrase(secret: CredentialSecret): boolean {
  return secret.kind === 'private-key' && Boolean(secret.passphrase)
}

/** An error's name and message only: keychain errors carry no secrets, but never log payloads. */
function describeFailure(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'
}
