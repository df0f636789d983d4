import { describe, expect, it } from 'vitest'
import { draftMinutes, emptyDraft } from './time-entry-draft'
import { toLocalInput } from './time'

describe('draftMinutes', () => {
  it('reads a typed duration', () => {
    expect(draftMinutes({ ...emptyDraft, duration: '1h 30m' })).toEqual({ ok: true, minutes: 90 })
    expect(draftMinutes({ ...emptyDraft, duration: 'soon' }).ok).toBe(false)
  })

  it('takes minutes and both instants from a start and an end', () => {
    const start = new Date(2025, 2, 3, 9, 0).getTime()
    const end = new Date(2025, 2, 3, 9, 25).getTime()
    expect(
      draftMinutes({
        ...emptyDraft,
        mode: 'span',
        start: toLocalInput(start),
        end: toLocalInput(end),
      }),
    ).toEqual({ ok: true, minutes: 25, startedAt: start, endedAt: end })
  })

  it('refuses a span that is missing an end or runs backwards', () => {
    const at = toLocalInput(new Date(2025, 2, 3, 9, 0).getTime())
    expect(draftMinutes({ ...emptyDraft, mode: 'span', start: at, end: '' })).toEqual({
      ok: false,
      error: 'Give a start and an end',
    })
    expect(draftMinutes({ ...emptyDraft, mode: 'span', start: at, end: at })).toEqual({
      ok: false,
      error: 'The end must be after the start',
    })
  })
})
