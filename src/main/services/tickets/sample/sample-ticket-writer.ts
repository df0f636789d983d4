/** Writes sample tickets into a store in one transaction, the bulk way. */
import { DomainError } from '../../../../shared/domain/errors'
import type { Store } from '../../store/store'
import { TicketSnapshotWriter } from '../snapshot-writer'
import { TicketSlaClock } from '../ticket-sla'
import {
  generateSampleTickets,
  readSampleInventory,
  type SampleTicketOptions,
} from './sample-tickets'

/** What the sample left in the store. */
export interface SampleTicketCounts {
  tickets: number
  notes: number
}

/**
 * Adds generated tickets for the clients in the store. Refuses (CONFLICT) when the store has
 * tickets already unless `replace`, so a sample never mixes into real tickets; with `replace`
 * every ticket, its outbox rows and base go first.
 */
export function writeSampleTickets(
  store: Store,
  options: SampleTicketOptions,
  { replace = false }: { replace?: boolean } = {},
): SampleTicketCounts {
  return store.transaction((db) => {
    const existing = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number
    if (existing > 0) {
      if (!replace) {
        throw new DomainError(
          'conflict',
          `The store has ${existing} tickets; the sample only fills an empty one`,
        )
      }
      db.exec('DELETE FROM tickets; DELETE FROM ticket_outbox; DELETE FROM ticket_base')
    }
    const writer = new TicketSnapshotWriter(db, new TicketSlaClock(db))
    const tickets = writer.writeMany(
      generateSampleTickets(readSampleInventory(db), options),
      options.now,
    )
    // The planner needs to know how selective the queue indexes are once there are many rows.
    db.pragma('analysis_limit = 1000')
    db.exec('ANALYZE tickets; ANALYZE ticket_notes; ANALYZE ticket_events')
    const notes = db.prepare('SELECT count(*) FROM ticket_notes').pluck().get() as number
    return { tickets, notes }
  })
}
