/**
 * Checks of what a ticket intent points at outside tickets (client, site, device), with
 * errors that name the field, before anything is written.
 */
import type Database from 'better-sqlite3'
import { DomainError } from '../../../shared/domain/errors'

const fail = (code: 'not-found' | 'invalid', path: string[], message: string): never => {
  throw new DomainError(code, message, [{ path, message }])
}

/** Prepared lookups of clients, sites and devices on one connection. */
export class TicketReferences {
  private readonly clientStatement: Database.Statement<[string], number>
  private readonly siteStatement: Database.Statement<[string], string>
  private readonly deviceStatement: Database.Statement<
    [string],
    { id: string; hostname: string; client_id: string }
  >

  constructor(db: Database.Database) {
    this.clientStatement = db
      .prepare<[string], number>('SELECT 1 FROM clients WHERE id = ?')
      .pluck()
    this.siteStatement = db
      .prepare<[string], string>('SELECT client_id FROM sites WHERE id = ?')
      .pluck()
    this.deviceStatement = db.prepare('SELECT id, hostname, client_id FROM devices WHERE id = ?')
  }

  /** NOT_FOUND unless the client exists. */
  client(clientId: string): void {
    if (this.clientStatement.get(clientId) === undefined) {
      fail('not-found', ['clientId'], 'No such client')
    }
  }

  /** NOT_FOUND unless the site exists; BAD_REQUEST unless it is the client's. */
  site(siteId: string, clientId: string): void {
    const owner = this.siteStatement.get(siteId)
    if (owner === undefined) fail('not-found', ['siteId'], 'No such site')
    if (owner !== clientId) fail('invalid', ['siteId'], 'The site belongs to another client')
  }

  /** The device's id and hostname; NOT_FOUND or BAD_REQUEST (another client's) on `path`. */
  device(deviceId: string, clientId: string, path: string[]): { id: string; hostname: string } {
    const device = this.deviceStatement.get(deviceId)
    if (!device) return fail('not-found', path, 'No such device')
    if (device.client_id !== clientId) {
      fail('invalid', path, `${device.hostname} belongs to another client`)
    }
    return { id: device.id, hostname: device.hostname }
  }
}
