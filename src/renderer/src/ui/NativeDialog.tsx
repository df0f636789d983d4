import { useLayoutEffect, useRef, type ReactNode } from 'react'

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert, puts
 * it in the top layer (so a trigger inside a clipped bar still shows it whole) and turns
 * Escape into `onCancel`. Mounted means open. The element marked `data-autofocus` takes focus
 * (React's autoFocus runs before the dialog opens).
 */
export function NativeDialog(props: {
  labelledBy: string
  describedBy?: string | undefined
  role?: 'dialog' | 'alertdialog' | undefined
  className: string
  onCancel(): void
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
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
      role={props.role}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      className={props.className}
      onCancel={(event) => {
        event.preventDefault()
        props.onCancel()
      }}
    >
      {props.children}
    </dialog>
  )
}
