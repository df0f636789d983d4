import { Field } from '../../vault/Field'
import { OptionSelect } from '../pickers/OptionSelect'

/** A ticket's subject and description as a form holds them. */
export interface SubjectDraft {
  subject: string
  description: string
}

/** Subject and description, for the new-ticket and edit dialogs. */
export function SubjectFields(props: {
  value: SubjectDraft
  onChange(patch: Partial<SubjectDraft>): void
  descriptionRows: number
  /** The dialog opens on the subject (editing; a new ticket starts with its client). */
  autoFocus?: boolean
  /** Shown as wrong once the technician has tried to send it empty. */
  subjectInvalid?: boolean
  placeholder?: string
}) {
  const { value, onChange } = props
  return (
    <>
      <Field label="Subject">
        {(ids) => (
          <input
            {...ids}
            className="vault-input"
            data-autofocus={props.autoFocus ? true : undefined}
            value={value.subject}
            required
            maxLength={300}
            aria-invalid={props.subjectInvalid ? true : undefined}
            placeholder={props.placeholder}
            onChange={(event) => onChange({ subject: event.target.value })}
          />
        )}
      </Field>
      <Field label="Description">
        {(ids) => (
          <textarea
            {...ids}
            className="tk-textarea"
            rows={props.descriptionRows}
            value={value.description}
            onChange={(event) => onChange({ description: event.target.value })}
          />
        )}
      </Field>
    </>
  )
}

/** A labelled choice among a ticket's fixed values (type, impact, urgency). */
export function OptionField<T extends string>(props: {
  label: string
  options: readonly T[]
  labels: Record<T, string>
  value: T
  onChange(value: T): void
}) {
  const { label, ...select } = props
  return (
    <Field label={label}>
      {(ids) => <OptionSelect {...ids} {...select} className="vault-input" />}
    </Field>
  )
}
