import { useId, type ReactNode } from 'react'
import { NativeDialog } from '../../ui/NativeDialog'

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

/** A terminal dialog: a title, a body and actions in one form, so Enter submits. */
export function Dialog(props: DialogProps) {
  const titleId = useId()
  const role = props.role ?? 'dialog'
  return (
    <NativeDialog
      role={role}
      labelledBy={titleId}
      className={`term-dialog ${role === 'alertdialog' ? 'term-dialog--danger' : ''} ${props.className ?? ''}`}
      onCancel={props.onCancel}
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
    </NativeDialog>
  )
}
