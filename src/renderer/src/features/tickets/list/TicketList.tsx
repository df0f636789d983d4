import { useQueries } from '@tanstack/react-query'
import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp } from 'lucide-react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Link, useLocation } from 'wouter'
import type { TicketRow, TicketSortColumn } from '@shared/contract/tickets'
import { ticketKeys, useTicketList } from '../../../api/tickets'
import { useRpc } from '../../../api/rpc'
import { pagesForRange } from '../../inventory/devices/paging'
import { PendingMark, PriorityBadge, SlaBadge, StatusBadge } from '../badges'
import { useNow } from '../../../ui/use-now'
import { listInput, nextSort, type TicketView } from '../queues'
import { ago } from '../time'

/** Rows per `tickets.list` call; only the pages on screen (and their neighbours) are asked for. */
export const TICKET_PAGE = 100
const ROW_HEIGHT = 54
const HEAD_HEIGHT = 34

const columns: { id: string; label: string; short?: string; sort: TicketSortColumn | null }[] = [
  { id: 'number', label: 'Ticket', sort: 'number' },
  { id: 'subject', label: 'Subject', sort: 'subject' },
  { id: 'status', label: 'Status', sort: 'status' },
  { id: 'priority', label: 'Priority', short: 'Pri', sort: 'priority' },
  { id: 'sla', label: 'SLA', sort: 'due' },
  { id: 'assignee', label: 'Assignee', sort: 'assignee' },
  { id: 'updated', label: 'Updated', sort: 'updated' },
]

/**
 * The tickets of a view as a virtualised table: only the rows on screen exist in the DOM and
 * only their pages are fetched, so a queue of 200k tickets costs what a screenful costs.
 */
export function TicketList(props: {
  view: TicketView
  onSort(sort: TicketView['sort']): void
  onTotal(total: number | null): void
  empty: ReactNode
}) {
  const { view } = props
  const rpc = useRpc()
  const now = useNow(30_000)
  const [, navigate] = useLocation()
  const scrollRef = useRef<HTMLDivElement>(null)
  const first = useTicketList(listInput(view, 0, TICKET_PAGE))
  const total = first.data?.total ?? 0
  const viewKey = JSON.stringify(listInput(view, 0, TICKET_PAGE))
  const [visible, setVisible] = useState({ first: 0, last: 30 })

  const morePages = pagesForRange(visible.first, visible.last, total, TICKET_PAGE).filter(
    (page) => page > 0,
  )
  const more = useQueries({
    queries: morePages.map((page) => {
      const input = listInput(view, page * TICKET_PAGE, TICKET_PAGE)
      return { queryKey: ticketKeys.list(input), queryFn: () => rpc.tickets.list(input) }
    }),
  })
  const rowAt = (index: number): TicketRow | undefined => {
    const page = Math.floor(index / TICKET_PAGE)
    if (page === 0) return first.data?.rows[index]
    const at = morePages.indexOf(page)
    return at < 0 ? undefined : more[at]?.data?.rows[index - page * TICKET_PAGE]
  }

  const { onTotal } = props
  useEffect(() => {
    onTotal(first.data && !first.isPlaceholderData ? first.data.total : null)
  }, [onTotal, first.data, first.isPlaceholderData])

  // A new view starts at its top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [viewKey])

  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The sticky header sits inside the scroller, above the rows.
    scrollPaddingStart: HEAD_HEIGHT,
  })
  const items = virtualizer.getVirtualItems()
  const firstIndex = items[0]?.index ?? 0
  const lastIndex = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    setVisible((v) =>
      v.first === firstIndex && v.last === lastIndex ? v : { first: firstIndex, last: lastIndex },
    )
  }, [firstIndex, lastIndex])

  const header = (
    <div className="tk-row tk-row--head" role="row">
      {columns.map((column) => {
        const sorted = column.sort !== null && view.sort.column === column.sort
        return (
          <div
            key={column.id}
            role="columnheader"
            className={`tk-cell tk-cell--${column.id}`}
            aria-sort={
              sorted ? (view.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
            }
          >
            {column.sort ? (
              <button
                type="button"
                className="tk-head-button"
                onClick={() => column.sort && props.onSort(nextSort(view.sort, column.sort))}
              >
                {column.short ? (
                  <>
                    <span className="tk-head-long">{column.label}</span>
                    <span className="tk-head-short" aria-hidden>
                      {column.short}
                    </span>
                  </>
                ) : (
                  column.label
                )}
                {sorted ? (
                  view.sort.direction === 'asc' ? (
                    <ArrowUp aria-hidden size={12} />
                  ) : (
                    <ArrowDown aria-hidden size={12} />
                  )
                ) : null}
              </button>
            ) : (
              column.label
            )}
          </div>
        )
      })}
    </div>
  )

  if (first.isError) {
    return (
      <p className="tk-error" role="alert">
        Could not load tickets: {first.error.message}
      </p>
    )
  }

  return (
    <div
      className="tk-table"
      role="table"
      aria-label="Tickets"
      aria-rowcount={total + 1}
      aria-busy={first.isFetching}
      data-stale={first.isPlaceholderData ? 'true' : undefined}
    >
      <div ref={scrollRef} className="tk-table__scroll">
        {/* Inside the scroller, so a scrollbar narrows header and rows alike. */}
        <div role="rowgroup" className="tk-table__head">
          {header}
        </div>
        {first.data && total === 0 ? (
          <div className="tk-table__empty">{props.empty}</div>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index)
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={row?.pendingSync ? 'tk-row tk-row--pending' : 'tk-row'}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                  }}
                  onClick={(event) => {
                    // The number is a real link; a click elsewhere on the row does the same.
                    if (row && !(event.target as HTMLElement).closest('a')) {
                      navigate(`/${encodeURIComponent(row.id)}`)
                    }
                  }}
                >
                  {row ? <TicketCells row={row} now={now} /> : <LoadingCells />}
                </div>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}

function TicketCells({ row, now }: { row: TicketRow; now: number }) {
  return (
    <>
      <div role="cell" className="tk-cell tk-cell--number">
        <Link href={`/${encodeURIComponent(row.id)}`} className="tk-number">
          {row.number}
        </Link>
        {row.pendingSync ? <PendingMark compact /> : null}
      </div>
      <div role="cell" className="tk-cell tk-cell--subject">
        <span className="tk-subject" title={row.subject}>
          {row.subject}
        </span>
        <span className="tk-meta">
          {row.clientName}
          {row.siteName ? ` · ${row.siteName}` : ''}
          {row.contactName ? ` · ${row.contactName}` : ''}
          <span className="tk-meta__assignee"> · {row.assignee ?? 'Unassigned'}</span>
        </span>
      </div>
      <div role="cell" className="tk-cell tk-cell--status">
        <StatusBadge status={row.status} />
      </div>
      <div role="cell" className="tk-cell tk-cell--priority">
        <PriorityBadge priority={row.priority} />
      </div>
      <div role="cell" className="tk-cell tk-cell--sla">
        <SlaBadge sla={row.sla} />
      </div>
      <div role="cell" className="tk-cell tk-cell--assignee">
        {row.assignee ?? <span className="tk-muted">Unassigned</span>}
      </div>
      <div role="cell" className="tk-cell tk-cell--updated">
        <time
          dateTime={new Date(row.updatedAt).toISOString()}
          title={new Date(row.updatedAt).toLocaleString()}
        >
          {ago(row.updatedAt, now)}
        </time>
      </div>
    </>
  )
}

function LoadingCells() {
  return (
    <div role="cell" className="tk-cell tk-cell--loading">
      <span className="tk-skeleton" />
    </div>
  )
}
