import { useState } from 'react'
import type { ClientSummary } from '@shared/contract'
import { useDeleteClient } from '../../../api/inventory'
import { Modal } from '../../vault/Modal'
import { countText } from '../devices/cell-format'

/** Deletes a client and its sites; with devices, only once the technician says so. */
export function DeleteClientDialog(props: {
  client: ClientSummary
  onClose(): void
  onDeleted(): void
}) {
  const remove = useDeleteClient()
  const devices = props.client.rollup.devices
  const [withDevices, setWithDevices] = useState(false)
  return (
    <Modal
      title={`Delete ${props.client.name}?`}
      role="alertdialog"
      description={
        devices > 0
          ? `${props.client.name} has ${countText(devices, 'device', 'devices')}. Deleting the client deletes them too, with their history.`
          : 'The client and its sites are deleted.'
      }
      onClose={props.onClose}
    >
      <div className="vault-form">
        {devices > 0 ? (
          <label className="vault-choice__option">
            <input
              type="checkbox"
              checked={withDevices}
              onChange={(e) => setWithDevices(e.target.checked)}
            />
            <span>Also delete its {countText(devices, 'device', 'devices')}</span>
          </label>
        ) : null}
        <div className="vault-form__actions">
          <button type="button" className="vault-button" data-autofocus onClick={props.onClose}>
            Keep it
          </button>
          <button
            type="button"
            className="vault-button vault-button--danger"
            disabled={(devices > 0 && !withDevices) || remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: props.client.id, deleteDevices: devices > 0 },
                { onSuccess: props.onDeleted },
              )
            }
          >
            Delete client
          </button>
        </div>
      </div>
    </Modal>
  )
}
