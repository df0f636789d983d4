import { Building2, Clock, Contact, MapPin, Ticket } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link } from 'wouter'
import type { ClientRollup, Site } from '@shared/contract'
import { useClient, useDevice } from '../../api/inventory'
import { useTicket, useTicketList } from '../../api/tickets'
import { StatusDot } from '../../ui/StatusDot'
import { rollupColumns, rollupTone, type DeviceRollupKey } from '../inventory/clients/client-list'
import { useNow } from '../../ui/use-now'
import { countText } from '../inventory/devices/cell-format'
import { PriorityBadge } from '../tickets/badges'
import { statusLabels, statusTones } from '../tickets/labels'
import { ContextVendors } from '../vendors/ContextVendors'
import { siteClock } from './site-hours'
import type { ContextSubject } from './subject'
import './context.css'

/** Most sites a client page lists here; the client page itself has them all. */
const SITES_SHOWN = 4
const TICKETS_SHOWN = 5

/**
 * The client and site behind the device, ticket or client the main area shows: who they are,
 * whether the site is open right now (local time, business hours) and the client's open
 * tickets, so a technician knows before calling or rebooting.
 */
export function ContextDetails({ subject }: { subject: ContextSubject }) {
  const device = useDevice(subject.kind === 'device' ? subject.id : null)
  const ticket = useTicket(subject.kind === 'ticket' ? subject.id : null)
  const source = subject.kind === 'device' ? device : subject.kind === 'ticket' ? ticket : null
  if (source?.isError) return <p className="ctx-note">Nothing to show for this {subject.kind}.</p>
  const at =
    subject.kind === 'client'
      ? { clientId: subject.id, siteId: null }
      : source?.data
        ? { clientId: source.data.clientId, siteId: source.data.siteId }
        : null
  if (!at) return <p className="ctx-note">Loading…</p>
  const deviceIds =
    subject.kind === 'device'
      ? [subject.id]
      : subject.kind === 'ticket'
        ? (ticket.data?.devices.map((d) => d.id) ?? [])
        : []
  return (
    <ClientContext
      clientId={at.clientId}
      siteId={at.siteId}
      deviceIds={deviceIds}
      ticketNumber={subject.kind === 'ticket' ? (ticket.data?.number ?? null) : null}
      // The client page shows these counts itself.
      showRollup={subject.kind !== 'client'}
      currentTicketId={subject.kind === 'ticket' ? subject.id : null}
    />
  )
}

function ClientContext(props: {
  clientId: string
  siteId: string | null
  deviceIds: readonly string[]
  ticketNumber: string | null
  showRollup: boolean
  currentTicketId: string | null
}) {
  const client = useClient(props.clientId)
  const now = useNow()
  if (client.isError) return <p className="ctx-note">This client is no longer in the store.</p>
  if (!client.data) return <p className="ctx-note">Loading…</p>
  const { data } = client
  const site = props.siteId === null ? null : data.sites.find((s) => s.id === props.siteId)
  const sites = site ? [site] : props.siteId === null ? data.sites.slice(0, SITES_SHOWN) : []
  return (
    <div className="ctx" data-testid="context-details">
      <CtxSection title="Client" icon={<Building2 aria-hidden size={14} />}>
        <Link href={`~/clients/${encodeURIComponent(data.id)}`} className="ctx-client__name">
          {data.name}
        </Link>
        <p className="ctx-muted">
          {data.shortCode}
          {data.contractTier ? ` · ${data.contractTier}` : ''}
        </p>
        {props.showRollup ? <RollupLine rollup={data.rollup} /> : null}
        {data.notes.trim() ? <p className="ctx-notes">{data.notes.trim()}</p> : null}
      </CtxSection>
      {sites.length > 0 ? (
        <CtxSection
          title={site ? 'Site' : data.sites.length === 1 ? 'Site' : 'Sites'}
          icon={<MapPin aria-hidden size={14} />}
        >
          {sites.map((s) => (
            <SiteBlock key={s.id} site={s} now={now} />
          ))}
          {!site && data.sites.length > SITES_SHOWN ? (
            <p className="ctx-muted">
              and {data.sites.length - SITES_SHOWN} more on the client page
            </p>
          ) : null}
        </CtxSection>
      ) : null}
      <CtxSection title="Vendors" icon={<Contact aria-hidden size={14} />}>
        <ContextVendors
          clientId={data.id}
          deviceIds={props.deviceIds}
          ticketNumber={props.ticketNumber}
        />
      </CtxSection>
      <OpenTickets clientId={data.id} clientName={data.name} current={props.currentTicketId} />
    </div>
  )
}

function CtxSection(props: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <section className="ctx-section" aria-label={props.title}>
      <h3 className="ctx-section__title">
        {props.icon}
        {props.title}
      </h3>
      {props.children}
    </section>
  )
}

/** How each rollup count reads here, in the client list's order and tones. */
const ROLLUP_WORDS: Record<DeviceRollupKey, readonly [one: string, many: string]> = {
  devices: ['device', 'devices'],
  offline: ['offline', 'offline'],
  patchesPending: ['with patches pending', 'with patches pending'],
  backupsFailing: ['backup failing', 'backups failing'],
  warrantiesExpiring: ['warranty expiring', 'warranties expiring'],
}

function RollupLine({ rollup }: { rollup: ClientRollup }) {
  return (
    <ul className="ctx-rollup" aria-label="Device health">
      {rollupColumns
        .filter(({ key }) => key === 'devices' || rollup[key] > 0)
        .map(({ key }) => {
          const tone = rollupTone(key, rollup[key])
          return (
            <li key={key} className={tone ? `ctx-rollup--${tone}` : undefined}>
              {countText(rollup[key], ...ROLLUP_WORDS[key])}
            </li>
          )
        })}
    </ul>
  )
}

function SiteBlock({ site, now }: { site: Site; now: number }) {
  const clock = siteClock(site, now)
  const tone = clock.open === null ? 'idle' : clock.open ? 'ok' : 'bad'
  return (
    <div className="ctx-site">
      <p className="ctx-site__name">{site.name}</p>
      {site.address ? <p className="ctx-site__address">{site.address}</p> : null}
      <p className="ctx-site__line" data-testid="site-clock">
        <Clock aria-hidden size={13} />
        <span title={site.timeZone}>Local time {clock.localTime}</span>
      </p>
      <p className="ctx-site__line" data-testid="site-open-state">
        <span className={`status-dot status-dot--${tone}`} aria-hidden />
        <span>{clock.status}</span>
      </p>
    </div>
  )
}

function OpenTickets(props: { clientId: string; clientName: string; current: string | null }) {
  const list = useTicketList({
    queue: 'client',
    clientId: props.clientId,
    limit: TICKETS_SHOWN,
    sort: { column: 'updated', direction: 'desc' },
  })
  const total = list.data?.total
  return (
    <CtxSection
      title={total === undefined ? 'Open tickets' : `Open tickets (${total})`}
      icon={<Ticket aria-hidden size={14} />}
    >
      {list.isError ? <p className="ctx-note">Could not load the tickets.</p> : null}
      {total === 0 ? <p className="ctx-muted">{props.clientName} has no open tickets.</p> : null}
      {list.data && list.data.rows.length > 0 ? (
        <ul className="stack-list">
          {list.data.rows.map((row) => (
            <li key={row.id}>
              <Link
                href={`~/tickets/${encodeURIComponent(row.id)}`}
                className="ctx-ticket"
                aria-current={row.id === props.current ? 'page' : undefined}
              >
                <span className="ctx-ticket__head">
                  <span className="ctx-ticket__number">{row.number}</span>
                  <PriorityBadge priority={row.priority} />
                  <StatusDot tone={statusTones[row.status]} label={statusLabels[row.status]} />
                </span>
                <span className="ctx-ticket__subject">{row.subject}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </CtxSection>
  )
}
