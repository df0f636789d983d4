import { Field } from '../../vault/Field'

/** A ticket's contact as a form holds it: text, empty for none. */
export interface ContactDraft {
  contactName: string
  contactEmail: string
  contactPhone: string
}

/** Contact, email and phone on one row, for the new-ticket and edit dialogs. */
export function ContactFields(props: {
  value: ContactDraft
  onChange(patch: Partial<ContactDraft>): void
}) {
  const { value, onChange } = props
  return (
    <div className="vault-form__row tk-form__three">
      <Field label="Contact">
        {(ids) => (
          <input
            {...ids}
            className="vault-input"
            value={value.contactName}
            onChange={(event) => onChange({ contactName: event.target.value })}
          />
        )}
      </Field>
      <Field label="Email">
        {(ids) => (
          <input
            {...ids}
            type="email"
            className="vault-input"
            value={value.contactEmail}
            onChange={(event) => onChange({ contactEmail: event.target.value })}
          />
        )}
      </Field>
      <Field label="Phone">
        {(ids) => (
          <input
            {...ids}
            type="tel"
            className="vault-input"
            value={value.contactPhone}
            onChange={(event) => onChange({ contactPhone: event.target.value })}
          />
        )}
      </Field>
    </div>
  )
}
