import { useId, type ReactNode } from 'react'

/** The ids a control needs to be named by its label and described by its hint. */
export interface FieldIds {
  id: string
  'aria-describedby'?: string
}

/**
 * A labelled control with an optional hint. The label points at the control by id instead of
 * wrapping it, so a select's options or a textarea's text never become part of its name.
 */
export function Field(props: {
  label: string
  hint?: ReactNode
  children: (ids: FieldIds) => ReactNode
}) {
  const id = useId()
  const hintId = useId()
  return (
    <div className="vault-field">
      <label htmlFor={id} className="vault-field__label">
        {props.label}
      </label>
      {props.children(props.hint ? { id, 'aria-describedby': hintId } : { id })}
      {props.hint ? (
        <small id={hintId} className="vault-field__hint">
          {props.hint}
        </small>
      ) : null}
    </div>
  )
}
