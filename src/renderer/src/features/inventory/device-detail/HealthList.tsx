import { StatusDot } from '../../../ui/StatusDot'
import type { HealthItem } from './health'

const toneWords = { ok: 'OK', warn: 'Needs attention', bad: 'Problem', idle: 'Unknown' } as const

/** Health lines with their ok/warn/bad tone as colour, dot and words. */
export function HealthList({ items, compact = false }: { items: HealthItem[]; compact?: boolean }) {
  return (
    <ul className={compact ? 'device-health device-health--compact' : 'device-health'}>
      {items.map((item) => (
        <li
          key={item.id}
          className={`device-health__item device-health__item--${item.tone}`}
          data-tone={item.tone}
        >
          <StatusDot tone={item.tone} label={toneWords[item.tone]} />
          <span className="device-health__label">{item.label}</span>
          <span className="device-health__value">
            {item.value}
            {item.detail && !compact ? (
              <span className="device-health__detail">{item.detail}</span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  )
}
