import { StatusDot } from '../../../ui/StatusDot'
import type { HealthItem } from './health'

const toneWords = { ok: 'OK', warn: 'Needs attention', bad: 'Problem', idle: 'Unknown' } as const

/** Health lines with their ok/warn/bad tone as colour, dot and words. */
export function HealthList({ items, compact = false }: { items: HealthItem[]; compact?: boolean }) {
  return (
    <ul className={compact ? 'detail-health detail-health--compact' : 'detail-health'}>
      {items.map((item) => (
        <li
          key={item.id}
          className={`detail-health__item detail-health__item--${item.tone}`}
          data-tone={item.tone}
        >
          <StatusDot tone={item.tone} label={toneWords[item.tone]} />
          <span className="detail-health__label">{item.label}</span>
          <span className="detail-health__value">
            {item.value}
            {item.detail && !compact ? (
              <span className="detail-health__detail">{item.detail}</span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  )
}
