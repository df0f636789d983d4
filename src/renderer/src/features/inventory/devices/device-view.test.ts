import { describe, expect, it } from 'vitest'
import type { SavedDeviceView } from '@shared/contract'
import { DeviceFilter, DeviceSearch } from '@shared/contract'
import { SavedDeviceView as SavedDeviceViewSchema } from '@shared/contract/settings'
import {
  activeFilterCount,
  booleanToSelect,
  defaultView,
  differsFromSaved,
  fromSavedView,
  nextSort,
  pageInput,
  roleOptions,
  selectToBoolean,
  selectToDays,
  selectToEnum,
  setClientFilter,
  setFilter,
  toDeviceFilter,
  toSavedView,
  upsertSavedView,
  type DeviceView,
} from './device-view'

const view = (over: Partial<DeviceView> = {}): DeviceView => ({
  ...defaultView(['hostname', 'status']),
  ...over,
})

describe('toDeviceFilter', () => {
  it('sends the trimmed search text, the filters and the sort, and nothing empty', () => {
    const filter = toDeviceFilter(
      view({
        query: '  10.2.3 ',
        filters: { status: 'offline', patchesPending: true, role: undefined },
        sort: { column: 'lastSeen', direction: 'desc' },
      }),
    )
    expect(filter).toEqual({
      query: '10.2.3',
      status: 'offline',
      patchesPending: true,
      sort: { column: 'lastSeen', direction: 'desc' },
    })
    expect(DeviceFilter.safeParse(filter).success).toBe(true)
  })

  it('leaves the query out when the box holds only spaces', () => {
    expect(toDeviceFilter(view({ query: '   ' }))).not.toHaveProperty('query')
  })

  it('keeps false health filters, which mean "healthy", not "any"', () => {
    const filter = toDeviceFilter(view({ filters: { avUnhealthy: false, backupFailing: false } }))
    expect(filter).toMatchObject({ avUnhealthy: false, backupFailing: false })
  })

  it('lets a locked client win over the view’s own client', () => {
    const filter = toDeviceFilter(view({ filters: { clientId: 'other', siteId: 's1' } }), {
      clientId: 'mine',
    })
    expect(filter).toMatchObject({ clientId: 'mine', siteId: 's1' })
  })

  it('pages with the contract’s limit and offset', () => {
    const input = pageInput(toDeviceFilter(view()), 3, 200)
    expect(input).toMatchObject({ limit: 200, offset: 600 })
    expect(DeviceSearch.safeParse(input).success).toBe(true)
  })
})

describe('filters', () => {
  it('sets and clears one filter without touching the others', () => {
    const set = setFilter({ status: 'online' }, 'role', 'server')
    expect(set).toEqual({ status: 'online', role: 'server' })
    expect(setFilter(set, 'status', undefined)).toEqual({ role: 'server' })
  })

  it('drops the site when the client changes, keeps it when the client stays', () => {
    expect(setClientFilter({ clientId: 'a', siteId: 's' }, 'b')).toEqual({ clientId: 'b' })
    expect(setClientFilter({ clientId: 'a', siteId: 's' }, 'a')).toEqual({
      clientId: 'a',
      siteId: 's',
    })
    expect(setClientFilter({ clientId: 'a', siteId: 's' }, undefined)).toEqual({})
  })

  it('counts the filters the technician set, not the locked ones', () => {
    expect(activeFilterCount({ clientId: 'c', status: 'offline' }, { clientId: 'c' })).toBe(1)
    expect(activeFilterCount({ patchesPending: false })).toBe(1)
    expect(activeFilterCount({})).toBe(0)
  })

  it('maps select values to filter values and back', () => {
    expect(selectToBoolean('yes')).toBe(true)
    expect(selectToBoolean('no')).toBe(false)
    expect(selectToBoolean('')).toBeUndefined()
    expect(booleanToSelect(true)).toBe('yes')
    expect(booleanToSelect(false)).toBe('no')
    expect(booleanToSelect(undefined)).toBe('')
    expect(selectToDays('90')).toBe(90)
    expect(selectToDays('')).toBeUndefined()
    expect(selectToDays('-3')).toBeUndefined()
    expect(selectToEnum('server', roleOptions)).toBe('server')
    expect(selectToEnum('mainframe', roleOptions)).toBeUndefined()
  })

  it('flips the direction on the same column and starts a new one ascending', () => {
    expect(nextSort({ column: 'hostname', direction: 'asc' }, 'hostname')).toEqual({
      column: 'hostname',
      direction: 'desc',
    })
    expect(nextSort({ column: 'hostname', direction: 'desc' }, 'ramBytes')).toEqual({
      column: 'ramBytes',
      direction: 'asc',
    })
  })
})

describe('saved views', () => {
  const berlin = view({
    query: 'berlin ',
    filters: { status: 'offline', role: undefined },
    sort: { column: 'client', direction: 'asc' },
    columns: ['hostname', 'client'],
  })

  it('stores what the settings schema accepts', () => {
    const saved = toSavedView(berlin, 'v1', ' Berlin offline ')
    expect(saved).toEqual({
      id: 'v1',
      name: 'Berlin offline',
      query: 'berlin',
      filters: { status: 'offline' },
      sort: { column: 'client', direction: 'asc' },
      columns: ['hostname', 'client'],
    })
    expect(SavedDeviceViewSchema.safeParse(saved).success).toBe(true)
  })

  it('opens a saved view, dropping columns this build does not know', () => {
    const saved: SavedDeviceView = {
      ...toSavedView(berlin, 'v1', 'B'),
      columns: ['gone', 'client'],
    }
    const opened = fromSavedView(saved, ['hostname', 'client'], ['hostname'])
    expect(opened).toMatchObject({ columns: ['client'], savedViewId: 'v1', query: 'berlin' })
    const empty = fromSavedView({ ...saved, columns: ['gone'] }, ['hostname'], ['hostname'])
    expect(empty.columns).toEqual(['hostname'])
  })

  it('sees a change in filters, sort, columns or text, but not in filter order', () => {
    const saved = toSavedView(berlin, 'v1', 'B')
    expect(differsFromSaved(berlin, saved)).toBe(false)
    const reordered = view({ ...berlin, filters: { role: undefined, status: 'offline' } })
    expect(differsFromSaved(reordered, saved)).toBe(false)
    expect(differsFromSaved({ ...berlin, query: 'munich' }, saved)).toBe(true)
    expect(differsFromSaved({ ...berlin, filters: {} }, saved)).toBe(true)
    expect(differsFromSaved({ ...berlin, columns: ['hostname'] }, saved)).toBe(true)
    expect(
      differsFromSaved({ ...berlin, sort: { column: 'client', direction: 'desc' } }, saved),
    ).toBe(true)
  })

  it('replaces a view in place and keeps names unique', () => {
    const a = toSavedView(berlin, 'a', 'Alpha')
    const b = toSavedView(berlin, 'b', 'Beta')
    const c = toSavedView(berlin, 'c', 'Gamma')
    const renamed = { ...b, name: 'Beta 2' }
    expect(upsertSavedView([a, b, c], renamed).map((v) => v.name)).toEqual([
      'Alpha',
      'Beta 2',
      'Gamma',
    ])
    const sameName = toSavedView(berlin, 'd', 'alpha')
    expect(upsertSavedView([a, b], sameName).map((v) => v.id)).toEqual(['b', 'd'])
  })
})
