/** Ticket priority from impact × urgency, the ITIL way, folded into the four PSA priorities. */
import type { SlaPriority } from '../sla'

/** How many people or how much business a problem affects, or how soon it hurts. */
export const IMPACT_LEVELS = ['high', 'medium', 'low'] as const
/** One impact or urgency level. */
export type ImpactLevel = (typeof IMPACT_LEVELS)[number]

const score: Record<ImpactLevel, number> = { high: 0, medium: 1, low: 2 }

/**
 * The priority matrix: high × high is P1; one step down on either axis is P2; two steps P3;
 * three or four steps P4.
 *
 * |        | high | medium | low |
 * | high   | P1   | P2     | P3  |
 * | medium | P2   | P3     | P4  |
 * | low    | P3   | P4     | P4  |
 */
export function priorityFromMatrix(impact: ImpactLevel, urgency: ImpactLevel): SlaPriority {
  const steps = score[impact] + score[urgency]
  return steps === 0 ? 'P1' : steps === 1 ? 'P2' : steps === 2 ? 'P3' : 'P4'
}
