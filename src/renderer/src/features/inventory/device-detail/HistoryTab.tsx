import {
  Activity,
  Cpu,
  HardDrive,
  History,
  MemoryStick,
  Monitor,
  Network,
  Package,
  Power,
  ShieldCheck,
  Tag,
  Wrench,
  type LucideIcon,
} from 'lucide-react'
import { useState } from 'react'
import type { DeviceDetail } from '@shared/contract'
import { useDeviceChanges } from '../../../api/inventory'
import { EmptyState } from '../../../ui/EmptyState'
import { formatDateTime, formatRelative } from './format'
import { historyEntries, type ChangeKind } from './history'

const kindIcons: Record<ChangeKind, LucideIcon> = {
  identity: Tag,
  os: Monitor,
  hardware: Package,
  cpu: Cpu,
  memory: MemoryStick,
  disk: HardDrive,
  network: Network,
  boot: Power,
  patches: Wrench,
  security: ShieldCheck,
  other: Activity,
}

const PAGE = 100
const MAX = 1000

/** What every collection found, newest first, grouped by when it ran. */
export function HistoryTab({ device, now }: { device: DeviceDetail; now: number }) {
  const [limit, setLimit] = useState(PAGE)
  const changes = useDeviceChanges(device.id, { limit })
  if (changes.isPending) return <p className="detail-muted">Loading history…</p>
  if (changes.isError) {
    return <p role="alert">Could not load the history: {changes.error.message}</p>
  }
  const entries = historyEntries(changes.data.changes, device.snapshots)
  if (entries.length === 0) {
    return (
      <EmptyState icon={History} title="No history yet">
        <p>
          Refresh inventory to collect this device over SSH. Each later collection records what
          changed, such as “RAM 8 → 16 GB” or a kernel update.
        </p>
      </EmptyState>
    )
  }
  const more = changes.data.changes.length >= limit && limit < MAX
  return (
    <div className="detail-history">
      <ol className="detail-timeline" aria-label="Collections, newest first">
        {entries.map((entry) => (
          <li key={entry.key} className="detail-timeline__entry">
            <h3 className="detail-timeline__when">
              <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time>
              <span className="detail-muted">
                {' '}
                · {formatRelative(entry.at, now)}
                {entry.source ? ` · over ${entry.source.toUpperCase()}` : ''}
              </span>
            </h3>
            {entry.changes.length > 0 ? (
              <ul className="detail-changes" aria-label={`Changes ${formatDateTime(entry.at)}`}>
                {entry.changes.map((change) => {
                  const Icon = kindIcons[change.kind]
                  return (
                    <li key={change.id} className="detail-change" title={change.field}>
                      <Icon aria-hidden size={14} className="detail-change__icon" />
                      <span>{change.text}</span>
                    </li>
                  )
                })}
              </ul>
            ) : (
              <p className="detail-muted detail-timeline__note">
                {entry.baseline
                  ? 'First collection: the baseline later collections are compared with.'
                  : 'Collected; nothing changed.'}
              </p>
            )}
            {entry.problems.length > 0 ? (
              <details className="detail-problems">
                <summary>
                  {entry.problems.length === 1
                    ? '1 thing the probe could not find out'
                    : `${entry.problems.length} things the probe could not find out`}
                </summary>
                <ul>
                  {entry.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {more ? (
        <button
          type="button"
          className="vault-button"
          onClick={() => setLimit((l) => Math.min(MAX, l + 2 * PAGE))}
        >
          Show older changes
        </button>
      ) : null}
    </div>
  )
}
