import { X } from 'lucide-react'
import { useEffect, useId, useRef, type ReactNode } from 'react'
import './vault.css'

/**
 * A modal on the native <dialog>: the browser traps focus, makes the rest inert and puts it in
 * the top layer (so a trigger inside the clipped status bar still shows it whole). Mounted
 * means open; Escape and the close button ask the owner to unmount it.
 */
export function Modal(props: {
  title: string
  description?: ReactNode
  onClose: () => void
  children: ReactNode
  role?: 'dialog' | 'alertdialog'
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // React's autoFocus runs before the dialog opens, so the first field is focused here.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => dialog.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className="vault-modal"
      role={props.role}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
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
    </dialog>
  )
}
