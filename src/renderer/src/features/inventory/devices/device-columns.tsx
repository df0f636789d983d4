import {
  columnSizingFeature,
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  type CellContext,
  type ColumnDef,
} from '@tanstack/react-table'
import type { ReactNode } from 'react'
import type { DeviceRow, DeviceSearchRow, DeviceSortColumn } from '@shared/contract'
import { StatusDot } from '../../../ui/StatusDot'
import { collectedHostnameNote, osLine, roleName } from '../device-detail/format'
import { statusLabel, statusTone } from '../device-detail/health'
import {
  avCell,
  backupCell,
  lastSeenCell,
  NONE,
  patchesCell,
  ramCell,
  rebootCell,
  warrantyCell,
  type CellText,
} from './cell-format'
import { matchHint } from './match-hint'
import type { IndexedRow } from './paging'

/** What every cell can read besides its row: the clock, so relative times agree. */
export interface DeviceTableMeta {
  now: number
  /** The visible column ids, so a row can say when what matched is not in sight. */
  columns: readonly string[]
}

export interface DeviceColumnMeta {
  /** The contract's sort column; absent: the column cannot be sorted. */
  sort?: DeviceSortColumn
  /** The name in the column chooser and the header's accessible name. */
  label: string
  numeric?: boolean
}

export const deviceTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  tableMeta: {} as DeviceTableMeta,
  columnMeta: {} as DeviceColumnMeta,
})

type Features = typeof deviceTableFeatures
export type DeviceTableRow = IndexedRow<DeviceSearchRow>
type Ctx = CellContext<Features, DeviceTableRow>

const text = (value: string | number | null) => (value === null || value === '' ? NONE : value)

function Toned({ cell }: { cell: CellText }) {
  if (!cell.tone || cell.tone === 'idle') return <>{cell.text}</>
  return <span className={`device-cell--${cell.tone}`}>{cell.text}</span>
}

/**
 * The hostname, marked when the search matched it, and a line saying what matched when that
 * is not in a visible cell. The line stays out of the cell's accessible name (rows are found
 * by hostname); the hostname's title carries it instead.
 */
function HostnameCell({ row, columns }: { row: DeviceSearchRow; columns: readonly string[] }) {
  const hint = matchHint(row, columns)
  const host =
    row.matched?.field === 'hostname' ? (
      <mark className="device-cell__match">{row.hostname}</mark>
    ) : (
      row.hostname
    )
  // Like the hint, the collected hostname stays out of the accessible name and goes in the
  // title, so rows are still found by the name the technician gave the device.
  const collected = collectedHostnameNote(row)
  const title = [collected, hint].filter(Boolean).join('\n')
  return (
    <span className="device-cell__host-line" title={title || undefined}>
      <span className="device-cell__host">{host}</span>
      {collected ? (
        <span className="device-cell__collected" aria-hidden>
          {collected}
        </span>
      ) : null}
      {hint ? (
        <span className="device-cell__matched" aria-hidden>
          {hint}
        </span>
      ) : null}
    </span>
  )
}

const now = (ctx: Ctx): number => ctx.table.options.meta?.now ?? Date.now()

function column(
  id: string,
  label: string,
  size: number,
  sort: DeviceSortColumn | undefined,
  field: keyof DeviceRow,
  cell: (row: DeviceSearchRow, ctx: Ctx) => ReactNode,
  numeric = false,
): ColumnDef<Features, DeviceTableRow> {
  return {
    id,
    // The value the column stands for; main sorts, but Table only sorts columns with one.
    accessorFn: (r) => r.row[field],
    header: label,
    size,
    minSize: 60,
    enableSorting: sort !== undefined,
    meta: { label, numeric, ...(sort ? { sort } : {}) },
    cell: (ctx: Ctx) => cell(ctx.row.original.row, ctx),
  }
}

/**
 * Every column the table can show, in table order. Ids are what settings and saved views
 * store, so they stay stable; the selection and refresh columns are drawn by the table itself.
 */
export const deviceColumns: ColumnDef<Features, DeviceTableRow>[] = [
  column('hostname', 'Hostname', 210, 'hostname', 'hostname', (row, ctx) => (
    <HostnameCell row={row} columns={ctx.table.options.meta?.columns ?? []} />
  )),
  column('status', 'Status', 104, 'status', 'status', (row) => (
    <span className="device-cell__status">
      <StatusDot tone={statusTone(row.status)} label={statusLabel(row.status)} />
      <span aria-hidden>{statusLabel(row.status)}</span>
    </span>
  )),
  column('client', 'Client', 190, 'client', 'clientName', (row) => row.clientName),
  column('site', 'Site', 150, 'site', 'siteName', (row) => text(row.siteName)),
  column('role', 'Role', 130, 'role', 'role', (row) => roleName(row.role)),
  column('os', 'Operating system', 210, 'osName', 'osName', (row) => osLine(row)),
  column('osVersion', 'OS version', 120, 'osVersion', 'osVersion', (row) => text(row.osVersion)),
  column('ip', 'IP address', 135, 'ip', 'ip', (row) => (
    <span className="device-cell__mono">{text(row.ip)}</span>
  )),
  column('publicIp', 'Public IP', 135, 'publicIp', 'publicIp', (row) => (
    <span className="device-cell__mono">{text(row.publicIp)}</span>
  )),
  column('fqdn', 'FQDN', 220, 'fqdn', 'fqdn', (row) => text(row.fqdn)),
  column('lastSeen', 'Last seen', 120, 'lastSeen', 'lastSeenAt', (row, ctx) => (
    <Toned cell={lastSeenCell(row.lastSeenAt, now(ctx))} />
  )),
  column('loggedInUser', 'User', 150, 'loggedInUser', 'loggedInUser', (row) =>
    text(row.loggedInUser),
  ),
  column('manufacturer', 'Manufacturer', 140, 'manufacturer', 'manufacturer', (row) =>
    text(row.manufacturer),
  ),
  column('model', 'Model', 170, 'model', 'model', (row) => text(row.model)),
  column('serial', 'Serial', 140, 'serial', 'serial', (row) => (
    <span className="device-cell__mono">{text(row.serial)}</span>
  )),
  column('cpuCores', 'Cores', 80, 'cpuCores', 'cpuCores', (row) => text(row.cpuCores), true),
  column(
    'ram',
    'RAM',
    90,
    'ramBytes',
    'ramBytes',
    (row) => <Toned cell={ramCell(row.ramBytes)} />,
    true,
  ),
  column('patches', 'Patches', 115, 'patchesPending', 'patchesPending', (row) => (
    <Toned cell={patchesCell(row.patchesPending)} />
  )),
  column('reboot', 'Reboot', 95, 'rebootRequired', 'rebootRequired', (row) => (
    <Toned cell={rebootCell(row.rebootRequired)} />
  )),
  column('av', 'Antivirus', 105, 'avStatus', 'avStatus', (row) => (
    <Toned cell={avCell(row.avStatus)} />
  )),
  column('backup', 'Last backup', 120, 'backupLastSuccess', 'backupLastSuccessAt', (row, ctx) => (
    <Toned cell={backupCell(row.backupLastSuccessAt, now(ctx))} />
  )),
  column('warranty', 'Warranty', 130, 'warrantyEnd', 'warrantyEndAt', (row, ctx) => (
    <Toned cell={warrantyCell(row.warrantyEndAt, now(ctx))} />
  )),
  column('tags', 'Tags', 180, undefined, 'tags', (row) =>
    row.tags.length === 0 ? (
      NONE
    ) : (
      <span className="device-cell__tags">
        {row.tags.map((tag) => (
          <span key={tag} className="device-tag">
            {tag}
          </span>
        ))}
      </span>
    ),
  ),
]

export const allColumnIds: readonly string[] = deviceColumns.map((c) => c.id as string)

/** Shown until the technician picks columns. */
export const defaultColumnIds: readonly string[] = [
  'hostname',
  'status',
  'client',
  'site',
  'os',
  'ip',
  'lastSeen',
  'loggedInUser',
  'patches',
  'av',
  'backup',
]

/** Always shown: a row without its hostname means nothing. */
export const requiredColumnIds: readonly string[] = ['hostname']

export function columnLabel(id: string): string {
  return deviceColumns.find((c) => c.id === id)?.meta?.label ?? id
}

/** The visibility state TanStack Table takes, from the chosen column ids. */
export function visibilityFor(columns: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(
    allColumnIds.map((id) => [id, requiredColumnIds.includes(id) || columns.includes(id)]),
  )
}

/** Chosen columns from a stored list: known ids only, in table order, the required ones in. */
export function normaliseColumns(stored: readonly string[] | null | undefined): string[] {
  if (!stored) return [...defaultColumnIds]
  const chosen = new Set([...stored, ...requiredColumnIds])
  return allColumnIds.filter((id) => chosen.has(id))
}

/** The sort column a column id stands for, if it can be sorted. */
export function sortColumnOf(id: string): DeviceSortColumn | undefined {
  return deviceColumns.find((c) => c.id === id)?.meta?.sort
}

/** The column id showing a sort column, for the header's sorted marker. */
export function columnOfSort(sort: DeviceSortColumn): string | undefined {
  return deviceColumns.find((c) => c.meta?.sort === sort)?.id as string | undefined
}
