import { describe, expect, it } from 'vitest'
import type { SlaMilestoneClock, TicketSla } from '@shared/contract/tickets'
import { formatSpan, milestoneText, slaBadge } from './sla-badge'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

function headline(
  state: TicketSla['headline']['state'],
  remainingMs: number | null,
  milestone: TicketSla['headline']['milestone'] = 'firstResponse',
): Pick<TicketSla, 'headline' | 'planName'> {
  return {
    planName: 'Standard',
    headline: {
      state,
      milestone,
      remainingMs,
      dueAt: remainingMs === null ? null : 1_700_000_000_000,
    },
  }
}

function clock(patch: Partial<SlaMilestoneClock>): SlaMilestoneClock {
  return {
    targetMs: 4 * HOUR,
    usedMs: HOUR,
    remainingMs: 3 * HOUR,
    dueAt: 1_700_000_000_000,
    state: 'running',
    ...patch,
  }
}

describe('formatSpan', () => {
  it.each([
    [0, '0m'],
    [29_000, '0m'],
    [45 * MINUTE, '45m'],
    [3 * HOUR + 10 * MINUTE, '3h 10m'],
    [2 * HOUR, '2h'],
    [52 * HOUR, '2d 4h'],
    [48 * HOUR, '2d'],
    [-90 * MINUTE, '1h 30m'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text)
  })
})

describe('slaBadge', () => {
  it('says how long is left while the clock runs', () => {
    expect(slaBadge(headline('running', 3 * HOUR + 10 * MINUTE))).toMatchObject({
      tone: 'ok',
      text: '3h 10m left',
    })
  })

  it('warns when at risk, naming the milestone in its title', () => {
    const badge = slaBadge(headline('at-risk', 25 * MINUTE, 'resolutionPlan'))
    expect(badge).toMatchObject({ tone: 'warn', text: 'At risk · 25m' })
    expect(badge.title).toMatch(/^Resolution plan at risk: 25m left \(due /)
  })

  it('says by how much a breached target is over', () => {
    expect(slaBadge(headline('breached', -2 * HOUR - 5 * MINUTE))).toMatchObject({
      tone: 'bad',
      text: 'Breached 2h 5m',
      title: 'First response target breached; 2h 5m over',
    })
  })

  it('shows a paused clock with the time it keeps', () => {
    expect(slaBadge(headline('paused', 40 * MINUTE))).toMatchObject({
      tone: 'idle',
      text: 'Paused · 40m',
    })
  })

  it('says only "Breached" while a breached clock stands at zero outside business hours', () => {
    expect(slaBadge(headline('breached', 0))).toMatchObject({ tone: 'bad', text: 'Breached' })
  })

  it('says the SLA is met once every milestone is', () => {
    expect(slaBadge(headline('met', null, null))).toMatchObject({ tone: 'ok', text: 'SLA met' })
  })
})

describe('milestoneText', () => {
  it.each([
    [clock({}), 'ok', '3h left'],
    [
      clock({ state: 'at-risk', usedMs: 3.5 * HOUR, remainingMs: 30 * MINUTE }),
      'warn',
      'At risk · 30m left',
    ],
    [clock({ state: 'paused', dueAt: null }), 'idle', 'Paused · 3h left'],
    [clock({ state: 'breached', remainingMs: -15 * MINUTE }), 'bad', 'Breached · 15m over'],
    [clock({ state: 'breached', remainingMs: 0 }), 'bad', 'Breached'],
    [clock({ state: 'met', metAt: 1 }), 'ok', 'Met'],
    [
      clock({ state: 'breached', metAt: 2, breachedAt: 1, remainingMs: -10 * MINUTE }),
      'bad',
      'Met late · 10m over',
    ],
  ])('%# %j', (input, tone, text) => {
    expect(milestoneText(input)).toMatchObject({ tone, text })
  })
})
