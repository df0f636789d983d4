import { describe, expect, it } from 'vitest'
import { matchVendor } from './vendor-palette-entries'

describe('a vendor in the palette', () => {
  it('is the best match when its whole name is typed, and says what matched otherwise', () => {
    expect(matchVendor('fortinet', { name: 'Fortinet' })).toMatchObject({ exact: true })
    expect(matchVendor('forti', { name: 'Fortinet' })).toMatchObject({ exact: false, score: 2 })
    expect(matchVendor('net', { name: 'Fortinet' })).toMatchObject({ score: 1, field: null })
    expect(matchVendor('KXGS', { name: 'Lumen Business' })).toMatchObject({
      score: 0,
      field: 'a contact, account, contract or circuit number',
    })
  })
})
