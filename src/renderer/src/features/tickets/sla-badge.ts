import type { SlaMilestoneClock, TicketSla } from '@shared/contract/tickets'
import type { StatusTone } from '../../ui/StatusDot'
import { milestoneLabels } from './labels'

/** What an SLA badge or clock says: short text, a tone, and a sentence for its tooltip. */
export interface SlaText {
  tone: StatusTone
  text: string
  title: string
}

const MINUTE = 60_000

/** A span of clock time, coarse enough to read at a glance: "45m", "3h 10m", "2d 4h". */
export function formatSpan(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / MINUTE))
  if (minutes < 60) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) {
    const rest = minutes % 60
    return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`
  }
  const days = Math.floor(hours / 24)
  const restHours = hours % 24
  return restHours === 0 ? `${days}d` : `${days}d ${restHours}h`
}

function dueText(dueAt: number | null): string {
  if (dueAt === null) return ''
  return ` (due ${new Date(dueAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })})`
}

/** The badge of a ticket row: its most urgent open milestone, or "SLA met". */
export function slaBadge(sla: Pick<TicketSla, 'headline' | 'planName'>): SlaText {
  const { state, milestone, remainingMs, dueAt } = sla.headline
  const name = milestone ? milestoneLabels[milestone] : 'SLA'
  const left = remainingMs === null ? '' : formatSpan(remainingMs)
  // Outside business hours a breached clock can stand at 0: "Breached 0m" would read oddly.
  const over = left === '0m' ? '' : left
  switch (state) {
    case 'met':
      return { tone: 'ok', text: 'SLA met', title: `Every ${sla.planName} milestone is met` }
    case 'breached':
      return {
        tone: 'bad',
        text: over ? `Breached ${over}` : 'Breached',
        title: `${name} target breached${over ? `; ${over} over` : ''}`,
      }
    case 'at-risk':
      return {
        tone: 'warn',
        text: `At risk · ${left}`,
        title: `${name} at risk: ${left} left${dueText(dueAt)}`,
      }
    case 'paused':
      return {
        tone: 'idle',
        text: left ? `Paused · ${left}` : 'Paused',
        title: `${name} clock paused while the ticket waits${left ? `; ${left} left` : ''}`,
      }
    case 'running':
      return {
        tone: 'ok',
        text: `${left} left`,
        title: `${name}: ${left} left${dueText(dueAt)}`,
      }
  }
}

/** One milestone's clock on the ticket page. */
export function milestoneText(clock: SlaMilestoneClock): SlaText {
  const target = formatSpan(clock.targetMs)
  switch (clock.state) {
    case 'met':
      return {
        tone: 'ok',
        text: 'Met',
        title: `Met after ${formatSpan(clock.usedMs)} of ${target}`,
      }
    case 'breached':
      return clock.metAt !== undefined
        ? {
            tone: 'bad',
            text: `Met late · ${formatSpan(clock.remainingMs)} over`,
            title: `Met after ${formatSpan(clock.usedMs)}; the target was ${target}`,
          }
        : {
            tone: 'bad',
            text:
              clock.remainingMs <= -30_000
                ? `Breached · ${formatSpan(clock.remainingMs)} over`
                : 'Breached',
            title: `Target ${target}; ${formatSpan(clock.usedMs)} used`,
          }
    case 'paused':
      return {
        tone: 'idle',
        text: `Paused · ${formatSpan(clock.remainingMs)} left`,
        title: `Target ${target}; the clock waits while the ticket does`,
      }
    case 'at-risk':
      return {
        tone: 'warn',
        text: `At risk · ${formatSpan(clock.remainingMs)} left`,
        title: `Target ${target}${dueText(clock.dueAt)}`,
      }
    case 'running':
      return {
        tone: 'ok',
        text: `${formatSpan(clock.remainingMs)} left`,
        title: `Target ${target}${dueText(clock.dueAt)}`,
      }
  }
}
