import { ChevronDown, ChevronRight, RefreshCw, X } from 'lucide-react'
import { useId, useState } from 'react'
import { Link } from 'wouter'
import { useCancelCollection } from '../../../api/inventory'
import { StatusDot } from '../../../ui/StatusDot'
import {
  devicesForPanel,
  failureHint,
  isRunActive,
  pendingCount,
  progressText,
  progressTone,
  type RunProgress,
  type RunsState,
} from './collection-runs'
import { useCollectionRuns } from './collection-store'
import { formatCount } from '../devices/cell-format'

/** Devices listed per run; a run of thousands is summarised past this. */
const LISTED = 150

/** Collection runs of this session: progress, per-device result and failure, Cancel. */
export function CollectionPanel({ runs }: { runs: RunsState }) {
  if (runs.runs.length === 0) return null
  return (
    <div className="collection-runs">
      {runs.runs.map((run) => (
        <RunCard key={run.runId} run={run} />
      ))}
    </div>
  )
}

function RunCard({ run }: { run: RunProgress }) {
  const cancel = useCancelCollection()
  const dismiss = useCollectionRuns((s) => s.dismiss)
  const active = isRunActive(run)
  const failed = run.counts.failed
  const [expanded, setExpanded] = useState(() => failed > 0 || run.total <= 12)
  const listId = useId()
  const titleId = useId()
  const finished = run.counts.done + run.counts.failed + run.counts.cancelled
  const percent = run.total === 0 ? 100 : Math.round((finished / run.total) * 100)
  const devices = expanded ? devicesForPanel(run) : []
  const parts = [`${formatCount(run.counts.done)} of ${formatCount(run.total)} done`]
  if (failed > 0) parts.push(`${formatCount(failed)} failed`)
  if (run.counts.cancelled > 0) parts.push(`${formatCount(run.counts.cancelled)} cancelled`)
  if (active && pendingCount(run) > 0) parts.push(`${formatCount(pendingCount(run))} to go`)

  return (
    <section
      className={failed > 0 ? 'collection-run collection-run--failures' : 'collection-run'}
      aria-labelledby={titleId}
    >
      <div className="collection-run__header">
        <RefreshCw
          aria-hidden
          size={16}
          className={
            active ? 'collection-run__icon collection-run__icon--spin' : 'collection-run__icon'
          }
        />
        <div className="collection-run__summary">
          <h2 id={titleId} className="collection-run__title">
            {active ? 'Refreshing inventory' : 'Inventory refresh finished'}
          </h2>
          <p className="collection-run__counts" role="status">
            {parts.join(' · ')}
          </p>
        </div>
        <div
          className="collection-run__bar"
          role="progressbar"
          aria-label="Collection progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <span
            className="collection-run__bar-done"
            style={{ width: `${share(run.counts.done, run.total)}%` }}
          />
          <span
            className="collection-run__bar-failed"
            style={{ width: `${share(run.counts.failed, run.total)}%` }}
          />
        </div>
        <button
          type="button"
          className="vault-button"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? (
            <ChevronDown aria-hidden size={14} />
          ) : (
            <ChevronRight aria-hidden size={14} />
          )}
          Devices
        </button>
        {active ? (
          <button
            type="button"
            className="vault-button"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(run.runId)}
          >
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dismiss(run.runId)}
          >
            <X aria-hidden size={15} />
          </button>
        )}
      </div>
      {expanded ? (
        <ul id={listId} className="collection-run__list" aria-label="Devices in this run">
          {devices.slice(0, LISTED).map((device) => (
            <li key={device.deviceId} className="collection-run__device">
              <StatusDot tone={progressTone(device.state)} label={progressText(device)} />
              <Link
                href={`~/devices/${encodeURIComponent(device.deviceId)}`}
                className="collection-run__host"
              >
                {device.hostname}
              </Link>
              <span className="collection-run__state" aria-hidden>
                {progressText(device)}
              </span>
              {device.failure ? (
                <span className="collection-run__reason" title={failureHint(device.failure.reason)}>
                  {device.failure.message}
                </span>
              ) : device.problems && device.problems.length > 0 ? (
                <span className="collection-run__reason">{device.problems.join('; ')}</span>
              ) : null}
            </li>
          ))}
          {devices.length > LISTED ? (
            <li className="collection-run__more">
              and {formatCount(devices.length - LISTED)} more
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  )
}

const share = (n: number, total: number): number => (total === 0 ? 0 : (n / total) * 100)
