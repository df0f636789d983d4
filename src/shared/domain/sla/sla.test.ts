import { describe, expect, it } from 'vitest'
import type { BusinessHours } from './business-hours'
import { computeSla, SlaPlan, type SlaInput } from './sla'

const HOUR = 3_600_000
const MINUTE = 60_000
const at = (iso: string) => Date.parse(iso)

const nineToFive = [{ open: '08:00', close: '17:00' }]
const berlinOffice: BusinessHours = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
}

const plan: SlaPlan = {
  name: 'Gold',
  priorities: {
    P1: { clock: '24x7', targetMinutes: { firstResponse: 15, resolutionPlan: 60, resolved: 240 } },
    P2: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 60, resolutionPlan: 240, resolved: 480 },
    },
    P3: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 240, resolutionPlan: 480, resolved: 1440 },
    },
    P4: {
      clock: 'business-hours',
      targetMinutes: { firstResponse: 480, resolutionPlan: 1440, resolved: 2880 },
    },
  },
}

// Monday 2026-06-15 09:00 in Berlin (CEST, UTC+2).
const monday0900 = at('2026-06-15T07:00:00Z')

function ticket(overrides: Partial<SlaInput> = {}): SlaInput {
  return {
    createdAt: monday0900,
    priority: 'P2',
    plan,
    hours: berlinOffice,
    waitingStatuses: ['waiting-customer', 'waiting-vendor', 'scheduled'],
    statusHistory: [{ at: monday0900, status: 'new' }],
    milestonesMetAt: {},
    now: monday0900,
    ...overrides,
  }
}

describe('computeSla on a running business-hours ticket', () => {
  it('reports used and remaining time and the due instant', () => {
    const report = computeSla(ticket({ now: monday0900 + 30 * MINUTE }))
    expect(report.paused).toBe(false)
    expect(report.clock).toBe('business-hours')
    expect(report.milestones.firstResponse).toEqual({
      targetMs: HOUR,
      usedMs: 30 * MINUTE,
      remainingMs: 30 * MINUTE,
      dueAt: at('2026-06-15T08:00:00Z'),
      state: 'running',
    })
    // Resolution plan: 4h -> 13:00; resolved: 8h -> 17:00, exactly at Monday's close.
    expect(report.milestones.resolutionPlan.dueAt).toBe(at('2026-06-15T11:00:00Z'))
    expect(report.milestones.resolved.dueAt).toBe(at('2026-06-15T15:00:00Z'))
    expect(report.milestones.resolved.state).toBe('running')
  })

  it('does not count time outside business hours', () => {
    // Created Friday 16:00, now Monday 08:30: only 1h30 of business time has passed.
    const friday1600 = at('2026-06-12T14:00:00Z')
    const report = computeSla(
      ticket({
        createdAt: friday1600,
        statusHistory: [{ at: friday1600, status: 'new' }],
        now: at('2026-06-15T06:30:00Z'),
      }),
    )
    expect(report.milestones.firstResponse.usedMs).toBe(90 * MINUTE)
    expect(report.milestones.firstResponse.state).toBe('breached')
    // It was due at Friday's close, 17:00.
    expect(report.milestones.firstResponse.breachedAt).toBe(at('2026-06-12T15:00:00Z'))
    expect(report.milestones.resolutionPlan.dueAt).toBe(at('2026-06-15T09:00:00Z'))
  })

  it('turns at-risk once 75% of a target is used', () => {
    const at44 = computeSla(ticket({ now: monday0900 + 44 * MINUTE }))
    const at45 = computeSla(ticket({ now: monday0900 + 45 * MINUTE }))
    expect(at44.milestones.firstResponse.state).toBe('running')
    expect(at45.milestones.firstResponse.state).toBe('at-risk')
    // The 4h resolution plan target is only 19% used.
    expect(at45.milestones.resolutionPlan.state).toBe('running')
  })

  it('honours a custom at-risk fraction', () => {
    const report = computeSla(ticket({ now: monday0900 + 30 * MINUTE, atRiskFraction: 0.5 }))
    expect(report.milestones.firstResponse.state).toBe('at-risk')
    expect(report.milestones.resolutionPlan.state).toBe('running')
  })

  it('is at-risk with nothing left at the due instant and breached just after', () => {
    const due = at('2026-06-15T08:00:00Z')
    const atDue = computeSla(ticket({ now: due })).milestones.firstResponse
    expect(atDue).toMatchObject({ state: 'at-risk', remainingMs: 0 })
    const after = computeSla(ticket({ now: due + 1 })).milestones.firstResponse
    expect(after).toMatchObject({ state: 'breached', breachedAt: due, remainingMs: -1 })
  })

  it('stays breached after closing time although no business time is used', () => {
    // Resolved was due Monday 17:00; at 20:00 it is breached with 0 ms remaining.
    const resolved = computeSla(ticket({ now: at('2026-06-15T18:00:00Z') })).milestones.resolved
    expect(resolved).toMatchObject({
      state: 'breached',
      usedMs: 8 * HOUR,
      remainingMs: 0,
      breachedAt: at('2026-06-15T15:00:00Z'),
    })
  })
})

describe('computeSla with met milestones', () => {
  it('marks a milestone met in time and freezes its clock at metAt', () => {
    const metAt = monday0900 + 40 * MINUTE
    const report = computeSla(
      ticket({ milestonesMetAt: { firstResponse: metAt }, now: at('2026-06-16T15:00:00Z') }),
    )
    expect(report.milestones.firstResponse).toEqual({
      targetMs: HOUR,
      usedMs: 40 * MINUTE,
      remainingMs: 20 * MINUTE,
      dueAt: at('2026-06-15T08:00:00Z'),
      state: 'met',
      metAt,
    })
    // The other milestones keep running: by Tuesday 17:00 both are long breached.
    expect(report.milestones.resolutionPlan.state).toBe('breached')
    expect(report.milestones.resolved.state).toBe('breached')
  })

  it('reports a milestone met late as breached with metAt and breachedAt', () => {
    const metAt = monday0900 + 80 * MINUTE
    const firstResponse = computeSla(
      ticket({ milestonesMetAt: { firstResponse: metAt }, now: metAt + HOUR }),
    ).milestones.firstResponse
    expect(firstResponse).toEqual({
      targetMs: HOUR,
      usedMs: 80 * MINUTE,
      remainingMs: -20 * MINUTE,
      dueAt: at('2026-06-15T08:00:00Z'),
      state: 'breached',
      metAt,
      breachedAt: at('2026-06-15T08:00:00Z'),
    })
  })

  it('counts a milestone met exactly at its due instant as met', () => {
    const due = at('2026-06-15T11:00:00Z')
    const plan = computeSla(ticket({ milestonesMetAt: { resolutionPlan: due }, now: due }))
    expect(plan.milestones.resolutionPlan.state).toBe('met')
  })

  it('evaluates each milestone against its own target', () => {
    // Responded 10:30 (late), plan at 12:00 (on time), resolved Tuesday 10:00 (late: due Mon 17:00).
    const report = computeSla(
      ticket({
        milestonesMetAt: {
          firstResponse: at('2026-06-15T08:30:00Z'),
          resolutionPlan: at('2026-06-15T10:00:00Z'),
          resolved: at('2026-06-16T08:00:00Z'),
        },
        now: at('2026-06-17T08:00:00Z'),
      }),
    )
    expect(report.milestones.firstResponse.state).toBe('breached')
    expect(report.milestones.resolutionPlan.state).toBe('met')
    expect(report.milestones.resolved).toMatchObject({
      state: 'breached',
      usedMs: 10 * HOUR,
      breachedAt: at('2026-06-15T15:00:00Z'),
    })
  })
})

describe('computeSla pauses in waiting statuses', () => {
  it('does not count waiting time and moves dueAt by the paused business time', () => {
    const history = [
      { at: monday0900, status: 'new' },
      { at: monday0900 + 30 * MINUTE, status: 'waiting-customer' },
      { at: monday0900 + 2 * HOUR, status: 'in-progress' },
    ]
    const now = monday0900 + 2 * HOUR + 10 * MINUTE
    const unpaused = computeSla(ticket({ now })).milestones.firstResponse
    const paused = computeSla(ticket({ statusHistory: history, now })).milestones.firstResponse
    expect(paused).toMatchObject({
      usedMs: 40 * MINUTE,
      remainingMs: 20 * MINUTE,
      state: 'running',
    })
    expect(unpaused.state).toBe('breached')
    // Waiting 09:30-11:00 pushed 10:00 back by 90 minutes.
    expect(paused.dueAt).toBe((unpaused.dueAt ?? 0) + 90 * MINUTE)
    expect(paused.dueAt).toBe(at('2026-06-15T09:30:00Z'))
  })

  it('moves dueAt by business time only when the pause spans the night', () => {
    // Waiting for a vendor from Monday 16:00 until Tuesday 10:00: 3 business hours paused.
    const history = [
      { at: monday0900, status: 'new' },
      { at: at('2026-06-15T14:00:00Z'), status: 'waiting-vendor' },
      { at: at('2026-06-16T08:00:00Z'), status: 'in-progress' },
    ]
    const resolved = computeSla(ticket({ statusHistory: history, now: at('2026-06-16T08:30:00Z') }))
      .milestones.resolved
    // 7h Monday + 30 min Tuesday; due Monday 17:00 + 3h business = Tuesday 11:00.
    expect(resolved).toMatchObject({
      usedMs: 7.5 * HOUR,
      dueAt: at('2026-06-16T09:00:00Z'),
      state: 'at-risk',
    })
  })

  it('reports a paused clock with its remaining time and no due instant', () => {
    const history = [
      { at: monday0900, status: 'new' },
      { at: monday0900 + 50 * MINUTE, status: 'scheduled' },
    ]
    const report = computeSla(ticket({ statusHistory: history, now: monday0900 + 5 * HOUR }))
    expect(report.paused).toBe(true)
    // 50 of 60 minutes used would be at-risk, but paused wins.
    expect(report.milestones.firstResponse).toEqual({
      targetMs: HOUR,
      usedMs: 50 * MINUTE,
      remainingMs: 10 * MINUTE,
      dueAt: null,
      state: 'paused',
    })
  })

  it('keeps a clock that breached before the pause breached', () => {
    const history = [
      { at: monday0900, status: 'new' },
      { at: monday0900 + 90 * MINUTE, status: 'waiting-customer' },
    ]
    const firstResponse = computeSla(ticket({ statusHistory: history, now: monday0900 + 3 * HOUR }))
      .milestones.firstResponse
    expect(firstResponse).toMatchObject({
      state: 'breached',
      usedMs: 90 * MINUTE,
      dueAt: at('2026-06-15T08:00:00Z'),
      breachedAt: at('2026-06-15T08:00:00Z'),
    })
  })

  it('is paused from creation when the first status is a waiting one', () => {
    const report = computeSla(
      ticket({
        statusHistory: [{ at: monday0900, status: 'scheduled' }],
        now: monday0900 + 3 * HOUR,
      }),
    )
    expect(report.paused).toBe(true)
    expect(report.milestones.firstResponse).toMatchObject({ usedMs: 0, state: 'paused' })
  })

  it('resumes after a pause and counts on from there', () => {
    const history = [
      { at: monday0900, status: 'scheduled' },
      { at: monday0900 + HOUR, status: 'in-progress' },
      { at: monday0900 + 2 * HOUR, status: 'waiting-customer' },
      { at: monday0900 + 3 * HOUR, status: 'in-progress' },
    ]
    const firstResponse = computeSla(ticket({ statusHistory: history, now: monday0900 + 4 * HOUR }))
      .milestones.firstResponse
    // Ran 10:00-11:00, the whole hour, so due at 11:00 and breached since.
    expect(firstResponse).toMatchObject({
      usedMs: 2 * HOUR,
      state: 'breached',
      breachedAt: monday0900 + 2 * HOUR,
    })
  })
})

describe('computeSla on a 24x7 priority', () => {
  it('counts real elapsed time across the Berlin spring-forward night', () => {
    // Saturday 2026-03-28 23:30 CET; the clocks jump at 02:00 on Sunday.
    const createdAt = at('2026-03-28T22:30:00Z')
    const report = computeSla(
      ticket({
        priority: 'P1',
        createdAt,
        statusHistory: [{ at: createdAt, status: 'new' }],
        now: at('2026-03-29T01:30:00Z'), // 03:30 CEST: 4 wall-clock hours, 3 real ones
      }),
    )
    expect(report.clock).toBe('24x7')
    expect(report.milestones.resolved).toMatchObject({
      usedMs: 3 * HOUR,
      remainingMs: HOUR,
      // 4 real hours after creation: 04:30 CEST on the wall clock.
      dueAt: createdAt + 4 * HOUR,
      state: 'at-risk',
    })
  })

  it('counts real elapsed time across the New York fall-back night', () => {
    // Sunday 2026-11-01 00:30 EDT; at 02:00 EDT the clocks go back to 01:00 EST.
    const createdAt = at('2026-11-01T04:30:00Z')
    const report = computeSla(
      ticket({
        priority: 'P1',
        createdAt,
        hours: { ...berlinOffice, timeZone: 'America/New_York' },
        statusHistory: [{ at: createdAt, status: 'new' }],
        now: at('2026-11-01T07:30:00Z'), // 02:30 EST: 2 wall-clock hours, 3 real ones
      }),
    )
    expect(report.milestones.resolved).toMatchObject({ usedMs: 3 * HOUR, remainingMs: HOUR })
    expect(report.milestones.firstResponse).toMatchObject({
      state: 'breached',
      breachedAt: createdAt + 15 * MINUTE,
    })
  })

  it('still pauses a 24x7 clock in a waiting status', () => {
    const createdAt = at('2026-06-13T22:00:00Z') // Sunday midnight in Berlin
    const report = computeSla(
      ticket({
        priority: 'P1',
        createdAt,
        statusHistory: [
          { at: createdAt, status: 'new' },
          { at: createdAt + 10 * MINUTE, status: 'waiting-vendor' },
          { at: createdAt + HOUR, status: 'new' },
        ],
        now: createdAt + 70 * MINUTE,
      }),
    )
    expect(report.milestones.firstResponse).toMatchObject({
      usedMs: 20 * MINUTE,
      state: 'breached',
      breachedAt: createdAt + HOUR + 5 * MINUTE,
    })
  })

  it('does not need business hours at all', () => {
    const closed: BusinessHours = { timeZone: 'Europe/Berlin', weekly: {} }
    expect(() => computeSla(ticket({ priority: 'P1', hours: closed }))).not.toThrow()
    expect(() => computeSla(ticket({ priority: 'P2', hours: closed }))).toThrow(
      /no open interval on any weekday/,
    )
  })
})

describe('computeSla input validation', () => {
  it('rejects invalid hours for a business-hours priority with the reason', () => {
    const hours: BusinessHours = { ...berlinOffice, timeZone: 'Mars/Olympus_Mons' }
    expect(() => computeSla(ticket({ hours }))).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/)
  })

  it('rejects a priority the plan does not cover', () => {
    const partial = { name: 'Bronze', priorities: { P1: plan.priorities.P1 } } as unknown as SlaPlan
    expect(() => computeSla(ticket({ plan: partial }))).toThrow(
      'SLA plan "Bronze" has no targets for priority P2',
    )
  })

  it('rejects an at-risk fraction outside (0, 1]', () => {
    for (const atRiskFraction of [0, 1.5, Number.NaN]) {
      expect(() => computeSla(ticket({ atRiskFraction }))).toThrow(/atRiskFraction must be in/)
    }
    expect(() => computeSla(ticket({ atRiskFraction: 1 }))).not.toThrow()
  })

  it('rejects an unordered status history and non-finite instants', () => {
    const statusHistory = [
      { at: monday0900 + HOUR, status: 'new' },
      { at: monday0900, status: 'in-progress' },
    ]
    expect(() => computeSla(ticket({ statusHistory }))).toThrow(
      'statusHistory must be oldest first, but entry 1 is earlier than 0',
    )
    expect(() => computeSla(ticket({ now: Number.NaN }))).toThrow(/now must be a finite epoch ms/)
    expect(() => computeSla(ticket({ milestonesMetAt: { resolved: Infinity } }))).toThrow(
      /milestonesMetAt.resolved must be a finite/,
    )
  })

  it('validates plans at the boundary with the SlaPlan schema', () => {
    expect(SlaPlan.parse(plan)).toEqual(plan)
    const threePriorities: Partial<SlaPlan['priorities']> = { ...plan.priorities }
    delete threePriorities.P4
    expect(SlaPlan.safeParse({ ...plan, priorities: threePriorities }).success).toBe(false)
    const fractional = structuredClone(plan)
    fractional.priorities.P2.targetMinutes.firstResponse = 7.5
    const result = SlaPlan.safeParse(fractional)
    expect(result.error?.issues[0]?.path).toEqual([
      'priorities',
      'P2',
      'targetMinutes',
      'firstResponse',
    ])
    const unknownClock = structuredClone(plan) as unknown as {
      priorities: { P3: { clock: string } }
    }
    unknownClock.priorities.P3.clock = 'always'
    expect(SlaPlan.safeParse(unknownClock).success).toBe(false)
  })
})
