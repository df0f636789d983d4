/**
 * This installation's identity for tickets: the id its outbox rows carry, and the prefix and
 * counter of the ticket numbers it hands out offline. Made once, on first use, and kept.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import { formatTicketNumber, prefixFromBytes } from '../../../shared/domain/tickets'

/** Who this installation is, as the outbox and ticket numbers show it. */
export interface Installation {
  id: string
  prefix: string
}

/** Reads (creating once) the installation row and hands out ticket numbers. */
export class TicketInstallation {
  readonly current: Installation
  private readonly takeStatement: Database.Statement<[], number>

  constructor(db: Database.Database, now: number) {
    db.prepare(
      `INSERT OR IGNORE INTO ticket_installation
         (singleton, installation_id, number_prefix, next_number, created_at)
       VALUES (1, ?, ?, 1, ?)`,
    ).run(randomUUID(), prefixFromBytes(randomBytes(8)), now)
    const row = db
      .prepare('SELECT installation_id, number_prefix FROM ticket_installation')
      .get() as { installation_id: string; number_prefix: string }
    this.current = { id: row.installation_id, prefix: row.number_prefix }
    this.takeStatement = db
      .prepare<[], number>(
        `UPDATE ticket_installation SET next_number = next_number + 1
         RETURNING next_number - 1`,
      )
      .pluck()
  }

  /** The next ticket number; call inside the transaction that creates the ticket. */
  takeNumber(): string {
    return formatTicketNumber(this.current.prefix, this.takeStatement.get() as number)
  }
}
