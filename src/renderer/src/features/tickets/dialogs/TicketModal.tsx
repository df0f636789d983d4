import { X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { NativeDialog } from '../../../ui/NativeDialog'
import '../../vault/vault.css'

/** The app's dialog look (the vault's), in a normal or a wide size. */
export function TicketModal(props: {
  title: string
  description?: ReactNode
  wide?: boolean
  onClose(): void
  children: ReactNode
}) {
  const titleId = useId()
  const descriptionId = useId()
  return (
    <NativeDialog
      className={props.wide ? 'vault-modal tk-modal tk-modal--wide' : 'vault-modal tk-modal'}
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
