import { ArrowLeft, ExternalLink, Mail, Pencil, Phone, Plus, Star, Trash2 } from 'lucide-react'
import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import type { ClientAccount, Vendor, VendorContact } from '@shared/contract'
import { VENDOR_CATEGORY_LABELS } from '@shared/domain/vendors'
import { useOpenLink } from '../../api/links'
import { useVendor, useVendorChanges } from '../../api/vendors'
import { ConfirmDialog } from '../../ui/Dialog'
import { EmptyState } from '../../ui/EmptyState'
import { PageHeader } from '../../ui/PageHeader'
import { useNow } from '../../ui/use-now'
import { CopyButton } from './CopyButton'
import { SupportBadge } from './SupportBadge'
import { AccountFormDialog, ContactFormDialog, VendorFormDialog } from './VendorDialogs'
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

type Editing =
  | { kind: 'vendor' }
  | { kind: 'remove-vendor' }
  | { kind: 'contact'; contact: VendorContact | null }
  | { kind: 'remove-contact'; contact: VendorContact }
  | { kind: 'account'; account: ClientAccount | null }
  | { kind: 'remove-account'; account: ClientAccount }
  | null

function VendorDetail({ vendor }: { vendor: Vendor }) {
  const open = useOpenLink()
  const now = useNow(60_000)
  const [editing, setEditing] = useState<Editing>(null)
  const close = () => setEditing(null)
  return (
    <section className="page vendor-page" aria-label={vendor.name}>
      <Link href="/" className="back-link">
        <ArrowLeft aria-hidden size={14} /> Vendors
      </Link>
      <PageHeader
        title={vendor.name}
        description={VENDOR_CATEGORY_LABELS[vendor.category]}
        actions={
          <>
            <button
              type="button"
              className="vault-button"
              onClick={() => setEditing({ kind: 'vendor' })}
            >
              <Pencil aria-hidden size={15} />
              Edit
            </button>
            <button
              type="button"
              className="vault-button"
              aria-label={`Remove ${vendor.name}`}
              onClick={() => setEditing({ kind: 'remove-vendor' })}
            >
              <Trash2 aria-hidden size={15} />
            </button>
            {vendor.portalUrl ? (
              <button
                type="button"
                className="vault-button vault-button--primary"
                onClick={() => open(vendor.portalUrl ?? '')}
              >
                <ExternalLink aria-hidden size={15} />
                Open portal
              </button>
            ) : null}
          </>
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
          <div className="vendor-card__head">
            <h2 id="vendor-contacts" className="vendor-card__title">
              Contacts
            </h2>
            <button
              type="button"
              className="link-button"
              onClick={() => setEditing({ kind: 'contact', contact: null })}
            >
              <Plus aria-hidden size={13} /> Add contact
            </button>
          </div>
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
                    <RowActions
                      what={person.name}
                      onEdit={() => setEditing({ kind: 'contact', contact: person })}
                      onRemove={() => setEditing({ kind: 'remove-contact', contact: person })}
                    />
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
        <div className="vendor-card__head">
          <h2 id="vendor-accounts" className="vendor-card__title">
            Client accounts ({vendor.accounts.length})
          </h2>
          <button
            type="button"
            className="vault-button"
            onClick={() => setEditing({ kind: 'account', account: null })}
          >
            <Plus aria-hidden size={15} /> Add client account
          </button>
        </div>
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
                  <th scope="col">
                    <span className="vault-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {vendor.accounts.map((account) => (
                  <AccountRow
                    key={account.id}
                    account={account}
                    now={now}
                    onEdit={() => setEditing({ kind: 'account', account })}
                    onRemove={() => setEditing({ kind: 'remove-account', account })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing ? <VendorEditing vendor={vendor} editing={editing} onClose={close} /> : null}
    </section>
  )
}

function RowActions(props: { what: string; onEdit(): void; onRemove(): void }) {
  return (
    <span className="vendor-row-actions">
      <button
        type="button"
        className="icon-button"
        aria-label={`Edit ${props.what}`}
        onClick={props.onEdit}
      >
        <Pencil aria-hidden size={13} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove ${props.what}`}
        onClick={props.onRemove}
      >
        <Trash2 aria-hidden size={13} />
      </button>
    </span>
  )
}

/** The dialog open on a vendor's page, if any. */
function VendorEditing(props: { vendor: Vendor; editing: NonNullable<Editing>; onClose(): void }) {
  const { vendor, editing, onClose } = props
  const changes = useVendorChanges()
  const [, navigate] = useLocation()
  switch (editing.kind) {
    case 'vendor':
      return <VendorFormDialog vendor={vendor} onClose={onClose} />
    case 'contact':
      return <ContactFormDialog vendorId={vendor.id} contact={editing.contact} onClose={onClose} />
    case 'account':
      return (
        <AccountFormDialog
          vendorId={vendor.id}
          vendorName={vendor.name}
          account={editing.account}
          onClose={onClose}
        />
      )
    case 'remove-vendor':
      return (
        <ConfirmDialog
          title={`Remove ${vendor.name}?`}
          description={`Its ${vendor.contacts.length} contacts and ${vendor.accounts.length} client accounts go with it.`}
          confirmLabel="Remove vendor"
          busy={changes.remove.isPending}
          error={changes.remove.error?.message}
          onConfirm={() =>
            changes.remove.mutate({ id: vendor.id }, { onSuccess: () => navigate('/') })
          }
          onClose={onClose}
        />
      )
    case 'remove-contact':
      return (
        <ConfirmDialog
          title={`Remove ${editing.contact.name}?`}
          description={`${editing.contact.name} is no longer listed as a contact at ${vendor.name}.`}
          confirmLabel="Remove contact"
          busy={changes.removeContact.isPending}
          error={changes.removeContact.error?.message}
          onConfirm={() =>
            changes.removeContact.mutate({ id: editing.contact.id }, { onSuccess: onClose })
          }
          onClose={onClose}
        />
      )
    case 'remove-account':
      return (
        <ConfirmDialog
          title={`Remove ${editing.account.clientName}'s account?`}
          description={`The account with ${vendor.name} is removed; the client and the vendor stay.`}
          confirmLabel="Remove account"
          busy={changes.removeAccount.isPending}
          error={changes.removeAccount.error?.message}
          onConfirm={() =>
            changes.removeAccount.mutate({ id: editing.account.id }, { onSuccess: onClose })
          }
          onClose={onClose}
        />
      )
  }
}

function AccountRow({
  account,
  now,
  onEdit,
  onRemove,
}: {
  account: ClientAccount
  now: number
  onEdit(): void
  onRemove(): void
}) {
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
      <td>
        <RowActions what={`${account.clientName}'s account`} onEdit={onEdit} onRemove={onRemove} />
      </td>
    </tr>
  )
}
