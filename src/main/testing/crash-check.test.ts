import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../services'
import { testHostPorts } from './host-ports'
import { serveOverMemory } from './rpc-harness'
import { useTempDirs } from './temp-dir'
import { CrashChecker, type AckedIntent } from './crash-check'

const tempDir = useTempDirs()
const open: Services[] = []
afterEach(() => {
  for (const s of open.splice(0)) s.dispose()
})

/**
 * A store with a few acknowledged intents of each kind, as the crash loop records them, and a
 * writable side door to damage it the ways a durability bug would.
 */
async function acknowledgedStore() {
  const dir = tempDir()
  const services = createServices(testHostPorts(dir, { clock: { now: () => Date.now() } }))
  open.push(services)
  const { client } = serveOverMemory(services)
  const acked: AckedIntent[] = []
  let n = 0
  const ack = (
    intent: AckedIntent['intent'],
    tag: string,
    reply: { mutationId: number; ticket: { id: string; number: string } },
    entityId = reply.ticket.id,
  ) => {
    n += 1
    acked.push({
      round: 1,
      connection: '1.0',
      intent,
      tag,
      reply: {
        mutationId: reply.mutationId,
        entityId,
        ticketId: reply.ticket.id,
        number: reply.ticket.number,
      },
    })
    return n
  }
  const { id: clientId } = await client.inventory.createClient({ name: 'Acme', shortCode: 'ACME' })
  const created = await client.tickets.create({
    clientId,
    subject: 'Crash ticket t1q',
    description: 'Opened by the crash test t2q',
  })
  ack('tickets.create', 't2q', created)
  const id = created.ticket.id
  ack('tickets.setStatus', 't3q', await client.tickets.setStatus({ id, status: 'in-progress' }))
  ack('tickets.assign', 't4q', await client.tickets.assign({ id, assignee: 'bob' }))
  const note = await client.tickets.addNote({ ticketId: id, body: 'Crash note t5q' })
  ack('tickets.addNote', 't5q', note, note.note.id)
  const entry = await client.tickets.addTimeEntry({
    ticketId: id,
    durationMinutes: 5,
    note: 'Crash time t6q',
  })
  ack('tickets.addTimeEntry', 't6q', entry, entry.timeEntry.id)
  const timer = await client.tickets.startTimer({ ticketId: id, note: 'Crash timer t7q' })
  ack('tickets.startTimer', 't7q', timer, timer.timer.id)
  const file = join(dir, 'switchboard.db')
  const damage = (sql: string, ...params: unknown[]) => {
    const db = new Database(file)
    try {
      db.prepare(sql).run(...params)
    } finally {
      db.close()
    }
  }
  return { client, acked, file, damage, ticketId: id, noteId: note.note.id }
}

describe('the crash checks', () => {
  it('find nothing wrong in a store that kept every acknowledged intent', async () => {
    const { acked, file } = await acknowledgedStore()
    expect(new CrashChecker(file).check(acked)).toEqual([])
  })

  it('name an acknowledged intent whose change and outbox row are gone', async () => {
    const { acked, file, damage, noteId } = await acknowledgedStore()
    damage('DELETE FROM ticket_notes WHERE id = ?', noteId)
    damage('DELETE FROM ticket_outbox WHERE entity_id = ?', noteId)
    const problems = new CrashChecker(file).check(acked)
    expect(problems).toContainEqual(
      expect.stringMatching(/tickets\.addNote t5q .* not in the outbox/),
    )
  })

  it('catch a change applied without its outbox row, and one applied twice', async () => {
    const { acked, file, damage, ticketId } = await acknowledgedStore()
    damage(
      `INSERT INTO ticket_notes (seq, id, ticket_seq, visibility, is_plan, author, body, created_at)
       SELECT max(n.seq) + 1, 'note-copy', t.seq, 'internal', 0, 'x', 'Crash note t5q', 0
       FROM ticket_notes n JOIN tickets t ON t.seq = n.ticket_seq WHERE t.id = ?`,
      ticketId,
    )
    const problems = new CrashChecker(file).check(acked)
    expect(problems).toContainEqual(expect.stringMatching(/note-copy exists without its mutation/))
    expect(problems).toContainEqual(expect.stringMatching(/t5q stored twice/))
  })

  it('catch a note the search index does not have', async () => {
    const { acked, file, damage, noteId } = await acknowledgedStore()
    // Notes never change, so nothing keeps the index in step with this edit.
    damage("UPDATE ticket_notes SET body = 'Crash note t9q' WHERE id = ?", noteId)
    expect(new CrashChecker(file).check(acked)).toContainEqual(
      expect.stringMatching(/search: note "Crash note t9q" finds \[\]/),
    )
  })

  it('catch a ticket field that is not what its last committed change set', async () => {
    const { acked, file, damage, ticketId } = await acknowledgedStore()
    damage("UPDATE tickets SET status = 'new', assignee = NULL WHERE id = ?", ticketId)
    const problems = new CrashChecker(file).check(acked)
    expect(problems).toContainEqual(
      expect.stringMatching(/status is new, replay gives in-progress/),
    )
    expect(problems).toContainEqual(expect.stringMatching(/assignee is null, replay gives bob/))
  })

  it('catch outbox rows that vanish or whose mutation id is handed out again after a restart', async () => {
    const { acked, file, damage, client, ticketId } = await acknowledgedStore()
    const checker = new CrashChecker(file)
    // Committed, but the reply was lost: never acknowledged, so only the history guards it.
    const unacked = await client.tickets.assign({ id: ticketId, assignee: 'carol' })
    expect(checker.check(acked)).toEqual([])
    damage('DELETE FROM ticket_outbox WHERE mutation_id = ?', unacked.mutationId)
    expect(checker.check(acked)).toContainEqual(
      expect.stringMatching(new RegExp(`mutation ${unacked.mutationId} was committed, then lost`)),
    )
    const reused = await client.tickets.assign({ id: ticketId, assignee: 'dave' })
    expect(reused.mutationId).toBeGreaterThan(unacked.mutationId)
    damage(
      'UPDATE ticket_outbox SET mutation_id = ? WHERE mutation_id = ?',
      unacked.mutationId,
      reused.mutationId,
    )
    expect(checker.check(acked)).toContainEqual(
      expect.stringMatching(new RegExp(`mutation ${unacked.mutationId} was reused`)),
    )
  })

  it('catch replies on one connection whose mutation ids do not increase', async () => {
    const { acked, file } = await acknowledgedStore()
    const [first, second, ...rest] = acked
    const swapped = [second, first, ...rest].filter((a) => a !== undefined)
    expect(new CrashChecker(file).check(swapped)).toContainEqual(
      expect.stringMatching(/on 1\.0 got mutation 1 after 2/),
    )
  })
})
