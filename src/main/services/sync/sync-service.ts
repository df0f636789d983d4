/**
 * Team sync as the renderer sees it: sign-in steps (the server's challenge stays here), the
 * first-sync choice, work offline, the status, conflicts and refused changes, and the Team
 * page's calls made with this installation's token. The loop itself is SyncEngine.
 */
import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { z } from 'zod'
import type {
  SignInStep,
  SyncConflict,
  SyncRejection,
  SyncStatus,
} from '../../../shared/contract/sync'
import { DomainError } from '../../../shared/domain/errors'
import type { Tokens } from '../../../shared/sync/auth'
import type { HostPorts } from '../ports'
import type { Store } from '../store/store'
import { InventorySync } from '../inventory/inventory-sync'
import type { SettingsService } from '../settings/settings-service'
import { dropLocalTickets } from '../tickets/sync-apply'
import type { TicketService } from '../tickets/ticket-service'
import type { VaultService } from '../vault/vault-service'
import { conflictResolution } from './conflict-resolution'
import { DEFAULT_SYNC_TIMING, SyncEngine, type CycleOutcome, type SyncTiming } from './sync-engine'
import { SyncLocalState } from './sync-local-state'
import type { SyncStatusService } from './sync-status'
import { TeamServerError, type TeamClient } from './team-client'
import { toDomainError } from './team-errors'
import { SessionEndedError, TeamSession, VaultClosedError } from './team-session'

export interface SyncServiceOptions {
  store: Store
  tickets: TicketService
  vault: VaultService
  settings: SettingsService
  status: SyncStatusService
  host: HostPorts
  timing?: Partial<SyncTiming>
  fetch?: typeof fetch
}

type ChooseStep = Extract<SignInStep, { step: 'choose-first-sync' }>

interface PendingSignIn {
  client: TeamClient
  challenge: string
  kind: 'verify' | 'enroll'
}

const NO_SIGN_IN = 'No sign-in is in progress; start again with your email and password'

export class SyncService {
  private readonly local: SyncLocalState
  private readonly session: TeamSession
  private readonly engine: SyncEngine
  private pendingSignIn: PendingSignIn | null = null
  private outcome: CycleOutcome | null = null
  private offlineSince: number | null = null
  private progress: SyncStatus['progress'] = null
  private readonly stopVaultWatch: () => void
  private readonly inventory: InventorySync
  private readonly stopCapture: () => void
  private readonly stopViewsWatch: () => void

  constructor(private readonly options: SyncServiceOptions) {
    this.local = new SyncLocalState(options.store.db)
    this.inventory = new InventorySync(options.store.db, () => options.host.clock.now())
    this.stopCapture = options.store.onBeforeCommit((db) => this.inventory.capture(db))
    // Pulled saved views were written to their setting underneath the settings service.
    this.stopViewsWatch = this.inventory.onDidChange(({ savedViews }) => {
      if (savedViews) options.settings.announce('inventory.deviceViews')
    })
    this.session = new TeamSession({
      vault: options.vault,
      state: this.local,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
    this.engine = new SyncEngine({
      db: options.store.db,
      holdCheckpoints: () => options.store.holdCheckpoints(),
      tickets: options.tickets,
      inventory: this.inventory,
      local: this.local,
      session: this.session,
      clock: options.host.clock,
      logger: options.host.logger,
      timing: { ...DEFAULT_SYNC_TIMING, ...options.timing },
      events: {
        onProgress: (progress) => {
          this.progress = progress
          this.publish()
        },
        onOutcome: (outcome) => this.settle(outcome),
        onLocalListsChanged: () => this.publish(),
      },
    })
    // A sync that waited for the vault goes on once it opens.
    this.stopVaultWatch = options.vault.onDidChangeStatus((status) => {
      if (status.state === 'unlocked' && this.outcome?.kind === 'error') void this.engine.sync()
    })
    const url = this.local.get('serverUrl')
    if (url !== null && this.local.get('firstSyncDoneFor') === url) this.startCapture()
    this.resume()
  }

  status(): SyncStatus {
    return this.options.status.status()
  }

  // ---- sign-in ---------------------------------------------------------------------------

  /** The display name of the technician signed in to the team, or null. */
  teamTechnicianName(): string | null {
    return this.session.technician()?.displayName ?? null
  }

  async signIn(input: { url: string; email: string; password: string }): Promise<SignInStep> {
    return this.rpc(async () => {
      const client = this.session.newClient(input.url)
      this.requireVaultForSignIn()
      this.pendingSignIn = null
      const response = await client.login({
        email: input.email,
        password: input.password,
        installation: {
          id: this.options.tickets.installation.current.id,
          name: hostname().slice(0, 200) || 'Switchboard',
        },
      })
      if (response.next === 'signed-in') return this.signedIn(client, response.tokens)
      this.pendingSignIn = {
        client,
        challenge: response.challenge,
        kind: response.next === 'mfa' ? 'verify' : 'enroll',
      }
      return response.next === 'mfa'
        ? { step: 'mfa' }
        : { step: 'enroll-mfa', secret: response.secret, otpauthUrl: response.otpauthUrl }
    })
  }

  async verifyCode(input: { code?: string | undefined; recoveryCode?: string | undefined }) {
    return this.rpc(async () => {
      const pending = this.requirePending('verify')
      if ((input.code === undefined) === (input.recoveryCode === undefined)) {
        throw new DomainError('invalid', 'Give the six-digit code or one recovery code')
      }
      const tokens = await pending.client.completeMfa({
        challenge: pending.challenge,
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.recoveryCode !== undefined ? { recoveryCode: input.recoveryCode } : {}),
      })
      this.pendingSignIn = null
      return this.signedIn(pending.client, tokens)
    })
  }

  async enrollCode(input: { code: string }): Promise<SignInStep> {
    return this.rpc(async () => {
      const pending = this.requirePending('enroll')
      const { tokens, recoveryCodes } = await pending.client.enrollMfa({
        challenge: pending.challenge,
        code: input.code,
      })
      this.pendingSignIn = null
      const next = this.signedIn(pending.client, tokens)
      if (next.step !== 'signed-in' && next.step !== 'choose-first-sync') return next
      return { step: 'recovery-codes', codes: recoveryCodes, next }
    })
  }

  cancelSignIn(): Record<string, never> {
    this.pendingSignIn = null
    return {}
  }

  async chooseFirstSync(input: { choice: 'upload' | 'start-from-team' }): Promise<SignInStep> {
    return this.rpc(async () => {
      const choice = this.firstSyncChoice()
      if (!choice) {
        throw new DomainError('conflict', 'There is nothing to choose: this installation is set up')
      }
      const url = this.local.get('serverUrl') as string
      if (input.choice === 'upload') {
        if (!choice.mayUpload) {
          throw new DomainError(
            'forbidden',
            "Only a lead or an admin can upload local data; start from the team's data instead",
          )
        }
        // The clients first, so the tickets queued before this sign-in have a client to go
        // to; then every local inventory row is queued as if just written.
        for (const client of this.local.localClients()) {
          try {
            await this.session.withToken((team, token) =>
              team.call('POST', '/v1/clients', null, { token, body: client }),
            )
          } catch (error) {
            // The client is on the team already (uploaded before): its tickets can follow.
            if (!(error instanceof TeamServerError && error.failure === 'conflict')) throw error
          }
        }
        this.options.store.transaction((db) => {
          this.inventory.setCapturing(true, db)
          this.inventory.markAllDirty(db)
        })
      } else {
        await this.backupStore()
        this.options.tickets.syncTransaction((db) => {
          dropLocalTickets(db)
          this.inventory.dropAll(db)
          this.inventory.setCapturing(true, db)
          this.local.set('cursor', null, db)
          return { result: undefined, ticketIds: [] }
        })
      }
      this.local.set('firstSyncDoneFor', url)
      this.resume()
      return { step: 'signed-in' }
    })
  }

  async signOut(): Promise<Record<string, never>> {
    this.pendingSignIn = null
    this.engine.stop()
    await this.session.signOut()
    this.outcome = null
    this.publish()
    return {}
  }

  async setWorkOffline(input: { offline: boolean }): Promise<SyncStatus> {
    this.local.set('workOffline', input.offline)
    if (input.offline) {
      this.engine.stop()
      this.session.dropAccessToken()
      this.outcome = null
      await this.engine.settled()
    }
    this.resume()
    return this.status()
  }

  /** Pushes and pulls now; answers once that cycle is done, with the status it left. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.engine.isRunning) this.resume()
    await this.engine.sync()
    await this.engine.settled()
    return this.status()
  }

  /** Inventory rows sync changed here, by client (the renderer refetches what it shows). */
  onDidChangeInventory(listener: (change: { clientIds: string[] }) => void): () => void {
    return this.inventory.onDidChange(({ clientIds }) => {
      if (clientIds.length > 0) listener({ clientIds })
    })
  }

  // ---- conflicts and refused changes ------------------------------------------------------

  conflicts(): { conflicts: SyncConflict[] } {
    return { conflicts: this.local.conflicts() }
  }

  resolveConflict(input: { id: string; choice: 'mine' | 'theirs' }): Record<string, never> {
    const conflict = this.local.conflict(input.id)
    if (!conflict) throw new DomainError('not-found', 'That conflict is resolved already')
    if (input.choice === 'mine') {
      const entity = conflict.entity
      if (entity === 'ticket') conflictResolution(this.options.tickets, conflict)
      else {
        this.options.store.transaction((db) =>
          this.inventory.applyMine(db, entity, conflict.ticketId, conflict.field, conflict.mine),
        )
      }
    }
    this.local.deleteConflict(input.id)
    this.publish()
    return {}
  }

  rejections(): { rejections: SyncRejection[] } {
    return { rejections: this.local.rejections() }
  }

  dismissRejection(input: { mutationId: number }): Record<string, never> {
    if (this.local.dismissRejection(input.mutationId) === 0) {
      throw new DomainError('not-found', 'No refused change has that number')
    }
    this.publish()
    return {}
  }

  // ---- the Team page ----------------------------------------------------------------------

  /** One call to the team server with this installation's token, its answer validated. */
  async team<S extends z.ZodType | null>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<S extends z.ZodType ? z.output<S> : undefined> {
    return this.rpc(() => {
      if (!this.session.isSignedIn()) {
        throw new DomainError('forbidden', 'Sign in to the team server first')
      }
      return this.session.withToken((client, token) =>
        client.call(method, path, schema, { token, ...(body !== undefined ? { body } : {}) }),
      )
    })
  }

  dispose(): void {
    this.engine.dispose()
    this.stopVaultWatch()
    this.stopCapture()
    this.stopViewsWatch()
  }

  // ---- internals -------------------------------------------------------------------------

  /** Tokens in hand: keep them, then either sync or ask how to start. */
  private signedIn(client: TeamClient, tokens: Tokens): SignInStep {
    if (this.local.get('serverUrl') !== client.url) {
      // Another server: its cursor means nothing here, and its first sync is not settled.
      this.local.set('cursor', null)
      this.local.set('firstSyncDoneFor', null)
      this.inventory.setCapturing(false)
    }
    this.session.adopt(client.url, tokens)
    this.outcome = null
    const choice = this.firstSyncChoice()
    if (choice) {
      this.publish()
      return choice
    }
    this.resume()
    return { step: 'signed-in' }
  }

  /** The first-sync question, while it is open for the signed-in server. */
  private firstSyncChoice(): ChooseStep | null {
    const url = this.local.get('serverUrl')
    const technician = this.session.technician()
    if (url === null || technician === null || this.local.get('firstSyncDoneFor') === url) {
      return null
    }
    const counts = this.local.localCounts()
    if (counts.clients + counts.tickets + counts.outbox === 0) {
      this.local.set('firstSyncDoneFor', url)
      this.startCapture()
      return null
    }
    return {
      step: 'choose-first-sync',
      local: { clients: counts.clients, devices: counts.devices, tickets: counts.tickets },
      mayUpload: technician.role === 'lead' || technician.role === 'admin',
    }
  }

  /** Local inventory writes become changes for the team from now on (in a transaction, so the
   * saved views it looks at again are captured at its end). */
  private startCapture(): void {
    this.options.store.transaction((db) => this.inventory.setCapturing(true, db))
  }

  /** Starts the engine when everything allows it, and says in the status why not otherwise. */
  private resume(): void {
    const canRun =
      this.session.isSignedIn() &&
      this.local.get('workOffline') !== true &&
      this.firstSyncChoice() === null
    if (canRun) this.engine.start()
    else this.engine.stop()
    this.publish()
  }

  private settle(outcome: CycleOutcome): void {
    this.outcome = outcome
    if (outcome.kind === 'offline') this.offlineSince ??= this.options.host.clock.now()
    else this.offlineSince = null
    this.publish()
  }

  /** Emits the status: what stops sync locally first, else the engine's last word. */
  private publish(): void {
    const url = this.local.get('serverUrl')
    this.options.status.update({
      lastSyncedAt: this.local.get('lastSyncedAt'),
      conflicts: this.local.conflictCount(),
      rejected: this.local.rejectionCount(),
      server: url === null ? null : { url, technician: this.session.technician() },
      offlineSince: this.offlineSince,
      progress: this.engine.isRunning ? this.progress : null,
      message: undefined,
      ...this.stateNow(),
    })
  }

  private stateNow(): Pick<SyncStatus, 'state'> & { message?: string | undefined } {
    if (this.local.get('serverUrl') === null) return { state: 'not-configured' }
    if (!this.session.isSignedIn()) {
      return this.outcome?.kind === 'signed-out'
        ? { state: 'signed-out', message: this.outcome.message }
        : { state: 'signed-out' }
    }
    if (this.local.get('workOffline') === true) return { state: 'working-offline' }
    if (this.firstSyncChoice() !== null) {
      return {
        state: 'error',
        message: "Choose whether to upload this installation's data or start from the team's",
      }
    }
    if (this.progress !== null || this.outcome === null) return { state: 'syncing' }
    if (this.outcome.kind === 'synced') return { state: 'synced' }
    return { state: this.outcome.kind, message: this.outcome.message }
  }

  private requireVaultForSignIn(): void {
    const { state, protection } = this.options.vault.status()
    if (state === 'uninitialized') throw new VaultClosedError(true)
    if (state === 'locked' && protection === 'passphrase') {
      throw new DomainError('forbidden', 'Unlock the vault first: the team sign-in is kept in it')
    }
  }

  private requirePending(kind: PendingSignIn['kind']): PendingSignIn {
    const pending = this.pendingSignIn
    if (!pending) throw new DomainError('conflict', NO_SIGN_IN)
    if (pending.kind !== kind) {
      throw new DomainError(
        'conflict',
        kind === 'verify'
          ? 'This sign-in needs a second factor set up first (enrollCode)'
          : 'This sign-in needs the code from your authenticator (verifyCode)',
      )
    }
    return pending
  }

  /** A dated copy of the whole store, next to it, before local tickets are dropped. */
  private async backupStore(): Promise<string> {
    const dir = join(this.options.host.paths.dataDir, 'backups')
    mkdirSync(dir, { recursive: true })
    const stamp = new Date(this.options.host.clock.now()).toISOString().replace(/[:.]/g, '-')
    const file = join(dir, `switchboard-before-team-sync-${stamp}.db`)
    await this.options.store.db.backup(file)
    return file
  }

  private async rpc<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (error instanceof VaultClosedError) throw new DomainError('forbidden', error.message)
      if (error instanceof SessionEndedError) {
        this.engine.stop()
        this.publish()
        throw new DomainError('forbidden', error.message)
      }
      throw toDomainError(error)
    }
  }
}
