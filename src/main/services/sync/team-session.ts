/**
 * Who this installation is signed in to the team server as. The refresh token is sealed in
 * the vault's internal slot; the access token lives in this object's memory only. A call that
 * the server answers 401 is retried once after a refresh; a refused refresh ends the session.
 */
import { DomainError } from '../../../shared/domain/errors'
import type { Tokens } from '../../../shared/sync/auth'
import type { VaultService } from '../vault/vault-service'
import type { SignedInTechnician, SyncLocalState } from './sync-local-state'
import { TeamClient, TeamServerError } from './team-client'

const REFRESH_SLOT = 'team.refreshToken'

/** The vault must be open to read or keep the refresh token. */
export class VaultClosedError extends Error {
  override name = 'VaultClosedError'
  constructor(readonly uninitialized: boolean) {
    super(
      uninitialized
        ? 'Set up the vault first: the team sign-in is kept in it'
        : 'Unlock the vault to sync',
    )
  }
}

/** The server no longer accepts this installation's session: sign in again. */
export class SessionEndedError extends Error {
  override name = 'SessionEndedError'
  constructor() {
    super('Your team session has ended; sign in again')
  }
}

export interface TeamSessionOptions {
  vault: VaultService
  state: SyncLocalState
  fetch?: typeof fetch
}

export class TeamSession {
  private token: string | null = null
  private refreshing: Promise<string> | null = null
  private clientFor: TeamClient | null = null

  constructor(private readonly options: TeamSessionOptions) {}

  /** A client for the configured server, or null when none is set. */
  client(): TeamClient | null {
    const url = this.options.state.get('serverUrl')
    if (url === null) return null
    if (this.clientFor?.url !== url) this.clientFor = this.newClient(url)
    return this.clientFor
  }

  newClient(url: string): TeamClient {
    return new TeamClient({ url, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) })
  }

  technician(): SignedInTechnician | null {
    return this.options.state.get('technician')
  }

  /** Signed in: someone is recorded and a refresh token is kept (whether or not it opens now). */
  isSignedIn(): boolean {
    return this.technician() !== null && this.options.vault.hasInternalSecret(REFRESH_SLOT)
  }

  /** Takes the tokens of a completed sign-in; the vault must be open to keep the refresh token. */
  adopt(url: string, tokens: Tokens): void {
    this.inVault(() => this.options.vault.storeInternalSecret(REFRESH_SLOT, tokens.refreshToken))
    this.options.state.set('serverUrl', url)
    this.options.state.set('technician', tokens.technician)
    this.token = tokens.accessToken
  }

  /** The access token in memory, or a fresh one. */
  accessToken(): Promise<string> {
    return this.token === null ? this.refresh() : Promise.resolve(this.token)
  }

  /** Runs `call` with an access token; a 401 gets one refresh and one retry. */
  async withToken<T>(call: (client: TeamClient, token: string) => Promise<T>): Promise<T> {
    const client = this.requireClient()
    const token = this.token ?? (await this.refresh())
    try {
      return await call(client, token)
    } catch (error) {
      if (!(error instanceof TeamServerError) || error.failure !== 'unauthorized') throw error
      if (this.token === token) this.token = null
      return call(client, await this.refresh())
    }
  }

  /** A fresh access token (one refresh at a time); ends the session when the server refuses. */
  refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  /** Signs out on the server (best effort) and forgets both tokens; the outbox stays. */
  async signOut(): Promise<void> {
    const client = this.client()
    // Without an access token in memory (work offline, a restart), one refresh gets one so
    // the server ends the session too; offline or refused, the tokens are forgotten anyway.
    const token = this.token ?? (client ? await this.refresh().catch(() => null) : null)
    this.forget()
    if (client && token) {
      await client.logout(token).catch(() => {
        // Offline or already revoked: the tokens are gone here either way.
      })
    }
  }

  /** Forgets the tokens and who was signed in (the server address stays for next time). */
  forget(): void {
    this.token = null
    this.options.vault.forgetInternalSecret(REFRESH_SLOT)
    this.options.state.set('technician', null)
  }

  /** Drops the access token from memory (work offline): the next call refreshes. */
  dropAccessToken(): void {
    this.token = null
  }

  private async doRefresh(): Promise<string> {
    const client = this.requireClient()
    const refreshToken = this.inVault(() => this.options.vault.readInternalSecret(REFRESH_SLOT))
    if (refreshToken === null) throw new SessionEndedError()
    let tokens: Tokens
    try {
      tokens = await client.refresh(refreshToken)
    } catch (error) {
      if (
        error instanceof TeamServerError &&
        (error.failure === 'unauthorized' || error.failure === 'forbidden')
      ) {
        this.forget()
        throw new SessionEndedError()
      }
      throw error
    }
    this.inVault(() => this.options.vault.storeInternalSecret(REFRESH_SLOT, tokens.refreshToken))
    this.options.state.set('technician', tokens.technician)
    this.token = tokens.accessToken
    return tokens.accessToken
  }

  private requireClient(): TeamClient {
    const client = this.client()
    if (!client) throw new SessionEndedError()
    return client
  }

  private requireOpenVault(): void {
    if (this.options.vault.status().state === 'uninitialized') throw new VaultClosedError(true)
  }

  /** A vault call; a locked vault (a keychain one opens by itself) is a VaultClosedError. */
  private inVault<T>(work: () => T): T {
    this.requireOpenVault()
    try {
      return work()
    } catch (error) {
      if (error instanceof DomainError && error.code === 'forbidden')
        throw new VaultClosedError(false)
      throw error
    }
  }
}
