import { beforeEach, describe, expect, it } from 'vitest'
import { toggleRow } from './selection'
import { openDevicesWith, useDeviceTables } from './view-store'

const scope = (name: string) => useDeviceTables.getState().scopes[name]

describe('device table state', () => {
  beforeEach(() => useDeviceTables.setState({ scopes: {} }))

  it('keeps each table’s view apart', () => {
    const { setView } = useDeviceTables.getState()
    setView('devices', (v) => ({ ...v, query: 'srv' }))
    setView('client:1', (v) => ({ ...v, filters: { status: 'offline' } }))
    expect(scope('devices')?.view.query).toBe('srv')
    expect(scope('client:1')?.view.filters).toEqual({ status: 'offline' })
    expect(scope('client:1')?.view.query).toBe('')
  })

  it('clears the selection and scroll when the rows change, not when columns do', () => {
    const { setView, setSelection, setScrollTop } = useDeviceTables.getState()
    setSelection('devices', toggleRow({ allMatching: false, ids: new Set() }, 'a'), 3)
    setScrollTop('devices', 900)
    setView('devices', (v) => ({ ...v, columns: ['hostname'] }))
    expect(scope('devices')?.selection.ids.has('a')).toBe(true)
    expect(scope('devices')?.scrollTop).toBe(900)
    setView('devices', (v) => ({ ...v, filters: { role: 'server' } }))
    expect(scope('devices')?.selection.ids.size).toBe(0)
    expect(scope('devices')?.anchor).toBeNull()
    expect(scope('devices')?.scrollTop).toBe(0)
  })

  it('opens the device page on a rollup’s filter, dropping the previous search', () => {
    const { setView } = useDeviceTables.getState()
    setView('devices', (v) => ({ ...v, query: 'old', savedViewId: 'v1', columns: ['hostname'] }))
    openDevicesWith({ filters: { clientId: 'c', status: 'offline' } })
    expect(scope('devices')?.view).toMatchObject({
      query: '',
      filters: { clientId: 'c', status: 'offline' },
      savedViewId: null,
      columns: ['hostname'],
    })
  })
})
