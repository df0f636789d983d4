/**
 * SLA clocks of tickets: which plan and business hours apply, the exact report computed at
 * read time, and the two columns the queue indexes use (next deadline, at-risk instant),
 * computed at write time so "SLA at risk" never computes SLA for every ticket.
 */
import type Database from 'better-sqlite3'
import type { TicketSla } from '../../../shared/contract/tickets'
import {
  businessTimeBetween,
  computeSla,
  defaultBusinessHours,
  SLA_MILESTONES,
  SlaPlan,
  type BusinessHours,
  type SlaInput,
  type SlaMilestone,
  type SlaPriority,
  type StatusChange,
} from '../../../shared/domain/sla'
import {
  DEFAULT_SLA_PLAN,
  SLA_AT_RISK_FRACTION,
  SLA_PAUSING_STATUSES,
  slaHeadline,
} from '../../../shared/domain/tickets'

/** What the SLA of a ticket depends on, as stored. */
export interface SlaTicketFields {
  seq: number
  client_id: string
  site_id: string | null
  priority: string
  status: string
  created_at: number
  first_response_at: number | null
  resolution_plan_at: number | null
  resolved_at: number | null
  /** The site's hours when the caller joined them (a list page), saving a query. */
  site_hours?: string | null
  site_time_zone?: string | null
}

/** A client's plan and whether it is the default one. */
export interface PlanChoice {
  plan: SlaPlan
  isDefault: boolean
}

interface HoursChoice {
  hours: BusinessHours
  timeZone: string
}

const DEFAULT_HOURS: HoursChoice = { hours: defaultBusinessHours('UTC'), timeZone: 'UTC' }

/**
 * A site's hours if a business clock can run on them. Hours that are valid but never open
 * (every day closed) would make every business-hours clock throw: such a site counts with
 * the default hours instead, so its tickets still get clocks.
 */
function usableHours(text: string, timeZone: string): HoursChoice {
  try {
    const hours = JSON.parse(text) as BusinessHours
    businessTimeBetween(0, 0, hours)
    return { hours, timeZone }
  } catch {
    return DEFAULT_HOURS
  }
}

/** The plan with every target scaled: its due instants are the at-risk instants of the real one. */
function scaledPlan(plan: SlaPlan, fraction: number): SlaPlan {
  const scale = (targets: SlaPlan['priorities']['P1']) => ({
    clock: targets.clock,
    targetMinutes: {
      firstResponse: targets.targetMinutes.firstResponse * fraction,
      resolutionPlan: targets.targetMinutes.resolutionPlan * fraction,
      resolved: targets.targetMinutes.resolved * fraction,
    },
  })
  const p = plan.priorities
  return {
    name: plan.name,
    priorities: { P1: scale(p.P1), P2: scale(p.P2), P3: scale(p.P3), P4: scale(p.P4) },
  }
}

const metAtOf = (row: SlaTicketFields): Partial<Record<SlaMilestone, number>> => {
  const met: Partial<Record<SlaMilestone, number>> = {}
  if (row.first_response_at !== null) met.firstResponse = row.first_response_at
  if (row.resolution_plan_at !== null) met.resolutionPlan = row.resolution_plan_at
  if (row.resolved_at !== null) met.resolved = row.resolved_at
  return met
}

/** Plans, hours and status histories on one connection, with the parsed values cached. */
export class TicketSlaClock {
  private readonly planStatement: Database.Statement<[string], string>
  private readonly siteStatement: Database.Statement<
    [string],
    { business_hours: string; time_zone: string }
  >
  private readonly firstSiteStatement: Database.Statement<
    [string],
    { business_hours: string; time_zone: string }
  >
  private readonly historyStatement: Database.Statement<[number], StatusChange>
  private readonly historiesStatement: Database.Statement<
    [string],
    StatusChange & { ticket_seq: number }
  >
  private readonly plans = new Map<string, PlanChoice>()
  private readonly hoursByText = new Map<string, HoursChoice>()
  /** The hours of each site (or client) while a batch runs; null outside one. */
  private hoursBySite: Map<string, HoursChoice> | null = null

  constructor(db: Database.Database) {
    this.planStatement = db
      .prepare<[string], string>('SELECT plan FROM ticket_sla_plans WHERE client_id = ?')
      .pluck()
    this.siteStatement = db.prepare('SELECT business_hours, time_zone FROM sites WHERE id = ?')
    this.firstSiteStatement = db.prepare(
      `SELECT business_hours, time_zone FROM sites WHERE client_id = ?
       ORDER BY name COLLATE NOCASE, id LIMIT 1`,
    )
    // Oldest first, as computeSla requires; 'created' rows hold the status a ticket began in.
    this.historyStatement = db.prepare(
      `SELECT at, to_value AS status FROM ticket_events
       WHERE ticket_seq = ? AND kind IN ('created', 'status') ORDER BY at, id`,
    )
    this.historiesStatement = db.prepare(
      `SELECT ticket_seq, at, to_value AS status FROM ticket_events
       WHERE ticket_seq IN (SELECT value FROM json_each(?)) AND kind IN ('created', 'status')
       ORDER BY ticket_seq, at, id`,
    )
  }

  /** The client's plan, or the default one. */
  plan(clientId: string): PlanChoice {
    let choice = this.plans.get(clientId)
    if (!choice) {
      const text = this.planStatement.get(clientId)
      choice =
        text === undefined
          ? { plan: DEFAULT_SLA_PLAN, isDefault: true }
          : { plan: SlaPlan.parse(JSON.parse(text)), isDefault: false }
      this.plans.set(clientId, choice)
    }
    return choice
  }

  /**
   * Runs `work` with each site's hours (or a client's first site's) looked up once: a batch
   * of ticket writes in one transaction, during which no site changes. Two site queries per
   * ticket were a tenth of a pulled page's write time.
   */
  batch<T>(work: () => T): T {
    if (this.hoursBySite) return work()
    this.hoursBySite = new Map()
    try {
      return work()
    } finally {
      this.hoursBySite = null
    }
  }

  /** Forgets a cached plan after it changed. */
  forgetPlan(clientId: string): void {
    this.plans.delete(clientId)
  }

  /** The ticket's status history, oldest first. */
  history(seq: number): StatusChange[] {
    return this.historyStatement.all(seq)
  }

  /** The status histories of many tickets in one query (a page of a list). */
  histories(seqs: readonly number[]): Map<number, StatusChange[]> {
    const bySeq = new Map<number, StatusChange[]>(seqs.map((seq) => [seq, []]))
    for (const row of this.historiesStatement.all(JSON.stringify(seqs))) {
      bySeq.get(row.ticket_seq)?.push({ at: row.at, status: row.status })
    }
    return bySeq
  }

  /** The exact SLA report of a ticket at `now`. */
  report(row: SlaTicketFields, now: number, history = this.history(row.seq)): TicketSla {
    const { plan } = this.plan(row.client_id)
    const { hours, timeZone } = this.hours(row)
    const report = computeSla(this.input(row, plan, hours, history, now))
    return { ...report, planName: plan.name, timeZone, headline: slaHeadline(report) }
  }

  /**
   * The next SLA deadline and the instant the ticket enters "SLA at risk" (the earliest open
   * milestone reaching the at-risk share of its target; for a paused ticket only a deadline
   * already passed counts, since a paused clock cannot become at risk). Exact until the next
   * write, because only writes change status, priority or milestones.
   */
  columns(
    row: SlaTicketFields,
    at: number,
    history = this.history(row.seq),
  ): { dueAt: number | null; riskAt: number | null } {
    const { plan } = this.plan(row.client_id)
    const { hours } = this.hours(row)
    const input = this.input(row, plan, hours, history, at)
    const report = computeSla(input)
    const risk = report.paused
      ? null
      : computeSla({ ...input, plan: scaledPlan(plan, SLA_AT_RISK_FRACTION) })
    let dueAt: number | null = null
    let riskAt: number | null = null
    const earliest = (a: number | null, b: number | null) =>
      a === null ? b : b === null ? a : Math.min(a, b)
    for (const milestone of SLA_MILESTONES) {
      const clock = report.milestones[milestone]
      if (clock.metAt !== undefined) continue
      dueAt = earliest(dueAt, clock.dueAt)
      riskAt = earliest(riskAt, risk ? risk.milestones[milestone].dueAt : clock.dueAt)
    }
    return {
      dueAt: dueAt === null ? null : Math.ceil(dueAt),
      riskAt: riskAt === null ? null : Math.ceil(riskAt),
    }
  }

  private input(
    row: SlaTicketFields,
    plan: SlaPlan,
    hours: BusinessHours,
    history: readonly StatusChange[],
    now: number,
  ): SlaInput {
    return {
      createdAt: row.created_at,
      priority: row.priority as SlaPriority,
      plan,
      hours,
      waitingStatuses: SLA_PAUSING_STATUSES,
      statusHistory: history,
      milestonesMetAt: metAtOf(row),
      now,
      atRiskFraction: SLA_AT_RISK_FRACTION,
    }
  }

  /** The site's hours, else the client's first site's, else Mon–Fri 08:00–17:00 UTC. */
  private hours(row: SlaTicketFields): HoursChoice {
    const joined =
      row.site_hours != null && row.site_time_zone != null
        ? { business_hours: row.site_hours, time_zone: row.site_time_zone }
        : undefined
    if (joined === undefined && this.hoursBySite) {
      const key = `${row.site_id ?? ''}\n${row.client_id}`
      let choice = this.hoursBySite.get(key)
      if (!choice) {
        choice = this.siteHours(row, undefined)
        this.hoursBySite.set(key, choice)
      }
      return choice
    }
    return this.siteHours(row, joined)
  }

  private siteHours(
    row: SlaTicketFields,
    joined: { business_hours: string; time_zone: string } | undefined,
  ): HoursChoice {
    const site =
      joined ??
      (row.site_id === null ? undefined : this.siteStatement.get(row.site_id)) ??
      this.firstSiteStatement.get(row.client_id)
    if (!site) return DEFAULT_HOURS
    // Parsed once per distinct text: the SLA module caches calendars per hours object.
    const key = `${site.time_zone}\n${site.business_hours}`
    let choice = this.hoursByText.get(key)
    if (!choice) {
      choice = usableHours(site.business_hours, site.time_zone)
      this.hoursByText.set(key, choice)
    }
    return choice
  }
}
