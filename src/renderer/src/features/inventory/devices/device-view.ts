/**
 * What the device table shows (search text, filters, sort, columns) and how that becomes the
 * contract's `DeviceFilter`. Pure, so the mapping is tested without a browser.
 */
import type {
  DeviceRole,
  DeviceSortColumn,
  DeviceStatus,
  OsFamily,
  SavedDeviceView,
} from '@shared/contract'
import type { DeviceFilterInput, DeviceSearchInput } from '../../../api/inventory'

export type DeviceViewFilters = SavedDeviceView['filters']
export type FilterKey = keyof DeviceViewFilters
export type DeviceSort = SavedDeviceView['sort']

export interface DeviceView {
  query: string
  filters: DeviceViewFilters
  sort: DeviceSort
  /** Visible column ids, in table order. */
  columns: string[]
  /** The saved view this one was opened from; null: an unsaved view. */
  savedViewId: string | null
}

export const DEFAULT_SORT: DeviceSort = { column: 'hostname', direction: 'asc' }

export function defaultView(columns: readonly string[]): DeviceView {
  return { query: '', filters: {}, sort: DEFAULT_SORT, columns: [...columns], savedViewId: null }
}

/**
 * The contract filter for a view. `locked` filters (a client page's own client) win over the
 * view's, so a saved view opened there never shows another client's devices.
 */
export function toDeviceFilter(
  view: Pick<DeviceView, 'query' | 'filters' | 'sort'>,
  locked: DeviceViewFilters = {},
): DeviceFilterInput {
  const query = view.query.trim()
  return {
    ...withoutUndefined({ ...view.filters, ...locked }),
    ...(query ? { query } : {}),
    sort: view.sort,
  }
}

/** One page of a view, as `inventory.searchDevices` takes it. */
export function pageInput(
  filter: DeviceFilterInput,
  page: number,
  pageSize: number,
): DeviceSearchInput {
  return { ...filter, limit: pageSize, offset: page * pageSize }
}

function withoutUndefined(filters: DeviceViewFilters): DeviceViewFilters {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) out[key] = value
  }
  return out as DeviceViewFilters
}

/** Sets or clears (`undefined`) one filter; the others stay. */
export function setFilter<K extends FilterKey>(
  filters: DeviceViewFilters,
  key: K,
  value: DeviceViewFilters[K] | undefined,
): DeviceViewFilters {
  const others = Object.entries(filters).filter(([k]) => k !== key)
  if (value !== undefined) others.push([key, value])
  return Object.fromEntries(others) as DeviceViewFilters
}

/** A site belongs to one client, so changing the client clears a site of another. */
export function setClientFilter(
  filters: DeviceViewFilters,
  clientId: string | undefined,
): DeviceViewFilters {
  const next = setFilter(filters, 'clientId', clientId)
  return clientId === filters.clientId ? next : setFilter(next, 'siteId', undefined)
}

export function activeFilterCount(filters: DeviceViewFilters, locked: DeviceViewFilters = {}) {
  return Object.entries(filters).filter(([key, value]) => value !== undefined && !(key in locked))
    .length
}

// ---------------------------------------------------------------------------------------------
// Filter controls: each filter is a <select> whose option values are strings.

export const roleOptions: readonly { value: DeviceRole; label: string }[] = [
  { value: 'workstation', label: 'Workstation' },
  { value: 'server', label: 'Server' },
  { value: 'network', label: 'Network device' },
  { value: 'printer', label: 'Printer' },
  { value: 'other', label: 'Other' },
]

export const osFamilyOptions: readonly { value: OsFamily; label: string }[] = [
  { value: 'windows', label: 'Windows' },
  { value: 'linux', label: 'Linux' },
  { value: 'macos', label: 'macOS' },
  { value: 'other', label: 'Other' },
]

export const statusOptions: readonly { value: DeviceStatus; label: string }[] = [
  { value: 'online', label: 'Online' },
  { value: 'stale', label: 'Stale' },
  { value: 'offline', label: 'Offline' },
]

/** The three-way health filters: any, the problem, or its absence. */
export type HealthFilterKey = 'patchesPending' | 'avUnhealthy' | 'backupFailing'

export const healthFilters: readonly {
  key: HealthFilterKey
  label: string
  yes: string
  no: string
}[] = [
  { key: 'patchesPending', label: 'Patches pending', yes: 'Patches pending', no: 'Fully patched' },
  { key: 'avUnhealthy', label: 'Antivirus', yes: 'AV unhealthy', no: 'AV healthy' },
  { key: 'backupFailing', label: 'Backup', yes: 'Backup failing', no: 'Backed up' },
]

export const warrantyOptions: readonly { days: number; label: string }[] = [
  { days: 30, label: 'Ends within 30 days' },
  { days: 90, label: 'Ends within 90 days' },
  { days: 365, label: 'Ends within a year' },
]

/** '' means "any": the filter is off. */
export function booleanToSelect(value: boolean | undefined): '' | 'yes' | 'no' {
  return value === undefined ? '' : value ? 'yes' : 'no'
}

export function selectToBoolean(value: string): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined
}

export function selectToDays(value: string): number | undefined {
  const days = Number.parseInt(value, 10)
  return Number.isInteger(days) && days >= 0 ? days : undefined
}

/** `value` if it is one of `allowed`, else undefined ("any"). */
export function selectToEnum<T extends string>(
  value: string,
  allowed: readonly { value: T }[],
): T | undefined {
  return allowed.find((option) => option.value === value)?.value
}

// ---------------------------------------------------------------------------------------------
// Saved views

/** A saved view as stored in settings. */
export function toSavedView(view: DeviceView, id: string, name: string): SavedDeviceView {
  return {
    id,
    name: name.trim(),
    query: view.query.trim(),
    filters: withoutUndefined(view.filters),
    sort: view.sort,
    columns: view.columns,
  }
}

/**
 * The view a saved one opens as. Columns this build no longer has are dropped, and a view
 * left with none falls back to `fallbackColumns`, so an old setting never empties the table.
 */
export function fromSavedView(
  saved: SavedDeviceView,
  knownColumns: readonly string[],
  fallbackColumns: readonly string[],
): DeviceView {
  const columns = saved.columns.filter((id) => knownColumns.includes(id))
  return {
    query: saved.query,
    filters: withoutUndefined(saved.filters),
    sort: saved.sort,
    columns: columns.length > 0 ? columns : [...fallbackColumns],
    savedViewId: saved.id,
  }
}

/** Whether the view differs from the saved one it came from (offers "Save changes"). */
export function differsFromSaved(view: DeviceView, saved: SavedDeviceView): boolean {
  const a = toSavedView(view, saved.id, saved.name)
  return JSON.stringify(normalise(a)) !== JSON.stringify(normalise(saved))
}

function normalise(view: SavedDeviceView): unknown {
  const filters = Object.fromEntries(
    Object.entries(view.filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  )
  return [view.query.trim(), filters, view.sort.column, view.sort.direction, view.columns]
}

/** Adds a view, or replaces the one with the same id; names stay unique (case-insensitive). */
export function upsertSavedView(
  views: readonly SavedDeviceView[],
  view: SavedDeviceView,
): SavedDeviceView[] {
  const others = views.filter(
    (v) => v.id !== view.id && v.name.toLocaleLowerCase() !== view.name.toLocaleLowerCase(),
  )
  const at = views.findIndex((v) => v.id === view.id)
  if (at === -1) return [...others, view]
  const next = [...others]
  next.splice(Math.min(at, next.length), 0, view)
  return next
}

/** Toggling a column's header: a new column sorts ascending, the same one flips. */
export function nextSort(current: DeviceSort, column: DeviceSortColumn): DeviceSort {
  if (current.column !== column) return { column, direction: 'asc' }
  return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
}
