import type { CredentialSummary } from '@shared/contract'
import { useDeleteCredential } from '../../api/vault'
import { Modal } from './Modal'

/** Asks before deleting a credential; deleting cannot be undone. */
export function DeleteCredentialDialog(props: {
  credential: CredentialSummary
  onClose: () => void
}) {
  const remove = useDeleteCredential()
  return (
    <Modal
      role="alertdialog"
      title={`Delete ${props.credential.name}?`}
      description="Its stored secret is erased; sessions that used it will need another one."
      onClose={props.onClose}
    >
      <div className="vault-form__actions">
        <button type="button" className="vault-button" data-autofocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="vault-button vault-button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(props.credential.id, { onSuccess: props.onClose })}
        >
          {remove.isPending ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Modal>
  )
}
