import { describe, expect, it } from 'vitest'
import {
  allMatchingSelection,
  emptySelection,
  headerState,
  isSelected,
  rangeIndices,
  resolveSelectedIds,
  selectedCount,
  selectRange,
  setRows,
  toggleRow,
  type FetchIds,
} from './selection'

const ids = ['a', 'b', 'c', 'd', 'e', 'f']
const idAt = (i: number) => ids[i]

describe('selection', () => {
  it('toggles single rows', () => {
    const one = toggleRow(emptySelection, 'b')
    expect(isSelected(one, 'b')).toBe(true)
    expect(isSelected(one, 'a')).toBe(false)
    expect(selectedCount(one, 6)).toBe(1)
    expect(isSelected(toggleRow(one, 'b'), 'b')).toBe(false)
  })

  it('selects every matching row without listing them, with exceptions', () => {
    const all = allMatchingSelection()
    expect(selectedCount(all, 100_000)).toBe(100_000)
    const but = toggleRow(all, 'c')
    expect(isSelected(but, 'c')).toBe(false)
    expect(isSelected(but, 'd')).toBe(true)
    expect(selectedCount(but, 100_000)).toBe(99_999)
    expect(isSelected(setRows(but, ['c'], true), 'c')).toBe(true)
  })

  it('ranges both ways, inclusive', () => {
    expect(rangeIndices(2, 5)).toEqual([2, 3, 4, 5])
    expect(rangeIndices(5, 2)).toEqual([2, 3, 4, 5])
    expect(rangeIndices(3, 3)).toEqual([3])
  })

  it('gives a shift-click range the state of the anchor row', () => {
    const anchored = toggleRow(emptySelection, 'b')
    const range = selectRange(anchored, 1, 4, idAt)
    expect(ids.filter((id) => isSelected(range, id))).toEqual(['b', 'c', 'd', 'e'])
    // Anchored on a row just deselected: the range is deselected.
    const cleared = selectRange(toggleRow(range, 'e'), 4, 2, idAt)
    expect(ids.filter((id) => isSelected(cleared, id))).toEqual(['b'])
  })

  it('skips rows whose page is not loaded', () => {
    const sparse = (i: number) => (i === 3 ? undefined : ids[i])
    const range = selectRange(toggleRow(emptySelection, 'a'), 0, 4, sparse)
    expect(ids.filter((id) => isSelected(range, id))).toEqual(['a', 'b', 'c', 'e'])
  })

  it('tells the header checkbox none, some or all', () => {
    expect(headerState(emptySelection, 6)).toBe(false)
    expect(headerState(toggleRow(emptySelection, 'a'), 6)).toBe('mixed')
    expect(headerState(allMatchingSelection(), 6)).toBe(true)
    expect(headerState(toggleRow(allMatchingSelection(), 'a'), 6)).toBe('mixed')
  })
})

describe('resolveSelectedIds', () => {
  const view = Array.from({ length: 2500 }, (_, i) => `d${i}`)
  const calls: number[] = []
  const fetchIds: FetchIds = async (offset, limit) => {
    calls.push(offset)
    return { total: view.length, ids: view.slice(offset, offset + limit) }
  }

  it('returns chosen ids as they are, capped', async () => {
    const chosen = setRows(emptySelection, ['x', 'y', 'z'], true)
    await expect(resolveSelectedIds(chosen, fetchIds, 10)).resolves.toEqual({
      ids: ['x', 'y', 'z'],
      truncated: false,
    })
    await expect(resolveSelectedIds(chosen, fetchIds, 2)).resolves.toEqual({
      ids: ['x', 'y'],
      truncated: true,
    })
  })

  it('reads the whole view page by page, leaving out the exceptions', async () => {
    calls.length = 0
    const all = toggleRow(toggleRow(allMatchingSelection(), 'd0'), 'd2499')
    const { ids: resolved, truncated } = await resolveSelectedIds(all, fetchIds, 10_000)
    expect(truncated).toBe(false)
    expect(resolved).toHaveLength(2498)
    expect(resolved[0]).toBe('d1')
    expect(resolved).not.toContain('d2499')
    expect(calls).toEqual([0, 1000, 2000])
  })

  it('stops at the cap and says so', async () => {
    calls.length = 0
    const { ids: resolved, truncated } = await resolveSelectedIds(
      allMatchingSelection(),
      fetchIds,
      1500,
    )
    expect(resolved).toHaveLength(1500)
    expect(truncated).toBe(true)
    expect(calls).toEqual([0, 1000])
  })
})
