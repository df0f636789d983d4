/** Filtering, sorting and drill-down of the client list; pure, for tests. */
import type { ClientRollup, ClientSummary } from '@shared/contract'
import type { DeviceViewFilters } from '../devices/device-view'

export type ClientSortKey = 'name' | 'contractTier' | keyof ClientRollup
export interface ClientSort {
  key: ClientSortKey
  direction: 'asc' | 'desc'
}

export const DEFAULT_CLIENT_SORT: ClientSort = { key: 'name', direction: 'asc' }

/** Every word must occur in the name, short code or contract tier (any case). */
export function filterClients(
  clients: readonly ClientSummary[],
  query: string,
): readonly ClientSummary[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return clients
  return clients.filter((client) => {
    const text = `${client.name} ${client.shortCode} ${client.contractTier}`.toLocaleLowerCase()
    return words.every((word) => text.includes(word))
  })
}

/** Sorted by the key, then by name, so equal counts keep a stable, readable order. */
export function sortClients(clients: readonly ClientSummary[], sort: ClientSort): ClientSummary[] {
  const factor = sort.direction === 'asc' ? 1 : -1
  const byName = (a: ClientSummary, b: ClientSummary) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true })
  const compare = (a: ClientSummary, b: ClientSummary): number => {
    switch (sort.key) {
      case 'name':
        return byName(a, b)
      case 'contractTier':
        return a.contractTier.localeCompare(b.contractTier, undefined, { sensitivity: 'base' })
      default:
        return a.rollup[sort.key] - b.rollup[sort.key]
    }
  }
  return [...clients].sort((a, b) => factor * compare(a, b) || byName(a, b))
}

/** Clicking a header: a new key starts at its natural order (counts: most first). */
export function nextClientSort(current: ClientSort, key: ClientSortKey): ClientSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  }
  return { key, direction: key === 'name' || key === 'contractTier' ? 'asc' : 'desc' }
}

/** The rollup numbers that open the device table, and the filter each one stands for. */
export type DeviceRollupKey = Exclude<keyof ClientRollup, 'sites'>

export const rollupColumns: readonly { key: DeviceRollupKey; label: string; short: string }[] = [
  { key: 'devices', label: 'Devices', short: 'Devices' },
  { key: 'offline', label: 'Offline', short: 'Offline' },
  { key: 'patchesPending', label: 'Patches pending', short: 'Patches' },
  { key: 'backupsFailing', label: 'Backups failing', short: 'Backups' },
  { key: 'warrantiesExpiring', label: 'Warranties expiring', short: 'Warranties' },
]

/** The rollup's definitions, as in the contract's ClientRollup. */
export const WARRANTY_ROLLUP_DAYS = 90

/** The device filter a rollup number stands for, within one client. */
export function rollupHealthFilter(key: DeviceRollupKey): DeviceViewFilters {
  switch (key) {
    case 'devices':
      return {}
    case 'offline':
      return { status: 'offline' }
    case 'patchesPending':
      return { patchesPending: true }
    case 'backupsFailing':
      return { backupFailing: true }
    case 'warrantiesExpiring':
      return { warrantyExpiringWithinDays: WARRANTY_ROLLUP_DAYS }
  }
}

/** The same, across the device table: the client's devices with that problem. */
export function rollupFilter(clientId: string, key: DeviceRollupKey): DeviceViewFilters {
  return { clientId, ...rollupHealthFilter(key) }
}

/** Whether a rollup number is bad news worth colouring (offline, failing, …). */
export function rollupTone(key: DeviceRollupKey, value: number): 'bad' | 'warn' | null {
  if (value === 0 || key === 'devices') return null
  return key === 'offline' || key === 'backupsFailing' ? 'bad' : 'warn'
}

/** Totals across clients, for the list's header line. */
export function rollupTotals(clients: readonly ClientSummary[]): ClientRollup {
  const total: ClientRollup = {
    devices: 0,
    offline: 0,
    patchesPending: 0,
    backupsFailing: 0,
    warrantiesExpiring: 0,
    sites: 0,
  }
  for (const { rollup } of clients) {
    for (const key of Object.keys(total) as (keyof ClientRollup)[]) total[key] += rollup[key]
  }
  return total
}

/** A threshold in minutes as people say it: "15 min", "12 h", "24 h", "7 days". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0 && minutes > 1440) return `${minutes / 1440} days`
  if (minutes % 60 === 0) return `${minutes / 60} h`
  return `${minutes} min`
}
