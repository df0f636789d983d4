import { Route, Switch } from 'wouter'
import { TicketPage } from './ticket-page/TicketPage'
import { TicketsPage } from './list/TicketsPage'
import './tickets.css'

/** /tickets (the queues) and /tickets/:id (one ticket); wouter nests these under the section. */
export function TicketsSection() {
  return (
    <Switch>
      <Route path="/">
        <TicketsPage />
      </Route>
      <Route path="/:id">{(params) => <TicketPage key={params.id} ticketId={params.id} />}</Route>
    </Switch>
  )
}
