/**
 * A real store in a temp dir with a client, two sites, devices, a movable clock, and fake
 * session and recording sources, for the ticket tests.
 */
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { SessionEvent, SessionSummary } from '../../shared/contract/sessions'
import { DomainError } from '../../shared/domain/errors'
import { AuditLog } from '../services/audit/audit-log'
import { defaultBusinessHours } from '../../shared/domain/sla'
import { Store } from '../services/store/store'
import { testHostPorts } from './host-ports'
import { TicketService } from '../services/tickets/ticket-service'

/** Monday 2026-03-02 09:00 UTC: inside Mon–Fri 08:00–17:00 business hours. */
export const MONDAY_9AM = Date.UTC(2026, 2, 2, 9, 0)
export const MINUTE = 60_000

/** A session summary as the session service would report it. */
export function sessionSummary(overrides: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 'session-1',
    title: 'admin@web-01',
    host: '10.0.0.5',
    port: 22,
    username: 'admin',
    state: 'connected',
    startedAt: MONDAY_9AM,
    endedAt: null,
    exitReason: null,
    dropped: false,
    hostKeyFingerprint: null,
    recordingId: null,
    bytesIn: 0,
    bytesOut: 0,
    deviceId: null,
    ticketId: null,
    ...overrides,
  }
}

/** The world one ticket test runs in; `reopen` closes the store and opens it again. */
export class TicketWorld {
  now = MONDAY_9AM
  store: Store
  tickets: TicketService
  readonly events = new EventEmitter()
  readonly live = new Map<string, SessionSummary>()
  readonly casts = new Map<string, { inputRecorded: boolean; asciicast: string }>()
  readonly clientId = 'client-1'
  readonly otherClientId = 'client-2'
  readonly siteId = 'site-berlin'
  readonly otherSiteId = 'site-other'
  readonly deviceId = 'device-web'
  readonly otherDeviceId = 'device-foreign'

  constructor(
    private readonly dir: string,
    private readonly technician = 'alice',
  ) {
    this.store = new Store({ file: join(dir, 'switchboard.db') })
    this.seedInventory()
    this.tickets = this.service()
  }

  /** Closes everything and opens the same data directory again (a restart). */
  reopen(): void {
    this.tickets.dispose()
    this.store.close()
    this.store = new Store({ file: join(this.dir, 'switchboard.db') })
    this.tickets = this.service()
  }

  close(): void {
    this.tickets.dispose()
    this.store.close()
  }

  /** Reports a session state change as the session service would. */
  emitSession(session: SessionSummary): void {
    this.live.set(session.id, session)
    this.events.emit('event', { type: 'state', session } satisfies SessionEvent)
  }

  count(table: string): number {
    return this.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  }

  private service(): TicketService {
    const host = testHostPorts(this.dir, {
      clock: { now: () => this.now },
      technician: this.technician,
    })
    return new TicketService({
      store: this.store,
      host,
      audit: new AuditLog(this.store),
      sessions: {
        onEvent: (listener) => {
          this.events.on('event', listener)
          return () => this.events.off('event', listener)
        },
        get: (id) => {
          const session = this.live.get(id)
          if (!session) throw new DomainError('not-found', 'No such session')
          return session
        },
      },
      recordings: {
        get: (id) => {
          const cast = this.casts.get(id)
          if (!cast) throw new DomainError('not-found', 'No such recording')
          return { recording: { inputRecorded: cast.inputRecorded }, asciicast: cast.asciicast }
        },
      },
    })
  }

  private seedInventory(): void {
    const db = this.store.db
    const client = db.prepare(
      `INSERT INTO clients (id, name, short_code, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`,
    )
    client.run(this.clientId, 'Dental Partners', 'DENT')
    client.run(this.otherClientId, 'Other Co', 'OTHR')
    const site = db.prepare(
      `INSERT INTO sites (id, client_id, name, time_zone, business_hours, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, 0)`,
    )
    site.run(
      this.siteId,
      this.clientId,
      'Berlin',
      'UTC',
      JSON.stringify(defaultBusinessHours('UTC')),
    )
    site.run(
      this.otherSiteId,
      this.otherClientId,
      'Elsewhere',
      'UTC',
      JSON.stringify(defaultBusinessHours('UTC')),
    )
    const device = db.prepare(
      `INSERT INTO devices (id, client_id, hostname, online_minutes, stale_minutes, created_at,
         updated_at) VALUES (?, ?, ?, 15, 1440, 0, 0)`,
    )
    device.run(this.deviceId, this.clientId, 'web-01')
    device.run('device-db', this.clientId, 'db-01')
    device.run(this.otherDeviceId, this.otherClientId, 'elsewhere-01')
  }
}
