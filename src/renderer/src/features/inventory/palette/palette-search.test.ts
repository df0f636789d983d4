import { describe, expect, it } from 'vitest'
import { paletteDeviceMeta, paletteDeviceQuery } from './palette-search'

describe('paletteDeviceQuery', () => {
  it('waits for two characters and tidies spaces', () => {
    expect(paletteDeviceQuery('')).toBeNull()
    expect(paletteDeviceQuery(' d ')).toBeNull()
    expect(paletteDeviceQuery('db')).toBe('db')
    expect(paletteDeviceQuery('  10.2.3   web ')).toBe('10.2.3 web')
  })

  it('stays within the contract’s 200 characters', () => {
    expect(paletteDeviceQuery('x'.repeat(300))?.length).toBe(200)
  })
})

describe('paletteDeviceMeta', () => {
  it('names the client and the address, skipping what is unknown', () => {
    expect(paletteDeviceMeta({ clientName: 'Acme', ip: '10.0.0.5', osName: 'Ubuntu 22.04' })).toBe(
      'Acme · 10.0.0.5 · Ubuntu 22.04',
    )
    expect(paletteDeviceMeta({ clientName: 'Acme', ip: null, osName: null })).toBe('Acme')
  })
})
