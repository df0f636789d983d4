/**
 * The outbox: every local ticket intent, in order, until a team server confirms it. Rows are
 * appended in the transaction that applies the intent, so a change and its outbox row exist
 * together or not at all.
 */
import type Database from 'better-sqlite3'
import type { FieldVersions, OutboxEntry, TicketIntent } from '../../../shared/contract/tickets'
import { MUTATION_PAYLOADS, type TicketMutation } from '../../../shared/domain/tickets'

interface OutboxRow {
  mutation_id: number
  installation_id: string
  intent: string
  entity_id: string
  ticket_id: string
  payload: string
  base_versions: string
  created_at: number
}

/** One stored mutation, parsed. */
export interface StoredMutation {
  mutationId: number
  mutation: TicketMutation
}

const entryFrom = (row: OutboxRow): OutboxEntry => ({
  mutationId: row.mutation_id,
  installationId: row.installation_id,
  intent: row.intent as TicketIntent,
  entityId: row.entity_id,
  ticketId: row.ticket_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  baseVersions: JSON.parse(row.base_versions) as FieldVersions,
  createdAt: row.created_at,
})

/** Prepared outbox statements on one connection. */
export class TicketOutbox {
  private readonly appendStatement: Database.Statement<unknown[], number>
  private readonly countStatement: Database.Statement<[], number>
  private readonly ticketCountStatement: Database.Statement<[], number>
  private readonly pageStatement: Database.Statement<[number, number], OutboxRow>
  private readonly ticketPageStatement: Database.Statement<[string, number, number], OutboxRow>
  private readonly ticketTotalStatement: Database.Statement<[string], number>
  private readonly pendingForTicketStatement: Database.Statement<[string], OutboxRow>
  private readonly confirmStatement: Database.Statement<[number]>

  constructor(
    db: Database.Database,
    private readonly installationId: string,
  ) {
    this.appendStatement = db
      .prepare<unknown[], number>(
        `INSERT INTO ticket_outbox
           (installation_id, intent, entity_id, ticket_id, payload, base_versions, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING mutation_id`,
      )
      .pluck()
    this.countStatement = db.prepare<[], number>('SELECT count(*) FROM ticket_outbox').pluck()
    this.ticketCountStatement = db
      .prepare<[], number>('SELECT count(DISTINCT ticket_id) FROM ticket_outbox')
      .pluck()
    this.pageStatement = db.prepare(
      'SELECT * FROM ticket_outbox WHERE mutation_id > ? ORDER BY mutation_id LIMIT ?',
    )
    this.ticketPageStatement = db.prepare(
      `SELECT * FROM ticket_outbox WHERE ticket_id = ? AND mutation_id > ?
       ORDER BY mutation_id LIMIT ?`,
    )
    this.ticketTotalStatement = db
      .prepare<[string], number>('SELECT count(*) FROM ticket_outbox WHERE ticket_id = ?')
      .pluck()
    this.pendingForTicketStatement = db.prepare(
      'SELECT * FROM ticket_outbox WHERE ticket_id = ? ORDER BY mutation_id',
    )
    this.confirmStatement = db.prepare('DELETE FROM ticket_outbox WHERE mutation_id <= ?')
  }

  /**
   * Appends one mutation and returns its id. The payload is checked against its intent's
   * schema first: what goes to a server must be what a replay can apply.
   */
  append(
    mutation: TicketMutation,
    ids: { entityId: string; ticketId: string },
    baseVersions: FieldVersions,
    at: number,
  ): number {
    const payload = MUTATION_PAYLOADS[mutation.intent].parse(mutation.payload)
    return this.appendStatement.get(
      this.installationId,
      mutation.intent,
      ids.entityId,
      ids.ticketId,
      JSON.stringify(payload),
      JSON.stringify(baseVersions),
      at,
    ) as number
  }

  count(): number {
    return this.countStatement.get() ?? 0
  }

  /** Tickets with at least one pending mutation. */
  ticketCount(): number {
    return this.ticketCountStatement.get() ?? 0
  }

  page(options: { ticketId?: string | undefined; afterMutationId: number; limit: number }): {
    total: number
    entries: OutboxEntry[]
  } {
    if (options.ticketId !== undefined) {
      return {
        total: this.ticketTotalStatement.get(options.ticketId) ?? 0,
        entries: this.ticketPageStatement
          .all(options.ticketId, options.afterMutationId, options.limit)
          .map(entryFrom),
      }
    }
    return {
      total: this.count(),
      entries: this.pageStatement.all(options.afterMutationId, options.limit).map(entryFrom),
    }
  }

  /** The pending mutations of one ticket, oldest first. */
  pendingFor(ticketId: string): OutboxEntry[] {
    return this.pendingForTicketStatement.all(ticketId).map(entryFrom)
  }

  /** Drops every mutation up to and including `mutationId`: the server has applied them. */
  confirmThrough(mutationId: number): number {
    return this.confirmStatement.run(mutationId).changes
  }
}
