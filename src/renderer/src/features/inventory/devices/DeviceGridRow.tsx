import { FlexRender, type Header, type Row } from '@tanstack/react-table'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { memo, type MouseEvent } from 'react'
import { StatusDot } from '../../../ui/StatusDot'
import { progressText, progressTone, type DeviceProgress } from '../collection/collection-runs'
import type { DeviceTableRow, deviceTableFeatures } from './device-columns'

type TableRow = Row<typeof deviceTableFeatures, DeviceTableRow>
type TableCell = ReturnType<TableRow['getVisibleCells']>[number]

/** One data cell (the progress cell sits between the first and the rest). */
function dataCell(cell: TableCell) {
  return (
    <div
      key={cell.id}
      role="gridcell"
      className={
        cell.column.columnDef.meta?.numeric
          ? 'device-grid__td device-grid__td--numeric'
          : 'device-grid__td'
      }
    >
      <FlexRender cell={cell} />
    </div>
  )
}

/**
 * One device row. Memoized: scrolling mounts the rows coming into view and leaves the others
 * alone, which keeps frames short with 100k rows behind the scrollbar. `template` and `now`
 * are props so a column change or the clock still redraws the cells.
 */
export const DeviceGridRow = memo(function DeviceGridRow(props: {
  row: TableRow
  index: number
  start: number
  id: string
  template: string
  width: number
  now: number
  selected: boolean
  focused: boolean
  /** Collection progress, when the refresh column is shown; null hides the column. */
  progress: DeviceProgress | undefined | null
  onClick(event: MouseEvent, index: number): void
  onToggle(index: number, shift: boolean): void
}) {
  const { row, index } = props
  const device = row.original.row
  const cells = row.getVisibleCells()
  const classes = ['device-grid__row', 'device-grid__row--data']
  if (props.selected) classes.push('device-grid__row--selected')
  if (props.focused) classes.push('device-grid__row--focused')
  return (
    <div
      id={props.id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      className={classes.join(' ')}
      style={{
        transform: `translateY(${props.start}px)`,
        gridTemplateColumns: props.template,
        width: props.width,
      }}
      onClick={(event) => props.onClick(event, index)}
    >
      <div role="gridcell" className="device-grid__select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${device.hostname}`}
          checked={props.selected}
          onClick={(event) => {
            event.stopPropagation()
            props.onToggle(index, event.shiftKey)
          }}
          onChange={() => undefined}
        />
      </div>
      {cells.slice(0, 1).map(dataCell)}
      {props.progress !== null ? (
        <div role="gridcell" className="device-grid__td" title={props.progress?.failure?.message}>
          {props.progress ? (
            <span className="device-cell__status">
              <StatusDot
                tone={progressTone(props.progress.state)}
                label={progressText(props.progress)}
              />
              <span aria-hidden>{progressText(props.progress)}</span>
            </span>
          ) : null}
        </div>
      ) : null}
      {cells.slice(1).map(dataCell)}
    </div>
  )
})

/** A row whose page is still on its way. */
export function PendingRow(props: {
  index: number
  start: number
  id: string
  template: string
  width: number
}) {
  return (
    <div
      id={props.id}
      role="row"
      aria-rowindex={props.index + 2}
      aria-busy
      className="device-grid__row device-grid__row--pending"
      style={{
        transform: `translateY(${props.start}px)`,
        gridTemplateColumns: props.template,
        width: props.width,
      }}
    >
      <div role="gridcell" className="device-grid__select" />
      <div role="gridcell" className="device-grid__placeholder">
        <span />
      </div>
    </div>
  )
}

/** A column's header: its name, and a sort button where main can sort by it. */
export const ColumnHeader = memo(function ColumnHeader(props: {
  header: Header<typeof deviceTableFeatures, DeviceTableRow, unknown>
  /** Passed in so a change of sort redraws this memoized header. */
  sorted: false | 'asc' | 'desc'
}) {
  const { header, sorted } = props
  const meta = header.column.columnDef.meta
  const label = meta?.label ?? header.column.id
  return (
    <div
      role="columnheader"
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
      className={meta?.numeric ? 'device-grid__th device-grid__th--numeric' : 'device-grid__th'}
    >
      {header.column.getCanSort() ? (
        <button
          type="button"
          className="device-grid__sort"
          onClick={header.column.getToggleSortingHandler()}
          title={`Sort by ${label}`}
        >
          <span>{label}</span>
          {sorted === 'asc' ? (
            <ArrowUp aria-hidden size={13} />
          ) : sorted === 'desc' ? (
            <ArrowDown aria-hidden size={13} />
          ) : (
            <ArrowUpDown aria-hidden size={13} className="device-grid__sort-idle" />
          )}
        </button>
      ) : (
        <span className="device-grid__th-label">{label}</span>
      )}
    </div>
  )
})
