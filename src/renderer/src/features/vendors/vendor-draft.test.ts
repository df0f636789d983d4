import { describe, expect, it } from 'vitest'
import {
  checkAccountDraft,
  checkContactDraft,
  checkVendorDraft,
  accountDraftFor,
  contactDraftFor,
  draftFor,
  parseEscalation,
  parseSupportLines,
} from './vendor-draft'

describe('vendor form text', () => {
  it('reads support lines and escalation tiers the way a PSA note writes them', () => {
    expect(parseSupportLines('Repair (24×7): +1 800 555 0101\n\n+1 800 555 0102')).toEqual([
      { label: 'Repair (24×7)', number: '+1 800 555 0101', hours: null },
      { label: 'Support', number: '+1 800 555 0102', hours: null },
    ])
    expect(
      parseEscalation('Repair desk: +1 800 555 0101 — first call\nAccount team — after 4 h'),
    ).toEqual([
      { tier: 1, name: 'Repair desk', phone: '+1 800 555 0101', email: null, when: 'first call' },
      { tier: 2, name: 'Account team', phone: null, email: null, when: 'after 4 h' },
    ])
  })

  it('round-trips a vendor through the form unchanged', () => {
    const draft = {
      ...draftFor(null),
      name: 'Lumen',
      category: 'isp' as const,
      portalUrl: 'https://portal.lumen.example',
      hoursMode: 'weekdays' as const,
      opens: '07:00',
      closes: '19:00',
      timeZone: 'America/Denver',
      phones: 'Repair: +1 800 555 0101',
      escalation: 'Duty manager: +1 800 555 0103 — no engineer after 2 h',
      manufacturers: 'Dell Inc., DELL',
    }
    const checked = checkVendorDraft(draft)
    if (!('input' in checked)) throw new Error(checked.problem)
    expect(checked.input.hours?.weekly.fri).toEqual([{ open: '07:00', close: '19:00' }])
    expect(checked.input.manufacturers).toEqual(['Dell Inc.', 'DELL'])
    expect(draftFor(checked.input)).toEqual(draft)
  })

  it('points at the field that is wrong, with the line', () => {
    const base = { ...draftFor(null), name: 'X' }
    expect(checkVendorDraft({ ...base, name: ' ' })).toMatchObject({ field: 'name' })
    expect(checkVendorDraft({ ...base, portalUrl: 'javascript:alert(1)' })).toMatchObject({
      field: 'portalUrl',
    })
    expect(checkVendorDraft({ ...base, phones: 'Support: +1 800\nSales: call us' })).toMatchObject({
      field: 'phones',
      problem: expect.stringContaining('(line 2)'),
    })
    const zone = checkVendorDraft({ ...base, hoursMode: 'weekdays', timeZone: 'Mars/Olympus' })
    expect(zone).toMatchObject({ field: 'timeZone' })
    expect('problem' in zone && zone.problem).not.toContain('line')
  })

  it('checks contacts and accounts', () => {
    expect(
      checkContactDraft({ ...contactDraftFor(null), name: 'Dana', email: 'nope' }),
    ).toMatchObject({ field: 'email' })
    const account = { ...accountDraftFor(null), clientId: 'c1', accountNumber: 'A-1' }
    expect(checkAccountDraft({ ...account, clientId: '' })).toMatchObject({ field: 'clientId' })
    expect(checkAccountDraft({ ...account, licenceCount: 'ten' })).toMatchObject({
      field: 'licenceCount',
    })
    expect(
      checkAccountDraft({ ...account, circuitIds: 'CID 1, CID 2', licenceCount: '25' }),
    ).toEqual({
      input: {
        clientId: 'c1',
        fields: expect.objectContaining({ circuitIds: ['CID 1', 'CID 2'], licenceCount: 25 }),
      },
    })
  })
})
