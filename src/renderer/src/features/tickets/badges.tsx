import { CloudOff } from 'lucide-react'
import type { TicketPriority, TicketSla, TicketStatus } from '@shared/contract/tickets'
import { priorityLabels, statusLabels, statusTones } from './labels'
import { slaBadge } from './sla-badge'

/** Marks anything with local changes the team server has not confirmed yet. */
export function PendingMark(props: { compact?: boolean }) {
  return (
    <span
      className={props.compact ? 'tk-pending tk-pending--compact' : 'tk-pending'}
      title="Saved on this machine; not yet synced to the team server"
      data-testid="not-synced"
    >
      <CloudOff aria-hidden size={13} />
      {props.compact ? <span className="tk-sr-only">Not yet synced</span> : 'Not yet synced'}
    </span>
  )
}

export function StatusBadge(props: { status: TicketStatus }) {
  const label = statusLabels[props.status]
  return (
    <span className={`tk-status tk-status--${props.status}`} title={label}>
      <span className={`status-dot status-dot--${statusTones[props.status]}`} aria-hidden />
      <span className="tk-status__text">{label}</span>
    </span>
  )
}

export function PriorityBadge(props: { priority: TicketPriority; long?: boolean }) {
  return (
    <span
      className={`tk-priority tk-priority--${props.priority.toLowerCase()}`}
      title={priorityLabels[props.priority]}
    >
      {props.long ? priorityLabels[props.priority] : props.priority}
    </span>
  )
}

/** The headline of a ticket's SLA: time left, at risk, breached, paused or met. */
export function SlaBadge(props: { sla: Pick<TicketSla, 'headline' | 'planName'> }) {
  const badge = slaBadge(props.sla)
  return (
    <span
      className={`tk-sla tk-sla--${props.sla.headline.state}`}
      title={badge.title}
      data-sla-state={props.sla.headline.state}
      data-sla-due={props.sla.headline.dueAt ?? undefined}
    >
      {badge.text}
    </span>
  )
}
