import type { Principal } from '../auth/auth-service'
import type { ServerDatabase } from '../db/database'

/** Notified with a technician id when their assignments change (they pull, and may drop rows). */
export const TEAM_CHANNEL = 'switchboard_team'

interface Listener {
  principal: Principal
  /** The clients this installation may see; null for leads and admins (every client). */
  clients: Set<string> | null
  poke(clientId: string | null): void
}

/**
 * Realtime for one server process: it LISTENs for committed changes (pg_notify, sent by every
 * process that writes) and pokes each connected installation whose scope holds the client, so
 * two processes on one database both deliver. A poke carries no data: the installation pulls.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>()
  private stops: Array<() => Promise<void>> = []

  constructor(
    private readonly db: ServerDatabase,
    private readonly changesChannel: string,
  ) {}

  async start(): Promise<void> {
    this.stops.push(
      await this.db.listen(this.changesChannel, (clientId) => {
        for (const listener of this.listeners) {
          if (listener.clients === null || listener.clients.has(clientId)) listener.poke(clientId)
        }
      }),
      await this.db.listen(TEAM_CHANNEL, (technicianId) => {
        for (const listener of this.listeners) {
          if (listener.principal.technicianId !== technicianId) continue
          void this.scopeOf(listener.principal).then((clients) => {
            listener.clients = clients
            listener.poke(null)
          })
        }
      }),
    )
  }

  /** Registers a connected installation; returns its removal. */
  async add(principal: Principal, poke: (clientId: string | null) => void): Promise<() => void> {
    const listener: Listener = { principal, clients: await this.scopeOf(principal), poke }
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get size(): number {
    return this.listeners.size
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) await stop()
    this.listeners.clear()
  }

  private async scopeOf(principal: Principal): Promise<Set<string> | null> {
    if (principal.role !== 'technician') return null
    return this.db.transaction(
      { technicianId: principal.technicianId, role: principal.role },
      async (sql) =>
        new Set((await sql.query<{ id: string }>('SELECT id FROM clients')).rows.map((r) => r.id)),
    )
  }
}
