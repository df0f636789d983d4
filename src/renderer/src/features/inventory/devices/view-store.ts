import { create } from 'zustand'
import { DEFAULT_SORT, type DeviceView } from './device-view'
import { emptySelection, type Selection } from './selection'

/** A device table's view; `columns` null follows the technician's chosen default columns. */
export interface StoredView extends Omit<DeviceView, 'columns'> {
  columns: string[] | null
}

export interface TableScopeState {
  view: StoredView
  selection: Selection
  /** The row a shift-click ranges from. */
  anchor: number | null
  scrollTop: number
}

const freshScope = (): TableScopeState => ({
  view: { query: '', filters: {}, sort: DEFAULT_SORT, columns: null, savedViewId: null },
  selection: emptySelection,
  anchor: null,
  scrollTop: 0,
})

interface DeviceTablesStore {
  /** One state per table: 'devices' for the device page, 'client:<id>' for a client page. */
  scopes: Record<string, TableScopeState>
  setView(scope: string, change: (view: StoredView) => StoredView): void
  setSelection(scope: string, selection: Selection, anchor: number | null): void
  setScrollTop(scope: string, scrollTop: number): void
}

/** Which parts of a view pick the rows; a change there clears the selection. */
const rowsKey = (view: StoredView): string =>
  JSON.stringify([view.query.trim(), view.filters, view.sort])

/**
 * UI state of the device tables, kept while the technician opens a device and comes back.
 * The rows themselves are server state and live in react-query.
 */
export const useDeviceTables = create<DeviceTablesStore>((set) => ({
  scopes: {},
  setView: (scope, change) =>
    set((s) => {
      const current = s.scopes[scope] ?? freshScope()
      const view = change(current.view)
      const sameRows = rowsKey(view) === rowsKey(current.view)
      const next: TableScopeState = sameRows
        ? { ...current, view }
        : { ...current, view, selection: emptySelection, anchor: null, scrollTop: 0 }
      return { scopes: { ...s.scopes, [scope]: next } }
    }),
  setSelection: (scope, selection, anchor) =>
    set((s) => ({
      scopes: { ...s.scopes, [scope]: { ...(s.scopes[scope] ?? freshScope()), selection, anchor } },
    })),
  setScrollTop: (scope, scrollTop) =>
    set((s) => ({
      scopes: { ...s.scopes, [scope]: { ...(s.scopes[scope] ?? freshScope()), scrollTop } },
    })),
}))

const fallback = freshScope()

/** The state of one table scope (a fresh one until something is set). */
export function useTableScope(scope: string): TableScopeState {
  return useDeviceTables((s) => s.scopes[scope] ?? fallback)
}

/** Opens the device page with a view; the client list's rollup numbers use this. */
export function openDevicesWith(view: Partial<StoredView>): void {
  useDeviceTables.getState().setView('devices', (current) => ({
    ...current,
    query: '',
    filters: {},
    savedViewId: null,
    ...view,
  }))
}
