import { z } from 'zod'
import { addBusinessTime, businessTimeBetween, type BusinessHours } from './business-hours'
import { MINUTE_MS } from './time-zone'

/** Ticket priorities as the PSAs number them: P1 critical, P2 high, P3 medium, P4 low. */
export const SlaPriority = z.enum(['P1', 'P2', 'P3', 'P4'])
/** Ticket priority, P1 (critical) to P4 (low). */
export type SlaPriority = z.infer<typeof SlaPriority>

/** The three SLA milestones of a ticket, in the order they are normally met. */
export const SLA_MILESTONES = ['firstResponse', 'resolutionPlan', 'resolved'] as const
/** One SLA milestone of a ticket. */
export type SlaMilestone = (typeof SLA_MILESTONES)[number]

const targetMinutes = z
  .number()
  .int()
  .positive()
  .max(60 * 24 * 366)

/**
 * Targets for one priority. 'business-hours' clocks count only the site's open hours;
 * '24x7' clocks count real elapsed time, ignoring hours and holidays.
 */
export const SlaPriorityTargets = z
  .object({
    clock: z.enum(['business-hours', '24x7']),
    targetMinutes: z
      .object({
        firstResponse: targetMinutes,
        resolutionPlan: targetMinutes,
        resolved: targetMinutes,
      })
      .strict(),
  })
  .strict()
/** Targets for one priority. */
export type SlaPriorityTargets = z.infer<typeof SlaPriorityTargets>

/** A client's SLA plan: targets for every priority. */
export const SlaPlan = z
  .object({
    name: z.string().min(1).max(200),
    priorities: z
      .object({
        P1: SlaPriorityTargets,
        P2: SlaPriorityTargets,
        P3: SlaPriorityTargets,
        P4: SlaPriorityTargets,
      })
      .strict(),
  })
  .strict()
/** A client's SLA plan: targets for every priority. */
export type SlaPlan = z.infer<typeof SlaPlan>

/** A ticket entering a status at an instant (epoch ms). */
export interface StatusChange {
  at: number
  status: string
}

/** Everything computeSla needs about one ticket, plus the current instant. */
export interface SlaInput {
  createdAt: number
  priority: SlaPriority
  plan: SlaPlan
  hours: BusinessHours
  /** Statuses that pause the clocks, matched exactly (e.g. 'waiting-customer', 'scheduled'). */
  waitingStatuses: readonly string[]
  /** Oldest first; the first entry is the status at creation. Entries after `now` are ignored. */
  statusHistory: readonly StatusChange[]
  milestonesMetAt: Partial<Record<SlaMilestone, number>>
  now: number
  /** Share of a target used at which a running clock turns 'at-risk'; default 0.75. */
  atRiskFraction?: number
}

/**
 * Where one milestone's clock stands. State precedence: met, breached, paused, at-risk, running.
 * A milestone met after its target is 'breached' with metAt set.
 */
export interface MilestoneClock {
  targetMs: number
  /** Clock time used so far (up to metAt when met), excluding time spent in waiting statuses. */
  usedMs: number
  /** targetMs - usedMs; negative once breached (it can stay 0 past a breach outside hours). */
  remainingMs: number
  /**
   * When the target is (or was) reached, assuming no pauses after now (after metAt for a met
   * milestone). Null only while paused with time left: the instant depends on when work resumes.
   */
  dueAt: number | null
  state: 'met' | 'breached' | 'running' | 'at-risk' | 'paused'
  metAt?: number
  /** The instant the target was crossed, for open and met-late milestones alike. */
  breachedAt?: number
}

/** SLA state of one ticket. */
export interface SlaReport {
  priority: SlaPriority
  clock: SlaPriorityTargets['clock']
  /** True while the ticket's current status is a waiting status. */
  paused: boolean
  milestones: Record<SlaMilestone, MilestoneClock>
}

interface ElapsedClock {
  between(start: number, end: number): number
  add(start: number, durationMs: number): number
}

/** A stretch during which the clocks ran; `to` is Infinity for a clock still running now. */
interface RunningStretch {
  from: number
  to: number
}

function assertInstant(name: string, value: number): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite epoch ms, got ${value}`)
}

function validate(input: SlaInput): SlaPriorityTargets {
  assertInstant('createdAt', input.createdAt)
  assertInstant('now', input.now)
  const fraction = input.atRiskFraction ?? 0.75
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`atRiskFraction must be in (0, 1], got ${fraction}`)
  }
  // Messages are built only on failure: this runs for every ticket on every render.
  let previous = -Infinity
  for (let index = 0; index < input.statusHistory.length; index++) {
    const at = (input.statusHistory[index] as StatusChange).at
    if (!Number.isFinite(at)) assertInstant(`statusHistory[${index}].at`, at)
    if (at < previous) {
      throw new Error(
        `statusHistory must be oldest first, but entry ${index} is earlier than ${index - 1}`,
      )
    }
    previous = at
  }
  for (const milestone of SLA_MILESTONES) {
    const metAt = input.milestonesMetAt[milestone]
    if (metAt !== undefined && !Number.isFinite(metAt)) {
      assertInstant(`milestonesMetAt.${milestone}`, metAt)
    }
  }
  const targets = (input.plan.priorities as Partial<Record<string, SlaPriorityTargets>>)[
    input.priority
  ]
  if (!targets) {
    throw new Error(`SLA plan "${input.plan.name}" has no targets for priority ${input.priority}`)
  }
  for (const milestone of SLA_MILESTONES) {
    const minutes = targets.targetMinutes[milestone]
    if (!(Number.isFinite(minutes) && minutes > 0)) {
      throw new RangeError(
        `SLA plan "${input.plan.name}" ${input.priority}.${milestone} target must be positive minutes, got ${minutes}`,
      )
    }
  }
  return targets
}

/** The stretches from creation on in which the ticket was not in a waiting status. */
function runningStretches(input: SlaInput, waiting: ReadonlySet<string>): RunningStretch[] {
  const stretches: RunningStretch[] = []
  // Before the first recorded status the ticket is new, which never waits.
  let runningSince: number | null = input.createdAt
  for (const { at, status } of input.statusHistory) {
    if (at > input.now) break
    const when = Math.max(at, input.createdAt)
    if (waiting.has(status)) {
      if (runningSince !== null && when > runningSince) {
        stretches.push({ from: runningSince, to: when })
      }
      runningSince = null
    } else {
      runningSince ??= when
    }
  }
  if (runningSince !== null) stretches.push({ from: runningSince, to: Infinity })
  return stretches
}

/** The stretches cut off at `at`, then running without pause from `at` on. */
function frozenAt(stretches: readonly RunningStretch[], at: number): RunningStretch[] {
  const cut = stretches
    .filter((s) => s.from < at)
    .map((s) => ({ from: s.from, to: Math.min(s.to, at) }))
  cut.push({ from: at, to: Infinity })
  return cut
}

function usedUntil(stretches: readonly RunningStretch[], until: number, clock: ElapsedClock) {
  let used = 0
  for (const { from, to } of stretches) {
    if (from >= until) break
    used += clock.between(from, Math.min(to, until))
  }
  return used
}

/** The instant the stretches accumulate `targetMs`, or null if they end first. */
function reachedAt(
  stretches: readonly RunningStretch[],
  targetMs: number,
  clock: ElapsedClock,
): number | null {
  let used = 0
  for (const { from, to } of stretches) {
    const span = to === Infinity ? Infinity : clock.between(from, to)
    if (used + span >= targetMs) return clock.add(from, targetMs - used)
    used += span
  }
  return null
}

/**
 * Computes the three SLA milestone clocks of one ticket at `input.now`: business (or 24x7) time
 * used against the plan's target for the ticket's priority, with time in waiting statuses
 * excluded. Throws a clear Error for invalid hours, time zones, plans or histories.
 */
export function computeSla(input: SlaInput): SlaReport {
  const targets = validate(input)
  const clock: ElapsedClock =
    targets.clock === '24x7'
      ? { between: (start, end) => end - start, add: (start, durationMs) => start + durationMs }
      : {
          between: (start, end) => businessTimeBetween(start, end, input.hours),
          add: (start, durationMs) => addBusinessTime(start, durationMs, input.hours),
        }
  const fraction = input.atRiskFraction ?? 0.75
  const stretches = runningStretches(input, new Set(input.waitingStatuses))
  const last = stretches[stretches.length - 1]
  const paused = last === undefined || last.to !== Infinity
  // Clock skew can put now or a met time a moment before creation; treat that as no time used.
  const now = Math.max(input.now, input.createdAt)

  const milestoneClock = (milestone: SlaMilestone): MilestoneClock => {
    const targetMs = targets.targetMinutes[milestone] * MINUTE_MS
    const rawMetAt = input.milestonesMetAt[milestone]
    const metAt = rawMetAt === undefined ? undefined : Math.max(rawMetAt, input.createdAt)
    const relevant = metAt === undefined ? stretches : frozenAt(stretches, metAt)
    const usedMs = usedUntil(relevant, metAt ?? now, clock)
    const dueAt = reachedAt(relevant, targetMs, clock)
    const base = { targetMs, usedMs, remainingMs: targetMs - usedMs, dueAt }
    if (metAt !== undefined) {
      return dueAt !== null && metAt > dueAt
        ? { ...base, state: 'breached', metAt, breachedAt: dueAt }
        : { ...base, state: 'met', metAt }
    }
    if (dueAt !== null && now > dueAt) return { ...base, state: 'breached', breachedAt: dueAt }
    if (paused) return { ...base, state: 'paused' }
    return { ...base, state: usedMs >= fraction * targetMs ? 'at-risk' : 'running' }
  }

  return {
    priority: input.priority,
    clock: targets.clock,
    paused,
    milestones: {
      firstResponse: milestoneClock('firstResponse'),
      resolutionPlan: milestoneClock('resolutionPlan'),
      resolved: milestoneClock('resolved'),
    },
  }
}
