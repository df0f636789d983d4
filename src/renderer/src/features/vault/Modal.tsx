import { X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { NativeDialog } from '../../ui/NativeDialog'
import './vault.css'

/**
 * The app's dialog (first made for the vault): a header with a close button, an optional
 * description, free content. `className` adds a size or feature class to `vault-modal`.
 */
export function Modal(props: {
  title: string
  description?: ReactNode
  onClose: () => void
  children: ReactNode
  role?: 'dialog' | 'alertdialog'
  className?: string
}) {
  const titleId = useId()
  const descriptionId = useId()
  return (
    <NativeDialog
      className={props.className ? `vault-modal ${props.className}` : 'vault-modal'}
      role={props.role}
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
