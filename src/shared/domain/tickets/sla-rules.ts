/**
 * How tickets drive the SLA clocks of domain/sla: which plan applies when a client has none,
 * which statuses stop the clocks, and which events meet a milestone.
 *
 * Milestones are met by the first of:
 * - first response: a customer-facing note, or the ticket leaving 'new';
 * - resolution plan: a note marked as the plan, or the status 'scheduled';
 * - resolved: the status 'resolved' (or 'closed' straight from another status).
 * Resolving or closing also meets any earlier milestone still open. Reopening a resolved ticket
 * clears the resolved milestone; the others stay met.
 */
import type { MilestoneClock, SlaMilestone, SlaPlan, SlaReport } from '../sla'
import { SLA_MILESTONES } from '../sla'
import { DONE_STATUSES, WAITING_STATUSES, type TicketStatus } from './status'

/** The plan of a client that has none of its own. */
export const DEFAULT_SLA_PLAN: SlaPlan = {
  name: 'Standard',
  priorities: {
    P1: { clock: '24x7', targetMinutes: { firstResponse: 15, resolutionPlan: 60, resolved: 240 } },
    P2: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 60, resolutionPlan: 240, resolved: 540 },
    },
    P3: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 240, resolutionPlan: 540, resolved: 1620 },
    },
    P4: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 540, resolutionPlan: 1620, resolved: 2700 },
    },
  },
}

/**
 * Statuses that stop the clocks: the waiting ones, and resolved/closed, so a reopened ticket
 * is not charged for the time it sat resolved.
 */
export const SLA_PAUSING_STATUSES: readonly TicketStatus[] = [...WAITING_STATUSES, ...DONE_STATUSES]

/** Share of a target used at which a running clock is "at risk". */
export const SLA_AT_RISK_FRACTION = 0.75

/** The milestones a move from `from` to `to` meets (if not met already). */
export function milestonesMetByStatus(from: TicketStatus, to: TicketStatus): SlaMilestone[] {
  if (to === 'resolved' || to === 'closed') return [...SLA_MILESTONES]
  const met: SlaMilestone[] = []
  if (from === 'new') met.push('firstResponse')
  if (to === 'scheduled') met.push('resolutionPlan')
  return met
}

/** The milestones a move from `from` to `to` un-meets: reopening clears "resolved". */
export function milestonesClearedByStatus(from: TicketStatus, to: TicketStatus): SlaMilestone[] {
  return DONE_STATUSES.includes(from) && !DONE_STATUSES.includes(to) ? ['resolved'] : []
}

/** The milestones a new note meets (if not met already). */
export function milestonesMetByNote(note: {
  visibility: 'internal' | 'customer'
  isPlan: boolean
}): SlaMilestone[] {
  const met: SlaMilestone[] = []
  if (note.visibility === 'customer') met.push('firstResponse')
  if (note.isPlan) met.push('resolutionPlan')
  return met
}

/** What a ticket's SLA badge shows: the most urgent milestone still open, or all met. */
export interface SlaHeadline {
  state: MilestoneClock['state']
  /** The milestone the state is about; null once every milestone is met. */
  milestone: SlaMilestone | null
  dueAt: number | null
  remainingMs: number | null
}

const urgency: Record<MilestoneClock['state'], number> = {
  breached: 0,
  'at-risk': 1,
  running: 2,
  paused: 3,
  met: 4,
}

/**
 * The headline of a report: among milestones not yet met, the worst state (breached, at risk,
 * running, paused), earliest due first; 'met' when all are met (even if one was met late).
 */
export function slaHeadline(report: SlaReport): SlaHeadline {
  let best: { milestone: SlaMilestone; clock: MilestoneClock } | null = null
  for (const milestone of SLA_MILESTONES) {
    const clock = report.milestones[milestone]
    if (clock.metAt !== undefined) continue
    if (
      best === null ||
      urgency[clock.state] < urgency[best.clock.state] ||
      (urgency[clock.state] === urgency[best.clock.state] &&
        (clock.dueAt ?? Infinity) < (best.clock.dueAt ?? Infinity))
    ) {
      best = { milestone, clock }
    }
  }
  if (best === null) return { state: 'met', milestone: null, dueAt: null, remainingMs: null }
  return {
    state: best.clock.state,
    milestone: best.milestone,
    dueAt: best.clock.dueAt,
    remainingMs: best.clock.remainingMs,
  }
}
