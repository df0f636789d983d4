import { randomUUID } from 'node:crypto'
import type { FieldVersions } from '../../shared/contract/tickets'
import type { MutationPayload } from '../../shared/domain/tickets'
import type { InventoryKind } from '../../shared/sync/inventory'
import type { PushMutation } from '../../shared/sync/protocol'

/**
 * An installation's outbox as tests write it: mutation ids in order, payloads in the form the
 * app's TicketService writes them.
 */
export class TestOutbox {
  private next = 1
  constructor(readonly actor: string) {}

  /** The id the next mutation will take. */
  get nextId(): number {
    return this.next
  }

  /** inventory.put of some fields of a client, site, device or snapshot. */
  put(
    kind: InventoryKind,
    id: string,
    clientId: string,
    fields: Record<string, unknown>,
    baseVersions: Record<string, number> = {},
  ): PushMutation {
    return this.push('inventory.put', { kind, id, clientId, fields }, baseVersions)
  }

  remove(kind: InventoryKind, id: string, clientId: string): PushMutation {
    return this.push('inventory.delete', { kind, id, clientId })
  }

  /** views.put of a saved view, or views.delete when `view` is null. */
  view(id: string, view: Record<string, unknown> | null): PushMutation {
    return view === null
      ? this.push('views.delete', { id })
      : this.push('views.put', { id, view: { id, ...view } })
  }

  private push(
    intent: PushMutation['intent'],
    payload: object,
    baseVersions: Record<string, number> = {},
  ): PushMutation {
    return {
      mutationId: this.next++,
      intent,
      payload: payload as Record<string, unknown>,
      baseVersions,
      createdAt: Date.now(),
    }
  }

  create(clientId: string, subject = 'Printer offline', id: string = randomUUID()): PushMutation {
    const payload: MutationPayload<'tickets.create'> = {
      at: Date.now(),
      actor: this.actor,
      id,
      number: `T-${id.slice(0, 8).toUpperCase()}`,
      clientId,
      siteId: null,
      devices: [],
      subject,
      description: '',
      contact: { name: null, email: null, phone: null },
      type: 'incident',
      board: 'Service Desk',
      impact: 'medium',
      urgency: 'medium',
      priority: null,
      assignee: null,
      dueAt: null,
    }
    return this.push('tickets.create', payload)
  }

  setStatus(
    id: string,
    status: MutationPayload<'tickets.setStatus'>['status'],
    base: FieldVersions = {},
  ) {
    return this.push('tickets.setStatus', { at: Date.now(), actor: this.actor, id, status }, base)
  }

  update(
    id: string,
    changes: MutationPayload<'tickets.update'>['changes'],
    base: FieldVersions = {},
  ) {
    return this.push('tickets.update', { at: Date.now(), actor: this.actor, id, changes }, base)
  }

  addNote(ticketId: string, body: string, noteId: string = randomUUID()) {
    return this.push('tickets.addNote', {
      at: Date.now(),
      actor: this.actor,
      ticketId,
      noteId,
      body,
      visibility: 'internal',
      isPlan: false,
    })
  }
}
