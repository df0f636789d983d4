import type { DeviceDetail } from '@shared/contract'
import { useDeleteDevices } from '../../../api/inventory'
import { ConfirmDialog } from '../../../ui/Dialog'

/** Asks before deleting a device; its snapshots and history go with it. */
export function DeleteDeviceDialog(props: {
  device: DeviceDetail
  onClose(): void
  onDeleted(): void
}) {
  const remove = useDeleteDevices()
  return (
    <ConfirmDialog
      title={`Delete ${props.device.hostname}?`}
      description={`It leaves ${props.device.clientName}'s inventory with its collected snapshots and change history. This cannot be undone.`}
      confirmLabel="Delete device"
      busyLabel="Deleting…"
      busy={remove.isPending}
      error={remove.error?.message}
      onConfirm={() => remove.mutate([props.device.id], { onSuccess: props.onDeleted })}
      onClose={props.onClose}
    />
  )
}
