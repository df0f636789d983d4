import type { DeviceChange, SnapshotSummary } from '@shared/contract'

/** What a change is about, for its icon. */
export type ChangeKind =
  | 'identity'
  | 'os'
  | 'hardware'
  | 'cpu'
  | 'memory'
  | 'disk'
  | 'network'
  | 'boot'
  | 'patches'
  | 'security'
  | 'other'

/** One collection in the device's history: when, what changed, and what the probe missed. */
export interface HistoryEntry {
  key: string
  at: number
  source: SnapshotSummary['source'] | null
  changes: Array<{ id: number; kind: ChangeKind; text: string; field: string }>
  problems: string[]
  /** The oldest collection on record: it set the baseline, so nothing could change. */
  baseline: boolean
  /** Orders collections stored in the same millisecond. */
  order: number
}

/** The main side keeps at most this many snapshots in a device's detail. */
const SNAPSHOTS_SHOWN = 50

/** The kind of a dotted change field such as 'os.kernel' or 'disks./'. */
export function changeKind(field: string): ChangeKind {
  const head = field.split('.')[0] ?? field
  switch (head) {
    case 'hostname':
    case 'fqdn':
      return 'identity'
    case 'os':
      return 'os'
    case 'hardware':
      return 'hardware'
    case 'cpu':
      return 'cpu'
    case 'memoryBytes':
      return 'memory'
    case 'disks':
      return 'disk'
    case 'interfaces':
      return 'network'
    case 'lastBootAt':
      return 'boot'
    case 'patches':
    case 'rebootRequired':
      return 'patches'
    case 'antivirus':
      return 'security'
    default:
      return 'other'
  }
}

/**
 * A change in words. Main words every change ("RAM 8 GB → 16 GB"); a size with the same unit
 * on both sides reads better with the unit once ("RAM 8 → 16 GB"). A change without words
 * (never written by this build, but the store may be older) names its field.
 */
export function changeText(change: Pick<DeviceChange, 'field' | 'summary'>): string {
  const summary = change.summary.trim()
  if (!summary) return `${change.field} changed`
  return summary.replace(
    /(\d+(?:\.\d+)?) (B|KB|MB|GB|TB|PB) → (\d+(?:\.\d+)?) \2(?![\w])/g,
    '$1 → $3 $2',
  )
}

/**
 * The device's history, newest collection first: its changes grouped by the collection that
 * found them (in the order main found them), and collections that changed nothing as well,
 * so a refresh always leaves a visible line.
 */
export function historyEntries(
  changes: readonly DeviceChange[],
  snapshots: readonly SnapshotSummary[],
): HistoryEntry[] {
  const entries = new Map<string, HistoryEntry>()
  const keyOf = (snapshotId: number | null, at: number): string =>
    snapshotId === null ? `at-${at}` : `snapshot-${snapshotId}`

  for (const snapshot of snapshots) {
    entries.set(keyOf(snapshot.id, snapshot.collectedAt), {
      key: keyOf(snapshot.id, snapshot.collectedAt),
      at: snapshot.collectedAt,
      source: snapshot.source,
      changes: [],
      problems: snapshot.problems,
      baseline: false,
      order: snapshot.id,
    })
  }
  for (const change of [...changes].sort((a, b) => a.id - b.id)) {
    const key = keyOf(change.snapshotId, change.at)
    let entry = entries.get(key)
    if (!entry) {
      entry = {
        key,
        at: change.at,
        source: null,
        changes: [],
        problems: [],
        baseline: false,
        order: change.snapshotId ?? -1,
      }
      entries.set(key, entry)
    }
    entry.changes.push({
      id: change.id,
      kind: changeKind(change.field),
      text: changeText(change),
      field: change.field,
    })
  }

  const sorted = [...entries.values()].sort((a, b) => b.at - a.at || b.order - a.order)
  const oldest = sorted.at(-1)
  if (oldest && oldest.changes.length === 0 && snapshots.length < SNAPSHOTS_SHOWN) {
    oldest.baseline = oldest.source !== null
  }
  return sorted
}
