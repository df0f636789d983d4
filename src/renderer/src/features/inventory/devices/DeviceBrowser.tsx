import { useQueryClient } from '@tanstack/react-query'
import { Download, FileUp, Monitor, RefreshCw, SearchX } from 'lucide-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useRpc } from '../../../api/rpc'
import { useSetSetting, useSetting } from '../../../api/settings'
import { EmptyState } from '../../../ui/EmptyState'
import { SearchField } from '../../../ui/SearchField'
import { CollectionPanel } from '../collection/CollectionPanel'
import { followCollections, useScopeRuns } from '../collection/collection-store'
import { countText, formatCount } from './cell-format'
import { ColumnChooser } from './ColumnChooser'
import { normaliseColumns } from './device-columns'
import {
  activeFilterCount,
  toDeviceFilter,
  type DeviceView,
  type DeviceViewFilters,
} from './device-view'
import { DeviceGrid } from './DeviceGrid'
import { FilterBar } from './FilterBar'
import { SavedViews } from './SavedViews'
import { useDebouncedValue } from './search-debounce'
import { emptySelection, allMatchingSelection, selectedCount } from './selection'
import { useDeviceActions } from './use-device-actions'
import { useDeviceTables, useTableScope } from './view-store'

/** Typing pauses shorter than this are one search (the first keystroke goes out at once). */
const SEARCH_DEBOUNCE_MS = 40

/**
 * The device table with everything around it: search, filters, saved views, columns, the
 * selection toolbar and collection progress. `scope` keeps its state apart from other tables
 * (the Devices page, each client page); `locked` filters always apply.
 */
export function DeviceBrowser(props: {
  scope: string
  locked?: DeviceViewFilters
  label: string
  /** Offered when the table has no devices at all. */
  onImport?: () => void
}) {
  const { scope } = props
  const locked = props.locked ?? noFilters
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(() => followCollections(rpc, queryClient), [rpc, queryClient])

  const state = useTableScope(scope)
  const setViewIn = useDeviceTables((s) => s.setView)
  const setSelectionIn = useDeviceTables((s) => s.setSelection)
  const setScrollTopIn = useDeviceTables((s) => s.setScrollTop)
  const chosenColumns = useSetting('inventory.deviceColumns')
  const setSetting = useSetSetting()
  const runs = useScopeRuns(scope)

  const columns = useMemo(
    () => state.view.columns ?? normaliseColumns(chosenColumns),
    [state.view.columns, chosenColumns],
  )
  const view: DeviceView = { ...state.view, columns }
  // Every row of a client's own table has that client: its column would only repeat it.
  const shownColumns = useMemo(
    () => (locked.clientId ? columns.filter((id) => id !== 'client') : columns),
    [columns, locked.clientId],
  )
  const query = useDebouncedValue(view.query, SEARCH_DEBOUNCE_MS)
  const filter = toDeviceFilter({ ...view, query }, locked)
  const actions = useDeviceActions(filter, scope)
  const [total, setTotal] = useState<number | null>(null)

  const setView = (change: (v: DeviceView) => DeviceView): void =>
    setViewIn(scope, (stored) => {
      const next = change({ ...stored, columns: stored.columns ?? columns })
      return {
        ...next,
        columns: stored.columns === null && next.columns === columns ? null : next.columns,
      }
    })
  const onTotal = useCallback((value: number | null) => setTotal(value), [])
  const onScrollTop = useCallback(
    (top: number) => setScrollTopIn(scope, top),
    [scope, setScrollTopIn],
  )

  const selected = total === null ? 0 : selectedCount(state.selection, total)
  const clearAll = (): void => setView((v) => ({ ...v, query: '', filters: {} }))
  const narrowed = view.query.trim() !== '' || activeFilterCount(view.filters, locked) > 0

  return (
    <div className="device-browser">
      <div className="device-toolbar">
        <SearchField
          className="device-search"
          label="Search devices"
          placeholder="Search hostname, IP, MAC, serial, user, tag, OS…"
          value={view.query}
          onChange={(value) => setView((v) => ({ ...v, query: value }))}
        />
        <SavedViews
          view={view}
          onOpen={(next) => setViewIn(scope, () => next)}
          onReset={() =>
            setViewIn(scope, () => ({
              query: '',
              filters: {},
              sort: view.sort,
              columns: null,
              savedViewId: null,
            }))
          }
        />
        <ColumnChooser
          columns={columns}
          onChange={(next) => {
            setView((v) => ({ ...v, columns: next }))
            setSetting.mutate({ key: 'inventory.deviceColumns', value: next })
          }}
        />
      </div>
      <FilterBar
        filters={view.filters}
        locked={locked}
        onChange={(filters) => setView((v) => ({ ...v, filters }))}
      />
      <CollectionPanel runs={runs} />
      <div className="selection-bar" role="toolbar" aria-label="Selection">
        <span className="selection-bar__count" role="status" aria-live="polite">
          {total === null
            ? 'Searching…'
            : selected > 0
              ? `${formatCount(selected)} of ${countText(total, 'device', 'devices')} selected`
              : countText(total, 'device', 'devices')}
        </span>
        {total !== null && total > 0 && selected < total ? (
          <button
            type="button"
            className="selection-bar__link"
            onClick={() => setSelectionIn(scope, allMatchingSelection(), null)}
          >
            Select all {formatCount(total)} matching
          </button>
        ) : null}
        {selected > 0 ? (
          <button
            type="button"
            className="selection-bar__link"
            onClick={() => setSelectionIn(scope, emptySelection, null)}
          >
            Clear selection
          </button>
        ) : null}
        <span className="selection-bar__spacer" />
        <button
          type="button"
          className="vault-button vault-button--primary"
          disabled={selected === 0 || actions.refreshing}
          onClick={() => void actions.refresh(state.selection)}
        >
          <RefreshCw aria-hidden size={14} />
          Refresh inventory
        </button>
        <button
          type="button"
          className="vault-button"
          disabled={total === 0 || actions.exporting}
          onClick={actions.exportView}
        >
          <Download aria-hidden size={14} />
          {actions.exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <DeviceGrid
        label={props.label}
        filter={filter}
        columns={shownColumns}
        sort={view.sort}
        onSort={(sort) => setView((v) => ({ ...v, sort }))}
        selection={state.selection}
        anchor={state.anchor}
        onSelection={(selection, anchor) => setSelectionIn(scope, selection, anchor)}
        initialScrollTop={state.scrollTop}
        onScrollTop={onScrollTop}
        runs={runs}
        onTotal={onTotal}
        empty={
          narrowed ? (
            <EmptyState icon={SearchX} title="No devices match">
              <p>Nothing matches this search and these filters.</p>
              <button type="button" className="vault-button" onClick={clearAll}>
                Clear search and filters
              </button>
            </EmptyState>
          ) : (
            <EmptyState icon={Monitor} title="No devices yet">
              <p>Import them from a CSV export of your RMM or documentation tool.</p>
              {props.onImport ? (
                <button type="button" className="vault-button" onClick={props.onImport}>
                  <FileUp aria-hidden size={15} />
                  Import CSV
                </button>
              ) : null}
            </EmptyState>
          )
        }
      />
    </div>
  )
}

const noFilters: DeviceViewFilters = {}
