import type { DeviceDetail, DeviceStatus } from '@shared/contract'
import type { StatusTone } from '../../../ui/StatusDot'
import { formatDate, formatRelative } from './format'

const DAY = 24 * 60 * 60_000

/** One line of the Health section: what, how it stands, and in words. */
export interface HealthItem {
  id:
    | 'patchesPending'
    | 'patchesFailed'
    | 'patchesInstalled'
    | 'lastPatched'
    | 'reboot'
    | 'antivirus'
    | 'backup'
    | 'warranty'
  label: string
  tone: StatusTone
  value: string
  detail?: string
}

/** The same 48 hours the device filter "backup failing" uses. */
const BACKUP_FRESH_MS = 2 * DAY
/** The client rollup's "warranties expiring": within 90 days. */
const WARRANTY_SOON_MS = 90 * DAY
/** Monthly patching with a week's grace is fine; a quarter without is not. */
const PATCHED_RECENTLY_MS = 35 * DAY
const PATCHED_LONG_AGO_MS = 90 * DAY

export type HealthFields = Pick<
  DeviceDetail,
  | 'patchesPending'
  | 'patchesFailed'
  | 'patchesInstalled'
  | 'lastPatchedAt'
  | 'rebootRequired'
  | 'avProduct'
  | 'avStatus'
  | 'backupProduct'
  | 'backupLastSuccessAt'
  | 'warrantyEndAt'
>

const unknown = (id: HealthItem['id'], label: string): HealthItem => ({
  id,
  label,
  tone: 'idle',
  value: 'Unknown',
})

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

/** Every health line of a device at `now`, each judged ok, warn or bad (idle: not known). */
export function healthItems(device: HealthFields, now: number): HealthItem[] {
  return [
    patchesPending(device.patchesPending),
    patchesFailed(device.patchesFailed),
    patchesInstalled(device.patchesInstalled),
    lastPatched(device.lastPatchedAt, now),
    reboot(device.rebootRequired),
    antivirus(device.avProduct, device.avStatus),
    backup(device.backupProduct, device.backupLastSuccessAt, now),
    warranty(device.warrantyEndAt, now),
  ]
}

function patchesPending(count: number | null): HealthItem {
  const label = 'Patches pending'
  if (count === null) return unknown('patchesPending', label)
  return count === 0
    ? { id: 'patchesPending', label, tone: 'ok', value: 'None pending' }
    : { id: 'patchesPending', label, tone: 'warn', value: plural(count, 'update', 'updates') }
}

function patchesFailed(count: number | null): HealthItem {
  const label = 'Patches failed'
  if (count === null) return unknown('patchesFailed', label)
  return count === 0
    ? { id: 'patchesFailed', label, tone: 'ok', value: 'None failed' }
    : {
        id: 'patchesFailed',
        label,
        tone: 'bad',
        value: plural(count, 'update failed', 'updates failed'),
      }
}

function patchesInstalled(count: number | null): HealthItem {
  const label = 'Patches installed'
  if (count === null) return unknown('patchesInstalled', label)
  return { id: 'patchesInstalled', label, tone: 'ok', value: count.toLocaleString() }
}

function lastPatched(at: number | null, now: number): HealthItem {
  const label = 'Last patched'
  if (at === null) return unknown('lastPatched', label)
  const age = now - at
  const tone: StatusTone =
    age <= PATCHED_RECENTLY_MS ? 'ok' : age <= PATCHED_LONG_AGO_MS ? 'warn' : 'bad'
  return {
    id: 'lastPatched',
    label,
    tone,
    value: formatRelative(at, now),
    detail: formatDate(at),
  }
}

function reboot(required: boolean | null): HealthItem {
  const label = 'Reboot required'
  if (required === null) return unknown('reboot', label)
  return required
    ? { id: 'reboot', label, tone: 'warn', value: 'Yes, to finish updates' }
    : { id: 'reboot', label, tone: 'ok', value: 'No' }
}

function antivirus(product: string | null, status: DeviceDetail['avStatus']): HealthItem {
  const label = 'Antivirus / EDR'
  if (status === null) {
    return product
      ? { id: 'antivirus', label, tone: 'idle', value: product, detail: 'Status unknown' }
      : unknown('antivirus', label)
  }
  const name = product ?? 'No product'
  switch (status) {
    case 'healthy':
      return { id: 'antivirus', label, tone: 'ok', value: name, detail: 'Running, up to date' }
    case 'outdated':
      return { id: 'antivirus', label, tone: 'warn', value: name, detail: 'Signatures out of date' }
    case 'disabled':
      return { id: 'antivirus', label, tone: 'bad', value: name, detail: 'Turned off' }
    case 'missing':
      return { id: 'antivirus', label, tone: 'bad', value: 'None installed', detail: 'Missing' }
  }
}

function backup(product: string | null, lastSuccess: number | null, now: number): HealthItem {
  const label = 'Backup'
  if (!product) {
    return lastSuccess === null
      ? { id: 'backup', label, tone: 'idle', value: 'No backup product' }
      : {
          id: 'backup',
          label,
          tone: 'idle',
          value: `Last success ${formatRelative(lastSuccess, now)}`,
        }
  }
  if (lastSuccess === null) {
    return { id: 'backup', label, tone: 'bad', value: product, detail: 'No successful backup' }
  }
  const fresh = now - lastSuccess <= BACKUP_FRESH_MS
  return {
    id: 'backup',
    label,
    tone: fresh ? 'ok' : 'bad',
    value: product,
    detail: `Last success ${formatRelative(lastSuccess, now)}`,
  }
}

function warranty(endAt: number | null, now: number): HealthItem {
  const label = 'Warranty'
  if (endAt === null) return unknown('warranty', label)
  if (endAt <= now) {
    return {
      id: 'warranty',
      label,
      tone: 'bad',
      value: `Ended ${formatDate(endAt)}`,
      detail: formatRelative(endAt, now),
    }
  }
  return {
    id: 'warranty',
    label,
    tone: endAt - now <= WARRANTY_SOON_MS ? 'warn' : 'ok',
    value: `Until ${formatDate(endAt)}`,
    detail: `Ends ${formatRelative(endAt, now)}`,
  }
}

/** The status dot of a device. */
export function statusTone(status: DeviceStatus): StatusTone {
  return status === 'online' ? 'ok' : status === 'stale' ? 'warn' : 'bad'
}

export function statusLabel(status: DeviceStatus): string {
  return status === 'online' ? 'Online' : status === 'stale' ? 'Stale' : 'Offline'
}

/** Volume fill: warn from 75%, bad from 90% (where the collection diff speaks up too). */
export function diskTone(usedPercent: number): StatusTone {
  return usedPercent >= 90 ? 'bad' : usedPercent >= 75 ? 'warn' : 'ok'
}

/** The worst tone among items, for a section badge; idle only when nothing is known. */
export function worstTone(items: readonly { tone: StatusTone }[]): StatusTone {
  const order: StatusTone[] = ['bad', 'warn', 'ok', 'idle']
  return order.find((tone) => items.some((i) => i.tone === tone)) ?? 'idle'
}
