import { X } from 'lucide-react'
import { tabbable } from 'tabbable'
import {
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react'
import './dialog.css'

export interface DialogProps {
  title: string
  /** Read out with the title (aria-describedby). */
  description?: ReactNode
  /** 'alertdialog' interrupts to confirm or warn; its safe action carries `data-autofocus`. */
  role?: 'dialog' | 'alertdialog'
  size?: 'normal' | 'wide' | 'full'
  /** A warning that must not be missed: a red frame and title. */
  tone?: 'danger'
  /** A feature's own class, for a width between the sizes or inner layout. */
  className?: string
  /** Escape, the close button and Cancel actions call it; the owner unmounts the dialog. */
  onClose(): void
  /** False while work that must not be left half done runs: Escape and the close button wait. */
  closable?: boolean
  /** The header's ✕; off where the actions already offer a way out under the same name. */
  closeButton?: boolean
  /** With it, the body and actions are one form: Enter in a field submits. */
  onSubmit?(): void
  formRef?: Ref<HTMLFormElement>
  /** The form checks its fields itself (messages beside each field), not the browser. */
  noValidate?: boolean
  /** The footer, right-aligned. */
  actions?: ReactNode
  /** Dialogs opened from this one: outside the form, since forms cannot nest. */
  nested?: ReactNode
  children: ReactNode
}

/**
 * The app's one dialog, on the native <dialog> with showModal(): the browser makes the page
 * behind inert (no pointer, no focus), puts the dialog in the top layer (so a trigger inside a
 * clipped bar still shows it whole) and turns Escape into a cancel; Tab wraps inside it.
 * Mounted means open; unmounting closes it and the browser returns focus to the opener. The
 * element marked `data-autofocus` takes focus (React's autoFocus runs before the dialog opens).
 */
export function Dialog({ formRef, ...props }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()
  const closable = props.closable ?? true
  // Chromium closes a dialog on a second Escape even when its cancel was refused (an Escape
  // without a click or key in between cannot be held). Still mounted means the owner did not
  // agree: a dialog that may close closes properly, one that is busy opens again.
  const closedByBrowser = useEffectEvent((dialog: HTMLDialogElement) => {
    if (closable) props.onClose()
    else dialog.showModal()
  })

  // Layout effect: closing before React removes the element lets the browser hand focus back.
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    let unmounting = false
    const onNativeClose = (): void => {
      if (!unmounting) closedByBrowser(dialog)
    }
    dialog.addEventListener('close', onNativeClose)
    return () => {
      unmounting = true
      dialog.removeEventListener('close', onNativeClose)
      dialog.close()
    }
  }, [])

  const close = (): void => {
    if (closable) props.onClose()
  }

  // The browser's trap lets Tab leave the last control for its own toolbar (or nowhere, in
  // Electron); Tab wraps to the first control instead, and Shift+Tab to the last.
  const wrapTab = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return
    const dialog = event.currentTarget
    // A dialog opened from this one wraps its own focus.
    if (!(event.target instanceof Element) || event.target.closest('dialog') !== dialog) return
    const stops = tabbable(dialog)
    const first = stops[0]
    const last = stops[stops.length - 1]
    if (!first || !last) return
    const active = document.activeElement
    const to = event.shiftKey
      ? active === first || active === dialog
        ? last
        : null
      : active === last
        ? first
        : null
    if (!to) return
    event.preventDefault()
    to.focus()
  }
  const classes = ['dialog']
  if (props.size && props.size !== 'normal') classes.push(`dialog--${props.size}`)
  if (props.tone) classes.push(`dialog--${props.tone}`)
  if (props.className) classes.push(props.className)
  const actions = props.actions ? <div className="dialog__actions">{props.actions}</div> : null

  return (
    <dialog
      ref={ref}
      role={props.role}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      className={classes.join(' ')}
      onKeyDown={wrapTab}
      onCancel={(event) => {
        event.preventDefault()
        close()
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {props.title}
        </h2>
        {(props.closeButton ?? true) ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Close"
            disabled={!closable}
            onClick={close}
          >
            <X aria-hidden size={16} />
          </button>
        ) : null}
      </div>
      {props.description ? (
        <div id={descriptionId} className="dialog__description">
          {props.description}
        </div>
      ) : null}
      {props.onSubmit ? (
        <form
          ref={formRef}
          className="dialog__form"
          noValidate={props.noValidate}
          onSubmit={(event) => {
            event.preventDefault()
            props.onSubmit?.()
          }}
        >
          <div className="dialog__body">{props.children}</div>
          {actions}
        </form>
      ) : (
        <>
          <div className="dialog__body">{props.children}</div>
          {actions}
        </>
      )}
      {props.nested}
    </dialog>
  )
}

export interface FormDialogProps extends Omit<DialogProps, 'actions' | 'onSubmit' | 'role'> {
  onSubmit(): void
  /**
   * The submit is under way: the actions are disabled (the submit says `busyLabel`, if given)
   * and Escape waits, so what the technician sees is what was saved or the error.
   */
  busy?: boolean
  /** The form-wide failure, shown above the actions and announced. */
  error?: string | null | undefined
  submitLabel: string
  busyLabel?: string
  /** The form cannot be sent yet (a required field is empty). */
  submitDisabled?: boolean
}

/** A dialog that is one form: fields, a form-wide error line, then Cancel and the submit. */
export function FormDialog(props: FormDialogProps) {
  const { busy, error, submitLabel, busyLabel, submitDisabled, ...rest } = props
  return (
    <Dialog
      {...rest}
      closable={!busy && props.closable !== false}
      actions={
        <>
          <button type="button" className="vault-button" disabled={busy} onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="vault-button vault-button--primary"
            disabled={busy || submitDisabled}
          >
            {busy && busyLabel ? busyLabel : submitLabel}
          </button>
        </>
      }
    >
      {props.children}
      {error ? (
        <p className="vault-form__error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  )
}

/**
 * An alertdialog that asks before something that cannot be undone. Cancel, the safe action,
 * has focus first, so an Enter that was meant for the page deletes nothing; while the change
 * runs, both actions and Escape wait for its answer.
 */
export function ConfirmDialog(props: {
  title: string
  description: ReactNode
  confirmLabel: string
  /** The safe action's name: 'Cancel' unless the question reads better with another. */
  cancelLabel?: string
  busyLabel?: string
  busy: boolean
  error?: string | null | undefined
  /** The confirm button is disabled (a needed choice is not made yet). */
  confirmDisabled?: boolean
  onConfirm(): void
  onClose(): void
  children?: ReactNode
}) {
  return (
    <Dialog
      role="alertdialog"
      title={props.title}
      description={props.description}
      onClose={props.onClose}
      closable={!props.busy}
      actions={
        <>
          <button
            type="button"
            className="vault-button"
            data-autofocus
            disabled={props.busy}
            onClick={props.onClose}
          >
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button
            type="button"
            className="vault-button vault-button--danger"
            disabled={props.busy || props.confirmDisabled}
            onClick={props.onConfirm}
          >
            {props.busy && props.busyLabel ? props.busyLabel : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children || props.error ? (
        <div className="dialog__stack">
          {props.children}
          {props.error ? (
            <p className="vault-form__error" role="alert">
              {props.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  )
}
