import { Route, Switch } from 'wouter'
import { RenewalsPage } from './RenewalsPage'
import { VendorListPage } from './VendorListPage'
import { VendorPage } from './VendorPage'
import './vendors.css'

/** /vendors, /vendors/renewals and /vendors/:id. */
export function VendorsSection() {
  return (
    <Switch>
      <Route path="/">
        <VendorListPage />
      </Route>
      <Route path="/renewals">
        <RenewalsPage />
      </Route>
      <Route path="/:id">{(params) => <VendorPage key={params.id} vendorId={params.id} />}</Route>
    </Switch>
  )
}
