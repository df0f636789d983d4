import { CalendarClock, Contact, Plus, SearchX } from 'lucide-react'
import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import {
  VENDOR_CATEGORIES,
  VENDOR_CATEGORY_LABELS,
  type VendorCategory,
} from '@shared/domain/vendors'
import { useVendors } from '../../api/vendors'
import { EmptyState } from '../../ui/EmptyState'
import { PageHeader } from '../../ui/PageHeader'
import { SearchField } from '../../ui/SearchField'
import { useDebounced } from '../../ui/use-debounced'
import { useNow } from '../../ui/use-now'
import { SupportBadge } from './SupportBadge'
import { VendorFormDialog } from './VendorDialogs'

/** Every vendor, searchable by what a technician has in hand, filtered by category. */
export function VendorListPage() {
  const [query, setQuery] = useState('')
  const [category, setCategory] = useState<VendorCategory | ''>('')
  const [adding, setAdding] = useState(false)
  const [, navigate] = useLocation()
  const debounced = useDebounced(query.trim(), 150)
  const input = {
    ...(debounced ? { query: debounced } : {}),
    ...(category ? { category } : {}),
  }
  const vendors = useVendors(input)
  const now = useNow(60_000)
  const list = vendors.data?.vendors ?? []
  const filtered = debounced !== '' || category !== ''

  return (
    <section className="page vendors-page" aria-label="Vendors">
      <PageHeader
        title="Vendors"
        description="ISPs, hardware and software vendors of each client, with accounts, support hours and escalation paths."
        actions={
          <>
            <Link href="/renewals" className="vault-button">
              <CalendarClock aria-hidden size={15} />
              Renewals
            </Link>
            <button
              type="button"
              className="vault-button vault-button--primary"
              onClick={() => setAdding(true)}
            >
              <Plus aria-hidden size={15} />
              Add vendor
            </button>
          </>
        }
      />
      <div className="vendors-toolbar">
        <SearchField
          className="vendors-search"
          label="Search vendors"
          placeholder="Vendor, contact, account, contract or circuit number…"
          value={query}
          onChange={setQuery}
        />
        <label className="vendors-category">
          <span className="vendors-category__label">Category</span>
          <select
            value={category}
            onChange={(event) => setCategory(event.target.value as VendorCategory | '')}
          >
            <option value="">All categories</option>
            {VENDOR_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {VENDOR_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <p className="vendors-count" role="status">
          {vendors.isPending
            ? 'Loading vendors…'
            : `${list.length} ${list.length === 1 ? 'vendor' : 'vendors'}`}
        </p>
      </div>
      {vendors.isPending ? null : list.length === 0 ? (
        <EmptyState
          icon={filtered ? SearchX : Contact}
          title={filtered ? 'No vendors match' : 'No vendors yet'}
        >
          <p>
            {filtered
              ? 'Nothing matches that search and category.'
              : 'Open the sample workspace from Devices to see how vendors, contacts and accounts fit together.'}
          </p>
        </EmptyState>
      ) : (
        <div className="vendor-table__scroll">
          <table className="vendor-table" aria-label="Vendors">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Category</th>
                <th scope="col">Support now</th>
                <th scope="col">Support line</th>
                <th scope="col" className="vendor-table__num">
                  Clients
                </th>
                <th scope="col" className="vendor-table__num">
                  Contacts
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((vendor) => {
                const first = vendor.phones[0]
                return (
                  <tr key={vendor.id}>
                    <th scope="row" className="vendor-table__name">
                      <Link
                        href={`/${encodeURIComponent(vendor.id)}`}
                        className="vendor-table__link"
                      >
                        {vendor.name}
                      </Link>
                    </th>
                    <td>
                      <span className="vendor-chip">{VENDOR_CATEGORY_LABELS[vendor.category]}</span>
                    </td>
                    <td>{vendor.hours ? <SupportBadge hours={vendor.hours} now={now} /> : '—'}</td>
                    <td className="vendor-table__phone">
                      {first ? `${first.label}: ${first.number}` : (vendor.supportEmail ?? '—')}
                    </td>
                    <td className="vendor-table__num">{vendor.clients}</td>
                    <td className="vendor-table__num">{vendor.contacts}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {adding ? (
        <VendorFormDialog
          vendor={null}
          onClose={() => setAdding(false)}
          onSaved={(id) => navigate(`/${encodeURIComponent(id)}`)}
        />
      ) : null}
    </section>
  )
}
