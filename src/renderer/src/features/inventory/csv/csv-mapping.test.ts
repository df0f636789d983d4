import { describe, expect, it } from 'vitest'
import { CsvField, CsvTarget } from '@shared/contract'
import {
  actionSummary,
  bytesToBase64,
  changeText,
  chosenClients,
  CUSTOM,
  fieldChoices,
  importSummary,
  mapsClient,
  previewCutNote,
  rejectedFileName,
  rejectedNote,
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
    expect(importSummary({ imported: 1, sitesCreated: 0, rejectedCount: 0 })).toBe(
      '1 device imported',
    )
    expect(importSummary({ imported: 12_000, sitesCreated: 2, rejectedCount: 2 })).toBe(
      '12,000 devices imported, 2 rows rejected, 2 sites created',
    )
    // Main keeps only the first rejected rows; the summary counts every one.
    expect(importSummary({ imported: 5, sitesCreated: 0, rejectedCount: 4321 })).toBe(
      '5 devices imported, 4,321 rows rejected',
    )
    expect(importSummary({ imported: 0, updated: 7, sitesCreated: 0, rejectedCount: 1 })).toBe(
      '0 devices imported, 7 devices updated, 1 row rejected',
    )
    expect(
      importSummary({ imported: 2, clientsCreated: 1, sitesCreated: 1, rejectedCount: 0 }),
    ).toBe('2 devices imported, 1 client created, 1 site created')
  })

  it('creates the ticked clients, with the short code typed or else the proposed one', () => {
    const offers = [
      { name: 'Northwind', shortCode: 'NO' },
      { name: 'Contoso', shortCode: 'CO' },
      { name: 'Fabrikam', shortCode: 'FA' },
    ]
    expect(
      chosenClients(offers, {
        Northwind: { create: true, shortCode: ' NWT ' },
        Contoso: { create: false, shortCode: 'X' },
        Fabrikam: { create: true, shortCode: '' },
      }),
    ).toEqual([
      { name: 'Northwind', shortCode: 'NWT' },
      { name: 'Fabrikam', shortCode: 'FA' },
    ])
  })

  it('says what an update-mode row changes, and what the preview rows would do', () => {
    expect(changeText({ field: 'ramBytes', before: '', after: '16 GB' })).toBe(
      'RAM: (empty) → 16 GB',
    )
    expect(changeText({ field: 'hostname', before: 'pc-1', after: 'PC-01' })).toBe(
      'Hostname: pc-1 → PC-01',
    )
    expect(actionSummary([{ action: 'create' }, { action: 'update' }, { action: 'update' }])).toBe(
      'Of the first 3 rows: 1 create, 2 update, 0 rejected',
    )
  })

  it('says what the rejected-rows list and download leave out', () => {
    const rows = (n: number) => Array.from({ length: n }, () => ({}))
    expect(rejectedNote({ rejected: rows(3), rejectedCount: 3 }, 200)).toBeNull()
    expect(rejectedNote({ rejected: rows(500), rejectedCount: 500 }, 200)).toBe(
      'The first 200 of 500 rejected rows are listed; the download has them all.',
    )
    expect(rejectedNote({ rejected: rows(1000), rejectedCount: 4321 }, 200)).toBe(
      'The first 200 of 4,321 rejected rows are listed, and the download has the first 1,000; the other 3,321 were only counted and are not in it.',
    )
    expect(rejectedNote({ rejected: rows(100), rejectedCount: 150 }, 200)).toBe(
      'The first 100 of 150 rejected rows are listed, and the download has the first 100; the other 50 were only counted and are not in it.',
    )
  })

  it('names the rejected rows’ download after the file', () => {
    expect(rejectedFileName('ninja-export.csv')).toBe('ninja-export-rejected.csv')
    expect(rejectedFileName('devices.TSV')).toBe('devices-rejected.csv')
    expect(rejectedFileName('.csv')).toBe('import-rejected.csv')
  })
})

describe('preview', () => {
  it('says when main shortened the preview, and that the import reads the whole file', () => {
    const rows = (n: number) => Array.from({ length: n }, () => ({}))
    expect(previewCutNote({ rows: rows(20), truncated: false })).toBeNull()
    expect(previewCutNote({ rows: rows(3), truncated: true })).toBe(
      'Showing the first 3 rows; long cells are shortened in this preview (they end in “…”). The import uses the whole file.',
    )
    expect(previewCutNote({ rows: rows(1), truncated: true })).toMatch(/^Showing the first 1 row;/)
  })
})
