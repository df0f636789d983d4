import { ExternalLink, Mail, Phone } from 'lucide-react'
import { Link } from 'wouter'
import type { VendorCard } from '@shared/contract'
import { VENDOR_CATEGORY_LABELS } from '@shared/domain/vendors'
import { useOpenLink } from '../../api/links'
import { useVendorCards } from '../../api/vendors'
import { useNow } from '../../ui/use-now'
import { CopyButton } from './CopyButton'
import { SupportBadge } from './SupportBadge'
import { telUrl, vendorMailto } from './vendor-format'
import './vendors.css'

const DAY_MS = 86_400_000

/**
 * The vendors beside the device, ticket or client at hand, in the context panel: the makers of
 * the devices at hand first (with serial and warranty), then the client's ISP, then the rest,
 * each with what their support desk asks for one click away.
 */
export function ContextVendors(props: {
  clientId: string
  deviceIds: readonly string[]
  ticketNumber: string | null
  /** A column in the context panel (default), or a grid of cards on a page's tab. */
  layout?: 'column' | 'grid'
}) {
  const cards = useVendorCards(props.clientId, props.deviceIds)
  const now = useNow(60_000)
  if (cards.isError) return <p className="vendor-card__muted">Could not load the vendors.</p>
  if (!cards.data) return <p className="vendor-card__muted">Loading…</p>
  if (cards.data.cards.length === 0) {
    return <p className="vendor-card__muted">No vendors recorded for this client.</p>
  }
  return (
    <ul className={props.layout === 'grid' ? 'ctx-vendors ctx-vendors--grid' : 'ctx-vendors'}>
      {cards.data.cards.map((card) => (
        <li key={card.vendor.id}>
          <VendorCardView card={card} now={now} ticketNumber={props.ticketNumber} />
        </li>
      ))}
    </ul>
  )
}

function reasonText(card: VendorCard): string {
  if (card.reason === 'warranty') {
    return `Warranty · ${card.devices.map((d) => d.hostname).join(', ')}`
  }
  return VENDOR_CATEGORY_LABELS[card.vendor.category]
}

function VendorCardView(props: { card: VendorCard; now: number; ticketNumber: string | null }) {
  const { card, now } = props
  const open = useOpenLink()
  const { vendor } = card
  const line = vendor.phones[0]
  const account = card.accounts[0] ?? null
  const device = card.devices[0] ?? null
  return (
    <article className="ctx-vendor" aria-label={vendor.name}>
      <header className="ctx-vendor__head">
        <Link href={`~/vendors/${encodeURIComponent(vendor.id)}`} className="ctx-vendor__name">
          {vendor.name}
        </Link>
        <span className="vendor-card__muted">{reasonText(card)}</span>
      </header>
      {vendor.hours ? <SupportBadge hours={vendor.hours} now={now} /> : null}
      {card.devices.map((d) => (
        <p key={d.id} className="ctx-vendor__line">
          {d.serial ? <CopyButton value={d.serial} what="serial number" /> : null}
          <WarrantyText end={d.warrantyEndAt} now={now} />
        </p>
      ))}
      {card.accounts.map((a) => (
        <p key={a.id} className="ctx-vendor__line">
          {a.accountNumber ? <CopyButton value={a.accountNumber} what="account number" /> : null}
          {a.contractNumber ? <CopyButton value={a.contractNumber} what="contract number" /> : null}
          {a.circuitIds.map((id) => (
            <CopyButton key={id} value={id} what="circuit id" />
          ))}
        </p>
      ))}
      <p className="ctx-vendor__actions">
        {line ? (
          <button type="button" className="link-button" onClick={() => open(telUrl(line.number))}>
            <Phone aria-hidden size={13} /> {line.number}
          </button>
        ) : null}
        {vendor.supportEmail ? (
          <button
            type="button"
            className="link-button"
            aria-label={`Email ${vendor.name} support`}
            onClick={() =>
              open(
                vendorMailto({
                  email: vendor.supportEmail ?? '',
                  account: account?.accountNumber || null,
                  serial: device?.serial ?? null,
                  hostname: device?.hostname ?? null,
                  ticketNumber: props.ticketNumber,
                }),
              )
            }
          >
            <Mail aria-hidden size={13} /> Email
          </button>
        ) : null}
        {vendor.portalUrl ? (
          <button
            type="button"
            className="link-button"
            aria-label={`Open ${vendor.name} portal`}
            onClick={() => open(vendor.portalUrl ?? '')}
          >
            <ExternalLink aria-hidden size={13} /> Portal
          </button>
        ) : null}
      </p>
    </article>
  )
}

function WarrantyText({ end, now }: { end: number | null; now: number }) {
  if (end === null) return <span className="vendor-card__muted">Warranty not known</span>
  const date = new Date(end).toISOString().slice(0, 10)
  if (end < now) return <span className="term--bad">Warranty ended {date}</span>
  const days = Math.ceil((end - now) / DAY_MS)
  return (
    <span className={days <= 90 ? 'term--warn' : 'vendor-card__muted'}>
      Warranty until {date}
      {days <= 90 ? ` (${days} d)` : ''}
    </span>
  )
}
