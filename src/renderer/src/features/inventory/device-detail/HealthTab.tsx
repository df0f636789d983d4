import type { DeviceDetail } from '@shared/contract'
import { StatusDot } from '../../../ui/StatusDot'
import { healthItems, worstTone } from './health'
import { HealthList } from './HealthList'

const summaryWords = {
  ok: 'Everything reported is fine.',
  warn: 'Some things need attention.',
  bad: 'Something is wrong.',
  idle: 'Nothing reported yet.',
} as const

/** Patches, reboot, AV/EDR, backup and warranty, each judged ok, warn or bad. */
export function HealthTab({ device, now }: { device: DeviceDetail; now: number }) {
  const items = healthItems(device, now)
  const tone = worstTone(items)
  return (
    <section className="detail-card detail-card--wide" aria-label="Health">
      <p className={`detail-health-summary detail-tone--${tone}`}>
        <StatusDot tone={tone} label={summaryWords[tone]} />
        {summaryWords[tone]}
      </p>
      <HealthList items={items} />
    </section>
  )
}
