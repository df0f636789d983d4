import { X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { NativeDialog } from '../../../ui/NativeDialog'
import '../../vault/vault.css'

/** A dialog like the vault's Modal, wide enough for tables (CSV mapping and preview). */
export function WideDialog(props: {
  title: string
  description?: ReactNode
  onClose(): void
  children: ReactNode
}) {
  const titleId = useId()
  const descriptionId = useId()
  return (
    <NativeDialog
      className="vault-modal inv-dialog--wide"
      labelledBy={titleId}
      describedBy={props.description ? descriptionId : undefined}
      onCancel={props.onClose}
    >
      <div className="vault-modal__header">
        <h2 id={titleId} className="vault-modal__title">
          {props.title}
        </h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={props.onClose}>
          <X aria-hidden size={16} />
        </button>
      </div>
      {props.description ? (
        <div id={descriptionId} className="vault-modal__description">
          {props.description}
        </div>
      ) : null}
      {props.children}
    </NativeDialog>
  )
}
