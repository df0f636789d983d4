import { Route, Switch } from 'wouter'
import { VendorListPage } from './VendorListPage'
import { VendorPage } from './VendorPage'
import './vendors.css'

/** /vendors and /vendors/:id. */
export function VendorsSection() {
  return (
    <Switch>
      <Route path="/">
        <VendorListPage />
      </Route>
      <Route path="/:id">{(params) => <VendorPage key={params.id} vendorId={params.id} />}</Route>
    </Switch>
  )
}
