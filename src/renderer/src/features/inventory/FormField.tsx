import type { ReactNode } from 'react'
import { Field, type FieldIds } from '../vault/Field'

/** A labelled input whose error replaces its hint and marks it invalid. */
export function FormField(props: {
  label: string
  hint?: string
  error: string | undefined
  children: (ids: FieldIds & { 'aria-invalid'?: true }) => ReactNode
}) {
  return (
    <Field
      label={props.label}
      hint={props.error ? <span className="detail-field-error">{props.error}</span> : props.hint}
    >
      {(ids) => props.children(props.error ? { ...ids, 'aria-invalid': true } : ids)}
    </Field>
  )
}
