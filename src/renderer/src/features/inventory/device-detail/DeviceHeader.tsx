import { Pencil, RefreshCw, TerminalSquare, Trash2 } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { Link } from 'wouter'
import type { DeviceDetail } from '@shared/contract'
import { StatusDot } from '../../../ui/StatusDot'
import { roleIcons } from '../role-icons'
import { collectedHostnameNote, formatRelative, osLine, roleName } from './format'
import { statusLabel, statusTone } from './health'

/** Breadcrumbs, name, status and the device's actions. */
export function DeviceHeader(props: {
  device: DeviceDetail
  now: number
  refreshing: boolean
  onSsh(): void
  onRefresh(): void
  onEdit(): void
  onDelete(): void
}) {
  const { device, now } = props
  const heading = useRef<HTMLHeadingElement>(null)
  // Land keyboard and screen-reader users on the device they opened, as PageHeader does.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
  }, [device.id])
  const RoleIcon = roleIcons[device.role]
  const seen =
    device.lastSeenAt === null ? 'never seen' : `seen ${formatRelative(device.lastSeenAt, now)}`
  const meta = [roleName(device.role), osLine(device), device.ip].filter(Boolean).join(' · ')
  const collected = collectedHostnameNote(device)

  return (
    <>
      <nav aria-label="Breadcrumb" className="crumbs">
        <ol>
          <li>
            <Link href="~/clients">Clients</Link>
          </li>
          <li>
            <Link href={`~/clients/${encodeURIComponent(device.clientId)}`}>
              {device.clientName}
            </Link>
          </li>
          {device.siteId && device.siteName ? (
            <li>
              <Link
                href={`~/clients/${encodeURIComponent(device.clientId)}?site=${encodeURIComponent(device.siteId)}`}
              >
                {device.siteName}
              </Link>
            </li>
          ) : null}
          <li aria-current="page">{device.hostname}</li>
        </ol>
      </nav>
      <header className="detail-header">
        <div className="detail-header__identity">
          <span className="detail-header__icon">
            <RoleIcon aria-hidden size={22} />
          </span>
          <div>
            <h1 ref={heading} tabIndex={-1} className="page-header__title detail-header__title">
              {device.hostname}
            </h1>
            {collected ? (
              <p className="detail-header__collected" data-testid="collected-hostname">
                {collected}
              </p>
            ) : null}
            <p className="detail-header__meta">
              <span className="detail-inline-status" data-testid="device-status">
                <StatusDot tone={statusTone(device.status)} label={statusLabel(device.status)} />
                {statusLabel(device.status)}, {seen}
              </span>
              <span>{meta}</span>
            </p>
          </div>
        </div>
        <div className="detail-header__actions">
          <button
            type="button"
            className="vault-button vault-button--primary"
            onClick={props.onSsh}
          >
            <TerminalSquare aria-hidden size={15} />
            SSH
          </button>
          <button
            type="button"
            className="vault-button"
            onClick={props.onRefresh}
            disabled={props.refreshing}
          >
            <RefreshCw
              aria-hidden
              size={15}
              className={props.refreshing ? 'detail-spin' : undefined}
            />
            {props.refreshing ? 'Refreshing…' : 'Refresh inventory'}
          </button>
          <button type="button" className="vault-button" onClick={props.onEdit}>
            <Pencil aria-hidden size={15} />
            Edit
          </button>
          <button
            type="button"
            className="icon-button detail-header__delete"
            aria-label={`Delete ${device.hostname}`}
            title="Delete device"
            onClick={props.onDelete}
          >
            <Trash2 aria-hidden size={16} />
          </button>
        </div>
      </header>
    </>
  )
}
