import { Route, Switch } from 'wouter'
import { ClientListPage } from './clients/ClientListPage'
import { ClientPage } from './clients/ClientPage'
import { DeviceDetailPage } from './device-detail/DeviceDetailPage'
import { DevicesPage } from './devices/DevicesPage'
import './inventory.css'

/** /clients and /clients/:id (wouter nests these under the section's path). */
export function ClientsSection() {
  return (
    <Switch>
      <Route path="/">
        <ClientListPage />
      </Route>
      <Route path="/:id">{(params) => <ClientPage key={params.id} clientId={params.id} />}</Route>
    </Switch>
  )
}

/** /devices and /devices/:id, the latter the device's own page. */
export function DevicesSection() {
  return (
    <Switch>
      <Route path="/">
        <DevicesPage />
      </Route>
      <Route path="/:id">
        {(params) => <DeviceDetailPage key={params.id} deviceId={params.id} />}
      </Route>
    </Switch>
  )
}
