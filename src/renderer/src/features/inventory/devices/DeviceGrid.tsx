import { useQueries } from '@tanstack/react-query'
import { useTable, type SortingState, type Updater } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import { useLocation } from 'wouter'
import type { DeviceSearchRow } from '@shared/contract'
import { inventoryKeys, type DeviceFilterInput } from '../../../api/inventory'
import { useRpc } from '../../../api/rpc'
import { useNow } from '../../../ui/use-now'
import { latestDeviceProgress, type RunsState } from '../collection/collection-runs'
import {
  columnOfSort,
  deviceColumns,
  deviceTableFeatures,
  sortColumnOf,
  visibilityFor,
  type DeviceTableRow,
} from './device-columns'
import { pageInput, type DeviceSort } from './device-view'
import { ColumnHeader, DeviceGridRow, PendingRow } from './DeviceGridRow'
import { pagesForRange, PAGE_SIZE, moveFocus, rowsOfPages } from './paging'
import {
  headerState,
  isSelected,
  rangeIndices,
  selectRange,
  setRows,
  toggleRow,
  allMatchingSelection,
  emptySelection,
  type Selection,
} from './selection'

const ROW_HEIGHT = 36
const SELECT_WIDTH = 44
const REFRESH_WIDTH = 190

/** What the grid shows: the rows of a filter, fetched page by page as they scroll into view. */
export interface DeviceGridProps {
  /** The view's rows; the grid resets its scroll when this changes. */
  filter: DeviceFilterInput
  columns: readonly string[]
  sort: DeviceSort
  onSort(sort: DeviceSort): void
  selection: Selection
  anchor: number | null
  onSelection(selection: Selection, anchor: number | null): void
  initialScrollTop: number
  onScrollTop(scrollTop: number): void
  /** Collection runs, for the refresh column (shown while there are any). */
  runs: RunsState
  /** The total once known, for counts outside the grid. */
  onTotal(total: number | null, fetching: boolean): void
  /** Shown in the body when the view matches nothing. */
  empty: ReactNode
  label: string
}

interface Shown {
  filterKey: string
  total: number
  rows: DeviceTableRow[]
}

/**
 * The device table: TanStack Table for columns, sort and visibility; TanStack Virtual so only
 * the visible rows exist in the DOM; each page of rows is one `inventory.searchDevices` call.
 * Focus stays on the grid and moves between rows with the arrow keys (active descendant).
 */
export function DeviceGrid(props: DeviceGridProps) {
  const rpc = useRpc()
  const [, navigate] = useLocation()
  const now = useNow()
  const gridId = useId()
  const scrollRef = useRef<HTMLDivElement>(null)
  const filterKey = JSON.stringify(props.filter)
  const [focused, setFocused] = useState(-1)
  const [lastShown, setLastShown] = useState<Shown | null>(null)
  const [visible, setVisible] = useState({ first: 0, last: 40 })
  const knownTotal = lastShown?.filterKey === filterKey ? lastShown.total : 0

  const pages = pagesForRange(visible.first, visible.last, knownTotal)
  const pagesKey = pages.join(',')
  // Stable while the pages asked for stay the same, so `combine` below is memoized by Query.
  const combine = useCallback(
    (results: { data?: { total: number; rows: DeviceSearchRow[] }; isFetching: boolean }[]) => ({
      total: results.find((r) => r.data)?.data?.total,
      fetching: results.some((r) => r.isFetching),
      loaded: new LoadedRows(
        rowsOfPages<DeviceSearchRow>(
          pagesKey
            .split(',')
            .map((page, i) => ({ page: Number(page), rows: results[i]?.data?.rows })),
        ),
      ),
    }),
    [pagesKey],
  )
  const {
    total: loadedTotal,
    fetching,
    loaded: { rows },
  } = useQueries({
    queries: pages.map((page) => {
      const input = pageInput(props.filter, page, PAGE_SIZE)
      return {
        queryKey: inventoryKeys.search(input),
        queryFn: () => rpc.inventory.searchDevices(input),
        // Rows arrive whole and are shown as they come; comparing 200 rows deep to keep old
        // references costs more than redrawing the few that are visible.
        structuralSharing: false,
      }
    }),
    combine,
  })
  // While a new search loads, the previous rows stay (no flash of an empty table per keystroke).
  const current = useMemo<Shown | null>(
    () => (loadedTotal === undefined ? null : { filterKey, total: loadedTotal, rows }),
    [loadedTotal, filterKey, rows],
  )
  useEffect(() => {
    if (current) setLastShown(current)
  }, [current])
  const shown = current ?? lastShown
  const stale = shown !== null && shown.filterKey !== filterKey

  const total = shown?.total ?? 0
  const { onTotal } = props
  useEffect(() => {
    onTotal(shown && !stale ? shown.total : null, fetching)
  }, [onTotal, shown, stale, fetching])

  const sorting = useMemo<SortingState>(() => {
    const id = columnOfSort(props.sort.column)
    return id ? [{ id, desc: props.sort.direction === 'desc' }] : []
  }, [props.sort])
  const columnVisibility = useMemo(() => visibilityFor(props.columns), [props.columns])
  const { onSort } = props
  const table = useTable(
    {
      features: deviceTableFeatures,
      columns: deviceColumns,
      data: shown?.rows ?? noRows,
      getRowId: (row) => String(row.index),
      manualSorting: true,
      enableSortingRemoval: false,
      // Every column starts ascending, numbers too (Table would start those descending).
      sortDescFirst: false,
      enableMultiSort: false,
      state: { sorting, columnVisibility },
      onSortingChange: (updater: Updater<SortingState>) => {
        const next = typeof updater === 'function' ? updater(sorting) : updater
        const first = next[0]
        const column = first ? sortColumnOf(first.id) : undefined
        if (first && column) onSort({ column, direction: first.desc ? 'desc' : 'asc' })
      },
      meta: { now, columns: props.columns },
    },
    (state) => ({ sorting: state.sorting, columnVisibility: state.columnVisibility }),
  )
  const rowModel = table.getRowModel()
  const byIndex = useMemo(
    () => new Map(rowModel.rows.map((row) => [row.original.index, row])),
    [rowModel],
  )
  const leafColumns = table.getVisibleLeafColumns()
  const showRefresh = props.runs.runs.length > 0
  // The refresh column, while shown, sits right after the hostname where it is seen.
  const sizes = leafColumns.map((c) => `${c.getSize()}px`)
  const template = [
    `${SELECT_WIDTH}px`,
    ...sizes.slice(0, 1),
    ...(showRefresh ? [`${REFRESH_WIDTH}px`] : []),
    ...sizes.slice(1),
  ].join(' ')
  const width =
    SELECT_WIDTH +
    leafColumns.reduce((sum, c) => sum + c.getSize(), 0) +
    (showRefresh ? REFRESH_WIDTH : 0)

  // Nothing here is memoized by the compiler; the virtualizer's own re-renders drive the rows.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialOffset: props.initialScrollTop,
    // The sticky header is inside the scroll element, above the rows.
    scrollPaddingStart: ROW_HEIGHT,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    setVisible((v) => (v.first === first && v.last === last ? v : { first, last }))
  }, [first, last])

  // A new view starts at its top, with nothing focused.
  const previousFilter = useRef(filterKey)
  useEffect(() => {
    if (previousFilter.current === filterKey) return
    previousFilter.current = filterKey
    setFocused(-1)
    scrollRef.current?.scrollTo({ top: 0 })
  }, [filterKey])

  // Kept as the grid scrolls: once unmounted, the element reads 0.
  const scrollTop = useRef(props.initialScrollTop)
  const { onScrollTop } = props
  useEffect(() => () => onScrollTop(scrollTop.current), [onScrollTop])

  const idAt = (index: number): string | undefined => byIndex.get(index)?.original.row.id
  const open = (index: number): void => {
    const id = idAt(index)
    if (id) navigate(`~/devices/${encodeURIComponent(id)}`)
  }
  const select = (next: Selection, anchor: number | null): void => props.onSelection(next, anchor)
  const toggleAt = (index: number, shift: boolean): void => {
    const id = idAt(index)
    if (!id) return
    if (shift && props.anchor !== null) {
      select(selectRange(props.selection, props.anchor, index, idAt), props.anchor)
    } else {
      select(toggleRow(props.selection, id), index)
    }
  }
  const focusRow = (index: number): void => {
    setFocused(index)
    virtualizer.scrollToIndex(index, { align: 'auto' })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return
    const visibleRows = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1,
    )
    const next = moveFocus(focused, event.key, total, visibleRows)
    if (next !== null) {
      event.preventDefault()
      if (event.shiftKey && focused >= 0) {
        const anchor = props.anchor ?? focused
        const ids = rangeIndices(anchor, next)
          .map(idAt)
          .filter((id): id is string => id !== undefined)
        select(setRows(props.selection, ids, true), anchor)
      }
      focusRow(next)
      return
    }
    if (event.key === 'Enter' && focused >= 0) {
      event.preventDefault()
      open(focused)
    } else if (event.key === ' ' && focused >= 0) {
      event.preventDefault()
      toggleAt(focused, event.shiftKey)
    } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      select(allMatchingSelection(), null)
    } else if (event.key === 'Escape' && props.selection !== emptySelection) {
      event.preventDefault()
      select(emptySelection, null)
    }
  }

  const onRowClick = (event: MouseEvent, index: number): void => {
    setFocused(index)
    if (event.shiftKey) {
      event.preventDefault()
      toggleAt(index, true)
    } else if (event.ctrlKey || event.metaKey) {
      toggleAt(index, false)
    } else {
      open(index)
    }
  }

  // Rows are memoized, so they get handlers that never change and call the current ones.
  const latest = useRef({ onRowClick, toggle: toggleAt })
  useEffect(() => {
    latest.current = { onRowClick, toggle: toggleAt }
  })
  const onRowClickStable = useCallback(
    (event: MouseEvent, index: number) => latest.current.onRowClick(event, index),
    [],
  )
  const onToggleStable = useCallback((index: number, shift: boolean) => {
    setFocused(index)
    latest.current.toggle(index, shift)
  }, [])

  const header = headerState(props.selection, total)
  const rowId = (index: number) => `${gridId}-row-${index}`
  const loading = shown === null
  const colCount = leafColumns.length + 1 + (showRefresh ? 1 : 0)
  const message = loading || (total === 0 && !stale)

  const headers = table.getHeaderGroups()[0]?.headers ?? []
  const renderHeader = (h: (typeof headers)[number]) => (
    <ColumnHeader key={h.id} header={h} sorted={h.column.getIsSorted()} />
  )

  return (
    <div
      ref={scrollRef}
      className={stale ? 'device-grid device-grid--stale' : 'device-grid'}
      role="grid"
      aria-label={props.label}
      aria-rowcount={message ? 2 : total + 1}
      aria-colcount={colCount}
      aria-multiselectable
      aria-busy={loading || stale || undefined}
      // Only a row that is in the DOM can be the active descendant.
      aria-activedescendant={
        focused >= first && focused <= last && focused < total ? rowId(focused) : undefined
      }
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => {
        scrollTop.current = event.currentTarget.scrollTop
      }}
      onFocus={(event) => {
        if (event.target === event.currentTarget && focused < 0 && total > 0) {
          setFocused(Math.min(total - 1, first))
        }
      }}
    >
      <div role="rowgroup" className="device-grid__head" style={{ width }}>
        <div
          role="row"
          aria-rowindex={1}
          className="device-grid__row"
          style={{ gridTemplateColumns: template }}
        >
          <div role="columnheader" className="device-grid__select">
            <input
              type="checkbox"
              aria-label="Select all matching devices"
              checked={header === true}
              ref={(el) => {
                if (el) el.indeterminate = header === 'mixed'
              }}
              disabled={total === 0}
              onChange={() =>
                select(header === false ? allMatchingSelection() : emptySelection, null)
              }
            />
          </div>
          {headers.slice(0, 1).map(renderHeader)}
          {showRefresh ? (
            <div role="columnheader" className="device-grid__th">
              <span className="device-grid__th-label">Inventory refresh</span>
            </div>
          ) : null}
          {headers.slice(1).map(renderHeader)}
        </div>
      </div>
      <div
        role="rowgroup"
        className="device-grid__body"
        style={{
          height: Math.max(virtualizer.getTotalSize(), total === 0 ? 0 : ROW_HEIGHT),
          width,
        }}
      >
        {items.map((item) => {
          const row = byIndex.get(item.index)
          if (!row) {
            return (
              <PendingRow
                key={`pending-${item.index}`}
                id={rowId(item.index)}
                index={item.index}
                start={item.start}
                template={template}
                width={width}
              />
            )
          }
          const device = row.original.row
          return (
            <DeviceGridRow
              key={device.id}
              id={rowId(item.index)}
              row={row}
              index={item.index}
              start={item.start}
              template={template}
              width={width}
              now={now}
              selected={isSelected(props.selection, device.id)}
              focused={item.index === focused}
              progress={showRefresh ? latestDeviceProgress(props.runs, device.id) : null}
              onClick={onRowClickStable}
              onToggle={onToggleStable}
            />
          )
        })}
      </div>
      {/* A grid may own only rows, so a message is a row of one cell spanning them all;
          aria-busy on the grid is what says "loading" to assistive technology. */}
      {message ? (
        <div role="row" aria-rowindex={2} className="device-grid__message">
          <div role="gridcell" aria-colspan={colCount}>
            {loading ? 'Loading devices…' : props.empty}
          </div>
        </div>
      ) : null}
    </div>
  )
}

const noRows: DeviceTableRow[] = []

/**
 * The loaded rows, in a class so Query's structural sharing of `combine`'s result treats them
 * as one value instead of comparing hundreds of rows deep on every render.
 */
class LoadedRows {
  constructor(readonly rows: DeviceTableRow[]) {}
}
