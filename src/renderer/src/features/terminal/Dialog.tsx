import { useId, useLayoutEffect, useRef, type ReactNode } from 'react'

interface DialogProps {
  title: string
  /** 'alertdialog' for warnings that interrupt; styled as danger. */
  role?: 'dialog' | 'alertdialog'
  onCancel(): void
  onSubmit?(): void
  children: ReactNode
  actions: ReactNode
  className?: string
}

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert and
 * turns Escape into `cancel`. The element marked `data-autofocus` (else the first field or
 * button) takes focus; Enter submits the form.
 */
export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const role = props.role ?? 'dialog'

  // Layout effect: closing before React removes the element lets the browser hand focus back.
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => dialog.close()
  }, [])

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      className={`term-dialog ${role === 'alertdialog' ? 'term-dialog--danger' : ''} ${props.className ?? ''}`}
      onCancel={(event) => {
        event.preventDefault()
        props.onCancel()
      }}
    >
      <form
        method="dialog"
        className="term-dialog__form"
        onSubmit={(event) => {
          event.preventDefault()
          props.onSubmit?.()
        }}
      >
        <h2 id={titleId} className="term-dialog__title">
          {props.title}
        </h2>
        <div className="term-dialog__body">{props.children}</div>
        <div className="term-dialog__actions">{props.actions}</div>
      </form>
    </dialog>
  )
}
