import { describe, expect, it } from 'vitest'
import { DeviceSortColumn } from '@shared/contract'
import {
  allColumnIds,
  columnOfSort,
  defaultColumnIds,
  deviceColumns,
  deviceTableFeatures,
  normaliseColumns,
  sortColumnOf,
  visibilityFor,
} from './device-columns'

describe('device columns', () => {
  it('have unique ids, and every default column exists', () => {
    expect(new Set(allColumnIds).size).toBe(allColumnIds.length)
    for (const id of defaultColumnIds) expect(allColumnIds).toContain(id)
  })

  it('sort through the contract’s sort columns, and each sort column has one column', () => {
    for (const column of deviceColumns) {
      const sort = column.meta?.sort
      if (sort) expect(DeviceSortColumn.options).toContain(sort)
    }
    const sorts = deviceColumns.map((c) => c.meta?.sort).filter(Boolean)
    expect(new Set(sorts).size).toBe(sorts.length)
    expect(sortColumnOf('ram')).toBe('ramBytes')
    expect(sortColumnOf('tags')).toBeUndefined()
    expect(columnOfSort('lastSeen')).toBe('lastSeen')
    expect(columnOfSort('createdAt')).toBeUndefined()
  })

  it('turns chosen ids into visibility, the hostname always shown', () => {
    const visibility = visibilityFor(['client'])
    expect(visibility.hostname).toBe(true)
    expect(visibility.client).toBe(true)
    expect(visibility.serial).toBe(false)
    expect(Object.keys(visibility)).toEqual([...allColumnIds])
  })

  it('cleans a stored choice: known ids, table order, hostname in; nothing stored: the defaults', () => {
    expect(normaliseColumns(['serial', 'nope', 'client'])).toEqual(['hostname', 'client', 'serial'])
    expect(normaliseColumns(null)).toEqual([...defaultColumnIds])
  })
})

describe('device columns in TanStack Table', () => {
  it('can be sorted exactly where the contract can sort them', async () => {
    const { constructTable, tableFeatures } = await import('@tanstack/table-core')
    const { storeReactivityBindings } =
      await import('@tanstack/table-core/store-reactivity-bindings')
    // Outside React the table needs the store bindings the React adapter brings.
    const features = tableFeatures({
      ...deviceTableFeatures,
      coreReactivityFeature: storeReactivityBindings(),
    })
    const table = constructTable({
      features,
      // The columns are typed for the React features; the store bindings change no column API.
      columns: deviceColumns as never,
      data: [],
      manualSorting: true,
    })
    const sortable = table
      .getAllLeafColumns()
      .filter((c) => c.getCanSort())
      .map((c) => c.id)
    expect(sortable).toEqual(allColumnIds.filter((id) => sortColumnOf(id) !== undefined))
    expect(sortable).not.toContain('tags')
  })
})
