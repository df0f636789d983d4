import { describe, expect, it } from 'vitest'
import { moveFocus, pagesForRange, rowsOfPages } from './paging'

describe('pagesForRange', () => {
  it('asks for the first page before the total is known', () => {
    expect(pagesForRange(0, 40, 0)).toEqual([0])
  })

  it('covers the visible rows, and a neighbour page only when the view nears it', () => {
    expect(pagesForRange(0, 30, 100_000, 200, 60)).toEqual([0])
    expect(pagesForRange(100, 130, 100_000, 200, 60)).toEqual([0])
    expect(pagesForRange(150, 180, 100_000, 200, 60)).toEqual([0, 1])
    expect(pagesForRange(390, 420, 100_000, 200, 60)).toEqual([1, 2])
    expect(pagesForRange(250, 280, 100_000, 200, 60)).toEqual([0, 1])
    expect(pagesForRange(99_980, 99_999, 100_000, 200, 60)).toEqual([499])
  })

  it('keeps a stale range inside a view that shrank', () => {
    expect(pagesForRange(5000, 5030, 150, 200, 60)).toEqual([0])
  })
})

describe('rowsOfPages', () => {
  it('numbers rows by their place in the whole view and skips missing pages', () => {
    const rows = rowsOfPages(
      [
        { page: 2, rows: ['a', 'b'] },
        { page: 3, rows: undefined },
        { page: 4, rows: ['c'] },
      ],
      2,
    )
    expect(rows).toEqual([
      { index: 4, row: 'a' },
      { index: 5, row: 'b' },
      { index: 8, row: 'c' },
    ])
  })
})

describe('moveFocus', () => {
  it('moves with arrows, pages, Home and End, inside the view', () => {
    expect(moveFocus(-1, 'ArrowDown', 10, 5)).toBe(0)
    expect(moveFocus(3, 'ArrowDown', 10, 5)).toBe(4)
    expect(moveFocus(9, 'ArrowDown', 10, 5)).toBe(9)
    expect(moveFocus(0, 'ArrowUp', 10, 5)).toBe(0)
    expect(moveFocus(2, 'PageDown', 10, 5)).toBe(7)
    expect(moveFocus(8, 'PageDown', 10, 5)).toBe(9)
    expect(moveFocus(3, 'PageUp', 10, 5)).toBe(0)
    expect(moveFocus(4, 'Home', 10, 5)).toBe(0)
    expect(moveFocus(4, 'End', 10, 5)).toBe(9)
  })

  it('ignores other keys and empty views, and pulls a focus left past the end back in', () => {
    expect(moveFocus(3, 'x', 10, 5)).toBeNull()
    expect(moveFocus(0, 'ArrowDown', 0, 5)).toBeNull()
    expect(moveFocus(50, 'ArrowUp', 10, 5)).toBe(8)
  })
})
