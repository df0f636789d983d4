/**
 * The device table asks main for fixed pages of a view and only for the pages the visible
 * rows fall in, so a view of 100k rows costs what a screenful costs.
 */

/** Rows per `inventory.searchDevices` call. */
export const PAGE_SIZE = 200

/** Rows from a page edge at which the neighbouring page is fetched ahead. */
export const PREFETCH_ROWS = 60

/**
 * The pages holding rows `first`..`last` (inclusive), and a neighbour page where the rows in
 * view come within `margin` rows of it, so scrolling finds it loaded. A fresh search asks for
 * one page only, and shows it sooner.
 */
export function pagesForRange(
  first: number,
  last: number,
  total: number,
  pageSize = PAGE_SIZE,
  margin = PREFETCH_ROWS,
): number[] {
  if (total <= 0 || last < first) return [0]
  const lastRow = total - 1
  const from = Math.floor(Math.min(Math.max(first - margin, 0), lastRow) / pageSize)
  const to = Math.floor(Math.min(last + margin, lastRow) / pageSize)
  const pages: number[] = []
  for (let page = from; page <= to; page += 1) pages.push(page)
  return pages
}

/** One loaded row with its position in the whole view. */
export interface IndexedRow<T> {
  index: number
  row: T
}

/** The loaded rows of the given pages, each with its index in the view. */
export function rowsOfPages<T>(
  pages: readonly { page: number; rows: readonly T[] | undefined }[],
  pageSize = PAGE_SIZE,
): IndexedRow<T>[] {
  const out: IndexedRow<T>[] = []
  for (const { page, rows } of pages) {
    rows?.forEach((row, i) => out.push({ index: page * pageSize + i, row }))
  }
  return out
}

/** The row index a key moves the focus to, kept inside the view. */
export function moveFocus(
  current: number,
  key: string,
  total: number,
  pageRows: number,
): number | null {
  if (total === 0) return null
  const last = total - 1
  const from = Math.min(Math.max(current, 0), last)
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(last, from + 1)
    case 'ArrowUp':
      return current < 0 ? 0 : Math.max(0, from - 1)
    case 'PageDown':
      return Math.min(last, from + Math.max(1, pageRows))
    case 'PageUp':
      return Math.max(0, from - Math.max(1, pageRows))
    case 'Home':
      return 0
    case 'End':
      return last
    default:
      return null
  }
}
