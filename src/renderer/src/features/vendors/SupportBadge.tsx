import type { BusinessHours } from '@shared/domain/sla/business-hours'
import { supportStatus } from '@shared/domain/vendors'
import { StatusDot } from '../../ui/StatusDot'

/** "Open now · closes in 3 h" or "Opens in 2 h", in the vendor's own time zone. */
export function SupportBadge(props: { hours: BusinessHours; now: number }) {
  const status = supportStatus(props.hours, props.now)
  return (
    <span className="support-badge">
      <StatusDot tone={status.open ? 'ok' : 'idle'} label={status.open ? 'Open' : 'Closed'} />
      {status.label}
    </span>
  )
}
