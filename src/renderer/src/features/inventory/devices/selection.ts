/**
 * Row selection over a view that is never loaded whole. Either a set of chosen ids, or "every
 * row matching the view" minus a set of exceptions, so selecting 100k rows stores nothing per
 * row.
 */
export interface Selection {
  /** true: every matching row except `ids`; false: exactly `ids`. */
  readonly allMatching: boolean
  readonly ids: ReadonlySet<string>
}

export const emptySelection: Selection = { allMatching: false, ids: new Set() }

export function allMatchingSelection(): Selection {
  return { allMatching: true, ids: new Set() }
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.allMatching !== selection.ids.has(id)
}

/** How many rows are selected, out of `total` matching ones. */
export function selectedCount(selection: Selection, total: number): number {
  return selection.allMatching ? Math.max(0, total - selection.ids.size) : selection.ids.size
}

export function toggleRow(selection: Selection, id: string): Selection {
  return setRows(selection, [id], !isSelected(selection, id))
}

/** Selects (`on`) or deselects the given rows. */
export function setRows(selection: Selection, ids: readonly string[], on: boolean): Selection {
  const next = new Set(selection.ids)
  // In all-matching mode `ids` are exceptions, so selecting removes from the set.
  const add = on !== selection.allMatching
  for (const id of ids) {
    if (add) next.add(id)
    else next.delete(id)
  }
  return { allMatching: selection.allMatching, ids: next }
}

/** The row indices from the anchor to the target, both included, in either direction. */
export function rangeIndices(anchor: number, target: number): number[] {
  const from = Math.min(anchor, target)
  const to = Math.max(anchor, target)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/**
 * A shift-click: the range from the anchor row takes the state the anchor row has, as in
 * file managers. Rows not known (`idAt` gives undefined) are left as they are.
 */
export function selectRange(
  selection: Selection,
  anchor: number,
  target: number,
  idAt: (index: number) => string | undefined,
): Selection {
  const anchorId = idAt(anchor)
  const on = anchorId === undefined ? true : isSelected(selection, anchorId)
  const ids = rangeIndices(anchor, target)
    .map(idAt)
    .filter((id): id is string => id !== undefined)
  return setRows(selection, ids, on)
}

/** The header checkbox: all, none, or some ("mixed"). */
export function headerState(selection: Selection, total: number): boolean | 'mixed' {
  const count = selectedCount(selection, total)
  if (count === 0) return false
  return count >= total ? true : 'mixed'
}

/** A page of ids of the view, for resolving an all-matching selection. */
export type FetchIds = (offset: number, limit: number) => Promise<{ total: number; ids: string[] }>

/**
 * The ids a selection stands for, at most `cap` of them: the chosen ones as they are, or for
 * "all matching" the view read page by page with the exceptions left out.
 */
export async function resolveSelectedIds(
  selection: Selection,
  fetchIds: FetchIds,
  cap: number,
  pageSize = 1000,
): Promise<{ ids: string[]; truncated: boolean }> {
  if (!selection.allMatching) {
    const ids = [...selection.ids]
    return { ids: ids.slice(0, cap), truncated: ids.length > cap }
  }
  const ids: string[] = []
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchIds(offset, pageSize)
    for (const id of page.ids) {
      if (selection.ids.has(id)) continue
      if (ids.length === cap) return { ids, truncated: true }
      ids.push(id)
    }
    if (page.ids.length < pageSize || offset + pageSize >= page.total) {
      return { ids, truncated: false }
    }
  }
}
