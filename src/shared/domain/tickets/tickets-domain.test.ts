import { describe, expect, it } from 'vitest'
import { computeSla } from '../sla'
import {
  canTransition,
  DEFAULT_SLA_PLAN,
  formatTicketNumber,
  milestonesClearedByStatus,
  milestonesMetByNote,
  milestonesMetByStatus,
  normalizeTicketNumber,
  parseMutation,
  prefixFromBytes,
  priorityFromMatrix,
  slaHeadline,
  SLA_PAUSING_STATUSES,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  transitionProblem,
} from '.'

describe('ticket statuses', () => {
  it('allow the moves a PSA allows and nothing else', () => {
    expect(canTransition('new', 'in-progress')).toBe(true)
    expect(canTransition('new', 'closed')).toBe(true)
    expect(canTransition('in-progress', 'closed')).toBe(false)
    expect(canTransition('in-progress', 'new')).toBe(false)
    expect(canTransition('resolved', 'in-progress')).toBe(true)
    expect(canTransition('waiting-customer', 'waiting-vendor')).toBe(true)
    for (const status of TICKET_STATUSES) {
      expect(canTransition(status, status)).toBe(false)
      expect(canTransition('closed', status)).toBe(false)
      // Nothing ever goes back to new.
      expect(TICKET_TRANSITIONS[status]).not.toContain('new')
    }
  })

  it('explain a refused move in words', () => {
    expect(transitionProblem('new', 'in-progress')).toBeNull()
    expect(transitionProblem('closed', 'in-progress')).toBe('A closed ticket cannot change status')
    expect(transitionProblem('scheduled', 'scheduled')).toBe('The ticket is already scheduled')
    expect(transitionProblem('resolved', 'scheduled')).toBe(
      'A resolved ticket cannot move to scheduled (allowed: in-progress, closed)',
    )
  })
})

describe('priority matrix', () => {
  it('maps impact × urgency to P1–P4 symmetrically', () => {
    expect(priorityFromMatrix('high', 'high')).toBe('P1')
    expect(priorityFromMatrix('high', 'medium')).toBe('P2')
    expect(priorityFromMatrix('medium', 'high')).toBe('P2')
    expect(priorityFromMatrix('high', 'low')).toBe('P3')
    expect(priorityFromMatrix('medium', 'medium')).toBe('P3')
    expect(priorityFromMatrix('medium', 'low')).toBe('P4')
    expect(priorityFromMatrix('low', 'low')).toBe('P4')
  })
})

describe('ticket numbers', () => {
  it('are prefix and a counter, and read back in any case', () => {
    expect(formatTicketNumber('7F3A', 42)).toBe('T-7F3A-0042')
    expect(formatTicketNumber('7F3A', 123456)).toBe('T-7F3A-123456')
    expect(() => formatTicketNumber('7F3A', 0)).toThrow(RangeError)
    expect(normalizeTicketNumber(' t-7f3a-0042 ')).toBe('T-7F3A-0042')
    expect(normalizeTicketNumber('T-7F3A-42')).toBeNull()
    expect(normalizeTicketNumber('printer')).toBeNull()
    expect(prefixFromBytes([0, 31, 32, 255])).toBe('0Z0Z')
    expect(prefixFromBytes([8, 18, 20, 27])).not.toMatch(/[ILOU]/)
  })
})

describe('SLA rules of tickets', () => {
  it('meet milestones by status and notes, and reopening clears "resolved"', () => {
    expect(milestonesMetByStatus('new', 'in-progress')).toEqual(['firstResponse'])
    expect(milestonesMetByStatus('in-progress', 'scheduled')).toEqual(['resolutionPlan'])
    expect(milestonesMetByStatus('new', 'scheduled')).toEqual(['firstResponse', 'resolutionPlan'])
    expect(milestonesMetByStatus('in-progress', 'resolved')).toEqual([
      'firstResponse',
      'resolutionPlan',
      'resolved',
    ])
    expect(milestonesMetByStatus('waiting-customer', 'in-progress')).toEqual([])
    expect(milestonesClearedByStatus('resolved', 'in-progress')).toEqual(['resolved'])
    expect(milestonesClearedByStatus('in-progress', 'resolved')).toEqual([])
    expect(milestonesMetByNote({ visibility: 'internal', isPlan: false })).toEqual([])
    expect(milestonesMetByNote({ visibility: 'customer', isPlan: true })).toEqual([
      'firstResponse',
      'resolutionPlan',
    ])
  })

  it('headline the most urgent open milestone', () => {
    const hours = { timeZone: 'UTC', weekly: {} }
    const report = computeSla({
      createdAt: 0,
      priority: 'P1',
      plan: DEFAULT_SLA_PLAN,
      hours,
      waitingStatuses: SLA_PAUSING_STATUSES,
      statusHistory: [{ at: 0, status: 'new' }],
      milestonesMetAt: { firstResponse: 60_000 },
      now: 50 * 60_000,
    })
    // First response is met; the plan (60 min) is at risk at 50 min, resolution (240) runs.
    expect(slaHeadline(report)).toEqual({
      state: 'at-risk',
      milestone: 'resolutionPlan',
      dueAt: 60 * 60_000,
      remainingMs: 10 * 60_000,
    })
  })
})

describe('outbox payloads', () => {
  it('parse by intent and refuse what does not fit', () => {
    const stamp = { at: 1, actor: 'alice' }
    expect(parseMutation('tickets.assign', { ...stamp, id: 't', assignee: null })).toEqual({
      intent: 'tickets.assign',
      payload: { ...stamp, id: 't', assignee: null },
    })
    expect(() => parseMutation('tickets.assign', { ...stamp, id: 't' })).toThrow()
    expect(() => parseMutation('tickets.delete', {})).toThrow(/Unknown ticket intent/)
  })
})
