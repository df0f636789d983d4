import { Plus, SearchX, Ticket } from 'lucide-react'
import { useCallback, useMemo, useState } from 'react'
import { useQueueCounts } from '../../../api/tickets'
import { EmptyState } from '../../../ui/EmptyState'
import { PageHeader } from '../../../ui/PageHeader'
import { useDebounced } from '../../../ui/use-debounced'
import { activeFilterCount, queueTitle, viewForQueue, type TicketView } from '../queues'
import { useTicketUi } from '../ticket-ui-store'
import { QueueSidebar } from './QueueSidebar'
import { TicketFilters } from './TicketFilters'
import { TicketList } from './TicketList'

const SEARCH_DEBOUNCE_MS = 150

function countText(total: number | null): string {
  if (total === null) return 'Searching…'
  return `${total.toLocaleString()} ${total === 1 ? 'ticket' : 'tickets'}`
}

/** The queues: a sidebar of named lists, and the chosen list with search, filters and sort. */
export function TicketsPage() {
  const view = useTicketUi((s) => s.view)
  const setView = useTicketUi((s) => s.setView)
  const resetFilters = useTicketUi((s) => s.resetFilters)
  const openNewTicket = useTicketUi((s) => s.openNewTicket)
  const counts = useQueueCounts()
  const [total, setTotal] = useState<number | null>(null)
  const onTotal = useCallback((next: number | null) => setTotal(next), [])
  const onSort = useCallback((sort: TicketView['sort']) => setView({ sort }), [setView])
  const nothingYet = counts.data?.all === 0
  // Search as you type: one query per pause in typing, not one per key.
  const query = useDebounced(view.query, SEARCH_DEBOUNCE_MS)
  const listView = useMemo(() => ({ ...view, query }), [view, query])

  return (
    <section className="page tk-page" aria-label="Tickets">
      <PageHeader
        title="Tickets"
        description="Your queues, read and worked offline; changes sync when you reconnect."
        actions={
          <button
            type="button"
            className="vault-button vault-button--primary"
            onClick={() =>
              openNewTicket(
                view.queue === 'client' && view.queueClientId
                  ? { clientId: view.queueClientId }
                  : {},
              )
            }
          >
            <Plus aria-hidden size={15} />
            New ticket
          </button>
        }
      />
      {nothingYet ? (
        <EmptyState
          icon={Ticket}
          title="No tickets yet"
          action={
            <button
              type="button"
              className="vault-button vault-button--primary"
              onClick={() => openNewTicket()}
            >
              <Plus aria-hidden size={15} />
              New ticket
            </button>
          }
        >
          <p>
            Tickets you create are kept on this machine and work without a network. Create one here,
            from a device&apos;s page, or with Ctrl K → New ticket.
          </p>
        </EmptyState>
      ) : (
        <div className="tk-layout">
          <QueueSidebar
            view={view}
            counts={counts.data}
            onQueue={(queue, clientId) => setView(viewForQueue(view, queue, clientId))}
          />
          <div className="tk-main">
            <div className="tk-main__head">
              <h2 className="tk-main__title">{queueTitle(view, counts.data)}</h2>
              <span className="tk-main__count" role="status" aria-live="polite">
                {countText(total)}
              </span>
            </div>
            <TicketFilters view={view} onChange={setView} onReset={resetFilters} />
            <TicketList
              view={listView}
              onSort={onSort}
              onTotal={onTotal}
              empty={
                <EmptyState icon={SearchX} title="No tickets here">
                  <p>
                    {view.query || activeFilterCount(view) > 0
                      ? 'Nothing in this queue matches the search and filters.'
                      : 'This queue is empty.'}
                  </p>
                  {view.query || activeFilterCount(view) > 0 ? (
                    <button
                      type="button"
                      className="vault-button"
                      onClick={() => {
                        resetFilters()
                        setView({ query: '' })
                      }}
                    >
                      Clear search and filters
                    </button>
                  ) : null}
                </EmptyState>
              }
            />
          </div>
        </div>
      )}
    </section>
  )
}
