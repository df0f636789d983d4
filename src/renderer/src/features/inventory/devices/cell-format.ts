/**
 * How device table cells read: short, and with a tone where a value is bad news. The device
 * page's formats (../device-detail/format) are reused; these are the table's compact forms.
 */
import type { AvStatus } from '@shared/contract'
import type { StatusTone } from '../../../ui/StatusDot'
import { formatBytes, formatRelative } from '../device-detail/format'

const DAY = 24 * 60 * 60_000
/** The same 48 hours the "backup failing" filter and rollup use. */
const BACKUP_FRESH_MS = 2 * DAY
/** The rollup's "warranties expiring": within 90 days. */
const WARRANTY_SOON_MS = 90 * DAY

/** One formatter for every count: `toLocaleString` builds a new one per call, per cell. */
const numbers = new Intl.NumberFormat('en-US')

/** "1,234": counts as the rest of the console writes them. */
export function formatCount(n: number): string {
  return numbers.format(n)
}

/** The device page's date format, built once for the many cells that show one. */
const dates = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
})
const formatDate = (at: number): string => dates.format(at)

export interface CellText {
  text: string
  tone?: StatusTone
}

/** What the table shows for a value it does not have. */
export const NONE = '—'

export function lastSeenCell(at: number | null, now: number): CellText {
  return at === null ? { text: 'Never' } : { text: formatRelative(at, now) }
}

export function patchesCell(pending: number | null): CellText {
  if (pending === null) return { text: NONE }
  if (pending === 0) return { text: 'Up to date', tone: 'ok' }
  return { text: `${formatCount(pending)} pending`, tone: 'warn' }
}

const avTexts: Record<AvStatus, CellText> = {
  healthy: { text: 'Healthy', tone: 'ok' },
  outdated: { text: 'Outdated', tone: 'warn' },
  disabled: { text: 'Disabled', tone: 'bad' },
  missing: { text: 'Missing', tone: 'bad' },
}

export function avCell(status: AvStatus | null): CellText {
  return status === null ? { text: NONE } : avTexts[status]
}

export function backupCell(lastSuccessAt: number | null, now: number): CellText {
  if (lastSuccessAt === null) return { text: NONE }
  const fresh = now - lastSuccessAt <= BACKUP_FRESH_MS
  return { text: formatRelative(lastSuccessAt, now), tone: fresh ? 'ok' : 'bad' }
}

export function warrantyCell(endAt: number | null, now: number): CellText {
  if (endAt === null) return { text: NONE }
  if (endAt <= now) return { text: `Ended ${formatDate(endAt)}`, tone: 'bad' }
  return { text: formatDate(endAt), tone: endAt - now <= WARRANTY_SOON_MS ? 'warn' : 'ok' }
}

export function rebootCell(required: boolean | null): CellText {
  if (required === null) return { text: NONE }
  return required ? { text: 'Required', tone: 'warn' } : { text: 'No' }
}

export function ramCell(bytes: number | null): CellText {
  return bytes === null ? { text: NONE } : { text: formatBytes(bytes) }
}

/** "1,234 devices", "1 device". */
export function countText(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}
