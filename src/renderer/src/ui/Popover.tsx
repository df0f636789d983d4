import { useId, useRef, useState, type ReactNode } from 'react'
import { useOutsidePointer } from './use-outside-pointer'

/**
 * A button that opens a small panel below it (column chooser, list filters). Closes on Escape
 * (focus back on the button) and on a click outside.
 */
export function Popover(props: {
  label: ReactNode
  /** The button's accessible name when `label` is an icon or differs. */
  ariaLabel?: string
  buttonClassName?: string
  panelLabel: string
  align?: 'start' | 'end'
  children: ReactNode
}) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const wrapper = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useOutsidePointer(open, [wrapper], () => setOpen(false))

  const close = (): void => {
    setOpen(false)
    button.current?.focus()
  }

  return (
    <div
      ref={wrapper}
      className="popover"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={props.buttonClassName ?? 'vault-button'}
        aria-label={props.ariaLabel}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label={props.panelLabel}
          className={`popover__panel popover__panel--${props.align ?? 'start'}`}
        >
          {props.children}
        </div>
      ) : null}
    </div>
  )
}
