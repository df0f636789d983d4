import { Link2, Monitor, TerminalSquare, X } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'wouter'
import type { TicketDetail } from '@shared/contract/tickets'
import { useLinkDevice, useUnlinkDevice } from '../../../api/tickets'
import { useOpenDeviceSession } from '../../terminal'
import { errorText } from '../errors'
import { DevicePicker } from '../pickers/DevicePicker'

/** The ticket's devices, each with an SSH session bound to the ticket, and linking more. */
export function LinkedDevices({ ticket }: { ticket: TicketDetail }) {
  const openSession = useOpenDeviceSession()
  const link = useLinkDevice()
  const unlink = useUnlinkDevice()
  const [adding, setAdding] = useState(false)
  const base = { id: ticket.id, baseVersions: ticket.versions }
  const error = link.error ?? unlink.error

  return (
    <section className="tk-card" aria-labelledby="tk-devices">
      <h2 id="tk-devices" className="tk-card__title">
        Devices
        <button
          type="button"
          className="tk-link-button tk-card__action"
          aria-expanded={adding}
          onClick={() => setAdding((a) => !a)}
        >
          <Link2 aria-hidden size={13} />
          {adding ? 'Done' : 'Link device'}
        </button>
      </h2>
      {ticket.devices.length === 0 && !adding ? (
        <p className="tk-muted">No device is linked to this ticket.</p>
      ) : null}
      <ul className="tk-devices">
        {ticket.devices.map((device) => (
          <li key={device.id} className="tk-device">
            <Monitor aria-hidden size={14} className="tk-device__icon" />
            {device.missing ? (
              <span className="tk-muted" title="Deleted from the inventory">
                {device.hostname} (deleted)
              </span>
            ) : (
              <Link href={`~/devices/${encodeURIComponent(device.id)}`} className="tk-device__name">
                {device.hostname}
              </Link>
            )}
            <span className="tk-device__actions">
              {device.missing ? null : (
                <button
                  type="button"
                  className="vault-button tk-device__ssh"
                  aria-label={`SSH to ${device.hostname} for this ticket`}
                  title="Opens a session bound to this ticket; its time is proposed when it closes"
                  onClick={() => void openSession(device.id, { ticketId: ticket.id })}
                >
                  <TerminalSquare aria-hidden size={13} />
                  SSH
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Unlink ${device.hostname}`}
                disabled={unlink.isPending}
                onClick={() => unlink.mutate({ ...base, deviceId: device.id })}
              >
                <X aria-hidden size={14} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      {adding ? (
        <DevicePicker
          clientId={ticket.clientId}
          exclude={ticket.devices.map((d) => d.id)}
          busy={link.isPending}
          onPick={(device) => link.mutate({ ...base, deviceId: device.id })}
        />
      ) : null}
      {error ? (
        <p className="tk-control__error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </section>
  )
}
