import { describe, expect, it } from 'vitest'
import { CsvField, CsvTarget } from '@shared/contract'
import {
  bytesToBase64,
  CUSTOM,
  fieldChoices,
  importSummary,
  mapsClient,
  rejectedFileName,
  remap,
  selectToTarget,
  SKIP,
  targetLabel,
  targetToSelect,
} from './csv-mapping'

describe('CSV mapping choices', () => {
  it('offers every device field, each with a label', () => {
    expect(fieldChoices.map((c) => c.value)).toEqual(CsvField.options)
    for (const choice of fieldChoices) expect(choice.label).not.toBe('')
  })

  it('maps select values to targets the contract accepts, and back', () => {
    expect(selectToTarget('serial', 'S/N')).toBe('serial')
    expect(selectToTarget(SKIP, 'Notes')).toBeNull()
    const custom = selectToTarget(CUSTOM, ' Rack position ')
    expect(custom).toBe('custom:Rack position')
    expect(CsvTarget.safeParse(custom).success).toBe(true)
    expect(selectToTarget(CUSTOM, '')).toBe('custom:Column')
    expect(selectToTarget('bogus', 'x')).toBeNull()
    expect(targetToSelect('custom:Rack')).toBe(CUSTOM)
    expect(targetToSelect(null)).toBe(SKIP)
    expect(targetToSelect('ip')).toBe('ip')
    expect(targetLabel('custom:Rack')).toBe('Custom field “Rack”')
    expect(targetLabel(null)).toBe('Do not import')
  })

  it('moves a field to the column chosen last, so no field is mapped twice', () => {
    expect(remap(['hostname', 'ip', null], 2, 'hostname')).toEqual([null, 'ip', 'hostname'])
    expect(remap(['hostname', 'ip'], 1, null)).toEqual(['hostname', null])
    expect(mapsClient(['hostname', 'client'])).toBe(true)
    expect(mapsClient(['hostname'])).toBe(false)
  })
})

describe('file payload', () => {
  it('encodes bytes as base64 exactly, also past one chunk and for bytes that are not UTF-8', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256)
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
    expect(bytesToBase64(new Uint8Array([0xff, 0xfe, 0x41]))).toBe('//5B')
    expect(bytesToBase64(new Uint8Array())).toBe('')
  })
})

describe('import result', () => {
  it('sums the result up in words', () => {
    expect(importSummary({ imported: 1, sitesCreated: 0, rejected: [] })).toBe('1 device imported')
    expect(importSummary({ imported: 12_000, sitesCreated: 2, rejected: [{}, {}] })).toBe(
      '12,000 devices imported, 2 rows rejected, 2 sites created',
    )
  })

  it('names the rejected rows’ download after the file', () => {
    expect(rejectedFileName('ninja-export.csv')).toBe('ninja-export-rejected.csv')
    expect(rejectedFileName('devices.TSV')).toBe('devices-rejected.csv')
    expect(rejectedFileName('.csv')).toBe('import-rejected.csv')
  })
})
