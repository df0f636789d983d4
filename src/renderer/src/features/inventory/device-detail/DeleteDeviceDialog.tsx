import type { DeviceDetail } from '@shared/contract'
import { useDeleteDevices } from '../../../api/inventory'
import { Modal } from '../../vault/Modal'

/** Asks before deleting a device; its snapshots and history go with it. */
export function DeleteDeviceDialog(props: {
  device: DeviceDetail
  onClose(): void
  onDeleted(): void
}) {
  const remove = useDeleteDevices()
  return (
    <Modal
      role="alertdialog"
      title={`Delete ${props.device.hostname}?`}
      description={`It leaves ${props.device.clientName}'s inventory with its collected snapshots and change history. This cannot be undone.`}
      onClose={props.onClose}
    >
      {remove.isError ? (
        <p className="vault-form__error" role="alert">
          {remove.error.message}
        </p>
      ) : null}
      <div className="vault-form__actions">
        <button type="button" className="vault-button" data-autofocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="vault-button vault-button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate([props.device.id], { onSuccess: props.onDeleted })}
        >
          {remove.isPending ? 'Deleting…' : 'Delete device'}
        </button>
      </div>
    </Modal>
  )
}
