import { useState } from 'react'
import type { ClientSummary } from '@shared/contract'
import { useDeleteClient } from '../../../api/inventory'
import { ConfirmDialog } from '../../../ui/Dialog'
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
    <ConfirmDialog
      title={`Delete ${props.client.name}?`}
      description={
        devices > 0
          ? `${props.client.name} has ${countText(devices, 'device', 'devices')}. Deleting the client deletes them too, with their history.`
          : 'The client and its sites are deleted.'
      }
      cancelLabel="Keep it"
      confirmLabel="Delete client"
      busy={remove.isPending}
      confirmDisabled={devices > 0 && !withDevices}
      error={remove.error?.message}
      onConfirm={() =>
        remove.mutate(
          { id: props.client.id, deleteDevices: devices > 0 },
          { onSuccess: props.onDeleted },
        )
      }
      onClose={props.onClose}
    >
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
    </ConfirmDialog>
  )
}
