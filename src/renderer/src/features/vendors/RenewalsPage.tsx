import { ArrowLeft, CalendarCheck } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'wouter'
import { RENEWAL_WINDOWS } from '@shared/contract'
import { useClients } from '../../api/inventory'
import { useRenewals } from '../../api/vendors'
import { EmptyState } from '../../ui/EmptyState'
import { PageHeader } from '../../ui/PageHeader'
import { useNow } from '../../ui/use-now'
import { CopyButton } from './CopyButton'

const DAY_MS = 86_400_000

type Window = (typeof RENEWAL_WINDOWS)[number]

/** Contracts and warranties ending in the next 30, 60 or 90 days, overall or for one client. */
export function RenewalsPage() {
  const [withinDays, setWithinDays] = useState<Window>(30)
  const [clientId, setClientId] = useState('')
  const renewals = useRenewals(withinDays, clientId || null)
  const clients = useClients()
  const now = useNow(60 * 60_000)
  const list = renewals.data?.renewals ?? []
  const contracts = list.filter((r) => r.kind === 'contract').length
  return (
    <section className="page vendors-page" aria-label="Renewals">
      <Link href="/" className="back-link">
        <ArrowLeft aria-hidden size={14} /> Vendors
      </Link>
      <PageHeader
        title="Renewals"
        description="Vendor contracts and device warranties that end soon, soonest first: renew them, or plan the replacement, before the client finds out."
      />
      <div className="vendors-toolbar">
        <div role="group" aria-label="Ending within" className="renewal-windows">
          {RENEWAL_WINDOWS.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={withinDays === days}
              className={
                withinDays === days ? 'renewal-window renewal-window--on' : 'renewal-window'
              }
              onClick={() => setWithinDays(days)}
            >
              {days} days
            </button>
          ))}
        </div>
        <label className="vendors-category">
          <span className="vendors-category__label">Client</span>
          <select value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">All clients</option>
            {(clients.data?.clients ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.shortCode})
              </option>
            ))}
          </select>
        </label>
        <p className="vendors-count" role="status">
          {renewals.isPending
            ? 'Loading renewals…'
            : `${contracts} contracts and ${list.length - contracts} warranties${renewals.data?.truncated ? ' (the first 2,000)' : ''}`}
        </p>
      </div>
      {renewals.isPending ? null : list.length === 0 ? (
        <EmptyState icon={CalendarCheck} title="Nothing ends in this window">
          <p>No contract or warranty ends in the next {withinDays} days.</p>
        </EmptyState>
      ) : (
        <div className="vendor-table__scroll">
          <table className="vendor-table" aria-label="Renewals">
            <thead>
              <tr>
                <th scope="col">Ends</th>
                <th scope="col">What</th>
                <th scope="col">Client</th>
                <th scope="col">Vendor</th>
                <th scope="col">Reference</th>
                <th scope="col">Renew by</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const days = Math.ceil((Date.parse(`${r.endsOn}T00:00:00Z`) - now) / DAY_MS)
                return (
                  <tr key={`${r.kind}-${r.accountId ?? r.deviceId ?? ''}`}>
                    <td className={days <= 30 ? 'term--warn' : undefined}>
                      {r.endsOn} <span className="vendor-card__muted">({Math.max(0, days)} d)</span>
                    </td>
                    <td>{r.kind === 'contract' ? 'Contract' : 'Warranty'}</td>
                    <th scope="row" className="vendor-table__name">
                      <Link
                        href={`~/clients/${encodeURIComponent(r.clientId)}`}
                        className="vendor-table__link"
                      >
                        {r.clientName}
                      </Link>
                      <span className="vendor-table__code">{r.clientCode}</span>
                    </th>
                    <td>
                      {r.vendorId ? (
                        <Link
                          href={`/${encodeURIComponent(r.vendorId)}`}
                          className="vendor-table__link"
                        >
                          {r.vendorName}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {r.deviceId ? (
                        <>
                          <Link
                            href={`~/devices/${encodeURIComponent(r.deviceId)}`}
                            className="vendor-table__link"
                          >
                            {r.reference}
                          </Link>{' '}
                          {r.serial ? <CopyButton value={r.serial} what="serial number" /> : null}
                        </>
                      ) : (
                        <CopyButton value={r.reference} what="contract number" />
                      )}
                    </td>
                    <td>{r.renewBy ?? '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
