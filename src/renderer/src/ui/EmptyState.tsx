import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

export function EmptyState(props: {
  icon: LucideIcon
  title: string
  children: ReactNode
  action?: ReactNode
}) {
  const Icon = props.icon
  return (
    <div className="empty-state" role="status">
      <Icon className="empty-state__icon" aria-hidden size={36} strokeWidth={1.5} />
      <h2 className="empty-state__title">{props.title}</h2>
      <div className="empty-state__body">{props.children}</div>
      {props.action ? <div className="empty-state__action">{props.action}</div> : null}
    </div>
  )
}
