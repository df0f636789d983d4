import { describe, expect, it } from 'vitest'
import { inventory } from '@shared/contract'
import { checkDraft, draftFor, suggestShortCode } from './client-draft'

const valid = { ...draftFor(null), name: 'Acme Dental', shortCode: 'AD' }

describe('client form', () => {
  it('starts a new client with the contract’s defaults', () => {
    expect(draftFor(null)).toMatchObject({
      contractTier: 'Standard',
      onlineMinutes: '15',
      staleMinutes: '1440',
    })
  })

  it('suggests a short code from the name', () => {
    expect(suggestShortCode('Acme Dental Care')).toBe('ADC')
    expect(suggestShortCode('Contoso')).toBe('CONTOSO')
    expect(suggestShortCode('Müller & Söhne')).toBe('MS')
    expect(suggestShortCode('  ')).toBe('')
  })

  it('makes an input the contract accepts', () => {
    const checked = checkDraft({ ...valid, notes: 'Keys at reception' })
    expect(checked).toHaveProperty('input')
    if ('input' in checked) {
      expect(checked.input).toMatchObject({ onlineMinutes: 15, staleMinutes: 1440 })
      expect(inventory.createClient.input.safeParse(checked.input).success).toBe(true)
    }
  })

  it('names the field that is wrong', () => {
    expect(checkDraft({ ...valid, name: ' ' })).toMatchObject({ field: 'name' })
    expect(checkDraft({ ...valid, shortCode: 'A B' })).toMatchObject({ field: 'shortCode' })
    expect(checkDraft({ ...valid, onlineMinutes: '1.5' })).toMatchObject({ field: 'onlineMinutes' })
    expect(checkDraft({ ...valid, onlineMinutes: '600000' })).toMatchObject({
      field: 'onlineMinutes',
    })
    expect(checkDraft({ ...valid, onlineMinutes: '60', staleMinutes: '30' })).toMatchObject({
      field: 'staleMinutes',
    })
  })
})
