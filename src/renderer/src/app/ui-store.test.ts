import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NOTICE_VISIBLE_MS, useShell } from './ui-store'

const texts = (): string[] => useShell.getState().notices.map((n) => n.text)

/** The id of the newest notice. */
function newestId(): number {
  const newest = useShell.getState().notices.at(-1)
  if (!newest) throw new Error('no notice')
  return newest.id
}

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    for (const n of useShell.getState().notices) useShell.getState().dismiss(n.id)
  })
  afterEach(() => vi.useRealTimers())

  it('lets a plain confirmation go by itself, and keeps errors and notices with an action', () => {
    const { notify } = useShell.getState()
    notify('info', 'Exported 91 devices')
    notify('error', 'Could not reconnect')
    notify('info', 'The session ended: review its time entry', { label: 'Review', run() {} })
    vi.advanceTimersByTime(NOTICE_VISIBLE_MS - 1)
    expect(texts()).toHaveLength(3)
    vi.advanceTimersByTime(1)
    expect(texts()).toEqual(['Could not reconnect', 'The session ended: review its time entry'])
    vi.advanceTimersByTime(10 * NOTICE_VISIBLE_MS)
    expect(texts()).toHaveLength(2)
  })

  it('stays while held, and goes a full interval after it is let go', () => {
    const { notify, hold, release } = useShell.getState()
    notify('info', 'Deleted ACA-FS01')
    const id = newestId()
    vi.advanceTimersByTime(NOTICE_VISIBLE_MS - 100)
    hold(id)
    vi.advanceTimersByTime(3 * NOTICE_VISIBLE_MS)
    expect(texts()).toEqual(['Deleted ACA-FS01'])
    release(id)
    vi.advanceTimersByTime(NOTICE_VISIBLE_MS - 1)
    expect(texts()).toEqual(['Deleted ACA-FS01'])
    vi.advanceTimersByTime(1)
    expect(texts()).toEqual([])
  })

  it('keeps the four newest, and a dismissed one leaves no timer behind', () => {
    const { notify, dismiss } = useShell.getState()
    for (const n of [1, 2, 3, 4, 5]) notify('error', `error ${n}`)
    expect(texts()).toEqual(['error 2', 'error 3', 'error 4', 'error 5'])
    notify('info', 'Exported 3 devices')
    const id = newestId()
    dismiss(id)
    notify('info', 'Exported 4 devices')
    expect(vi.getTimerCount()).toBe(1)
  })
})
