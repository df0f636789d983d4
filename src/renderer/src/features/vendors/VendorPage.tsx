import { ArrowLeft, ExternalLink, Mail, Phone, Star } from 'lucide-react'
import { Link } from 'wouter'
import type { ClientAccount, Vendor } from '@shared/contract'
import { VENDOR_CATEGORY_LABELS } from '@shared/domain/vendors'
import { useOpenLink, useVendor } from '../../api/vendors'
import { EmptyState } from '../../ui/EmptyState'
import { PageHeader } from '../../ui/PageHeader'
import { useNow } from '../../ui/use-now'
import { CopyButton } from './CopyButton'
import { SupportBadge } from './SupportBadge'
import { contractState, telUrl, weeklyHoursText } from './vendor-format'

/** One vendor: how to reach it, when it answers, who to escalate to, and who holds accounts. */
export function VendorPage(props: { vendorId: string }) {
  const vendor = useVendor(props.vendorId)
  if (vendor.isPending) {
    return (
      <section className="page" aria-label="Vendor" aria-busy>
        <p role="status">Loading vendor…</p>
      </section>
    )
  }
  if (vendor.isError) {
    return (
      <section className="page" aria-label="Vendor">
        <EmptyState icon={ArrowLeft} title="Vendor not found">
          <p>{vendor.error.message}</p>
          <Link href="/" className="vault-button">
            Back to vendors
          </Link>
        </EmptyState>
      </section>
    )
  }
  return <VendorDetail vendor={vendor.data} />
}

function VendorDetail({ vendor }: { vendor: Vendor }) {
  const open = useOpenLink()
  const now = useNow(60_000)
  return (
    <section className="page vendor-page" aria-label={vendor.name}>
      <Link href="/" className="back-link">
        <ArrowLeft aria-hidden size={14} /> Vendors
      </Link>
      <PageHeader
        title={vendor.name}
        description={VENDOR_CATEGORY_LABELS[vendor.category]}
        actions={
          vendor.portalUrl ? (
            <button
              type="button"
              className="vault-button vault-button--primary"
              onClick={() => open(vendor.portalUrl ?? '')}
            >
              <ExternalLink aria-hidden size={15} />
              Open portal
            </button>
          ) : null
        }
      />
      <div className="vendor-page__grid">
        <section className="vendor-card" aria-labelledby="vendor-support">
          <h2 id="vendor-support" className="vendor-card__title">
            Support
          </h2>
          {vendor.hours ? (
            <>
              <SupportBadge hours={vendor.hours} now={now} />
              <p className="vendor-card__muted">
                {weeklyHoursText(vendor.hours)} ({vendor.hours.timeZone})
              </p>
            </>
          ) : (
            <p className="vendor-card__muted">Support hours not known.</p>
          )}
          <ul className="vendor-lines" aria-label="Support lines">
            {vendor.phones.map((line) => (
              <li key={`${line.label}-${line.number}`}>
                <span className="vendor-lines__label">{line.label}</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => open(telUrl(line.number))}
                >
                  <Phone aria-hidden size={13} /> {line.number}
                </button>
                {line.hours ? <SupportBadge hours={line.hours} now={now} /> : null}
              </li>
            ))}
            {vendor.supportEmail ? (
              <li>
                <span className="vendor-lines__label">Email</span>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => open(`mailto:${vendor.supportEmail ?? ''}`)}
                >
                  <Mail aria-hidden size={13} /> {vendor.supportEmail}
                </button>
              </li>
            ) : null}
          </ul>
          {vendor.website ? (
            <button
              type="button"
              className="link-button"
              onClick={() => open(vendor.website ?? '')}
            >
              <ExternalLink aria-hidden size={13} /> {vendor.website}
            </button>
          ) : null}
        </section>

        <section className="vendor-card" aria-labelledby="vendor-escalation">
          <h2 id="vendor-escalation" className="vendor-card__title">
            Escalation
          </h2>
          {vendor.escalation.length === 0 ? (
            <p className="vendor-card__muted">No escalation path recorded.</p>
          ) : (
            <ol className="vendor-escalation">
              {vendor.escalation.map((tier) => (
                <li key={tier.tier}>
                  <strong>
                    Tier {tier.tier}: {tier.name}
                  </strong>
                  {tier.phone ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(telUrl(tier.phone ?? ''))}
                    >
                      <Phone aria-hidden size={13} /> {tier.phone}
                    </button>
                  ) : null}
                  {tier.when ? <span className="vendor-card__muted">{tier.when}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className="vendor-card" aria-labelledby="vendor-contacts">
          <h2 id="vendor-contacts" className="vendor-card__title">
            Contacts
          </h2>
          {vendor.contacts.length === 0 ? (
            <p className="vendor-card__muted">No named contacts.</p>
          ) : (
            <ul className="vendor-contacts">
              {vendor.contacts.map((person) => (
                <li key={person.id}>
                  <span className="vendor-contacts__name">
                    {person.name}
                    {person.preferred ? (
                      <Star aria-label="Preferred contact" size={13} className="vendor-star" />
                    ) : null}
                  </span>
                  {person.role ? <span className="vendor-card__muted">{person.role}</span> : null}
                  {person.phones.map((phone) => (
                    <button
                      key={phone}
                      type="button"
                      className="link-button"
                      onClick={() => open(telUrl(phone))}
                    >
                      <Phone aria-hidden size={13} /> {phone}
                    </button>
                  ))}
                  {person.email ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => open(`mailto:${person.email ?? ''}`)}
                    >
                      <Mail aria-hidden size={13} /> {person.email}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="vendor-accounts" aria-labelledby="vendor-accounts">
        <h2 id="vendor-accounts" className="vendor-card__title">
          Client accounts ({vendor.accounts.length})
        </h2>
        {vendor.accounts.length === 0 ? (
          <p className="vendor-card__muted">No client holds an account with this vendor.</p>
        ) : (
          <div className="vendor-table__scroll">
            <table className="vendor-table" aria-label="Client accounts">
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Account</th>
                  <th scope="col">Contract</th>
                  <th scope="col">Circuits / licences</th>
                  <th scope="col">SLA</th>
                  <th scope="col">Term</th>
                </tr>
              </thead>
              <tbody>
                {vendor.accounts.map((account) => (
                  <AccountRow key={account.id} account={account} now={now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  )
}

function AccountRow({ account, now }: { account: ClientAccount; now: number }) {
  const term = contractState(account, now)
  return (
    <tr>
      <th scope="row" className="vendor-table__name">
        <Link
          href={`~/clients/${encodeURIComponent(account.clientId)}`}
          className="vendor-table__link"
        >
          {account.clientName}
        </Link>
        <span className="vendor-table__code">{account.clientCode}</span>
      </th>
      <td>
        {account.accountNumber ? (
          <CopyButton value={account.accountNumber} what="account number" />
        ) : (
          '—'
        )}
      </td>
      <td>
        {account.contractNumber ? (
          <CopyButton value={account.contractNumber} what="contract number" />
        ) : (
          '—'
        )}
      </td>
      <td>
        {account.circuitIds.map((id) => (
          <CopyButton key={id} value={id} what="circuit id" />
        ))}
        {account.licenceCount !== null ? `${account.licenceCount} licences` : null}
        {account.circuitIds.length === 0 && account.licenceCount === null ? '—' : null}
      </td>
      <td>{account.sla || '—'}</td>
      <td>
        <span className={term.tone ? `term term--${term.tone}` : 'term'}>{term.label}</span>
      </td>
    </tr>
  )
}
