import type { CredentialSummary } from '@shared/contract'
import { useDeleteCredential } from '../../api/vault'
import { ConfirmDialog } from '../../ui/Dialog'

/** Asks before deleting a credential; deleting cannot be undone. */
export function DeleteCredentialDialog(props: {
  credential: CredentialSummary
  onClose: () => void
}) {
  const remove = useDeleteCredential()
  return (
    <ConfirmDialog
      title={`Delete ${props.credential.name}?`}
      description="Its stored secret is erased; sessions that used it will need another one."
      confirmLabel="Delete"
      busyLabel="Deleting…"
      busy={remove.isPending}
      onConfirm={() => remove.mutate(props.credential.id, { onSuccess: props.onClose })}
      onClose={props.onClose}
    />
  )
}
