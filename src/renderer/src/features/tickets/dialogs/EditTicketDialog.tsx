import { useState } from 'react'
import { TicketType, type TicketDetail } from '@shared/contract/tickets'
import { useUpdateTicket, type UpdateTicketInput } from '../../../api/tickets'
import { Field } from '../../vault/Field'
import { errorText } from '../errors'
import { typeLabels } from '../labels'
import { TicketModal } from './TicketModal'

interface Draft {
  subject: string
  description: string
  type: TicketType
  contactName: string
  contactEmail: string
  contactPhone: string
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())

/** Only what changed goes to main, so an edit never overwrites a field nobody touched. */
export function ticketChanges(ticket: TicketDetail, draft: Draft): Omit<UpdateTicketInput, 'id'> {
  const changes: Omit<UpdateTicketInput, 'id'> = {}
  if (draft.subject.trim() !== ticket.subject) changes.subject = draft.subject.trim()
  if (draft.description !== ticket.description) changes.description = draft.description
  if (draft.type !== ticket.type) changes.type = draft.type
  const contact: NonNullable<UpdateTicketInput['contact']> = {}
  if (orNull(draft.contactName) !== ticket.contact.name) contact.name = orNull(draft.contactName)
  if (orNull(draft.contactEmail) !== ticket.contact.email)
    contact.email = orNull(draft.contactEmail)
  if (orNull(draft.contactPhone) !== ticket.contact.phone)
    contact.phone = orNull(draft.contactPhone)
  if (Object.keys(contact).length > 0) changes.contact = contact
  return changes
}

/** Subject, description, type and contact of a ticket. */
export function EditTicketDialog(props: { ticket: TicketDetail; onClose(): void }) {
  const { ticket } = props
  const update = useUpdateTicket()
  const [draft, setDraft] = useState<Draft>({
    subject: ticket.subject,
    description: ticket.description,
    type: ticket.type,
    contactName: ticket.contact.name ?? '',
    contactEmail: ticket.contact.email ?? '',
    contactPhone: ticket.contact.phone ?? '',
  })
  const set = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }))
  const changes = ticketChanges(ticket, draft)
  const nothing = Object.keys(changes).length === 0

  return (
    <TicketModal title={`Edit ${ticket.number}`} onClose={props.onClose}>
      <form
        className="vault-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (nothing) return props.onClose()
          update.mutate(
            { id: ticket.id, ...changes, baseVersions: ticket.versions },
            { onSuccess: props.onClose },
          )
        }}
      >
        <Field label="Subject">
          {(ids) => (
            <input
              {...ids}
              data-autofocus
              className="vault-input"
              value={draft.subject}
              required
              maxLength={300}
              onChange={(event) => set({ subject: event.target.value })}
            />
          )}
        </Field>
        <Field label="Description">
          {(ids) => (
            <textarea
              {...ids}
              className="tk-textarea"
              rows={6}
              value={draft.description}
              onChange={(event) => set({ description: event.target.value })}
            />
          )}
        </Field>
        <Field label="Type">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.type}
              onChange={(event) => set({ type: TicketType.parse(event.target.value) })}
            >
              {TicketType.options.map((type) => (
                <option key={type} value={type}>
                  {typeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="vault-form__row tk-form__three">
          <Field label="Contact">
            {(ids) => (
              <input
                {...ids}
                className="vault-input"
                value={draft.contactName}
                onChange={(event) => set({ contactName: event.target.value })}
              />
            )}
          </Field>
          <Field label="Email">
            {(ids) => (
              <input
                {...ids}
                type="email"
                className="vault-input"
                value={draft.contactEmail}
                onChange={(event) => set({ contactEmail: event.target.value })}
              />
            )}
          </Field>
          <Field label="Phone">
            {(ids) => (
              <input
                {...ids}
                type="tel"
                className="vault-input"
                value={draft.contactPhone}
                onChange={(event) => set({ contactPhone: event.target.value })}
              />
            )}
          </Field>
        </div>
        {update.isError ? (
          <p className="vault-form__error" role="alert">
            Not saved: {errorText(update.error)}
          </p>
        ) : null}
        <div className="vault-form__actions">
          <button type="button" className="vault-button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="vault-button vault-button--primary"
            disabled={update.isPending || draft.subject.trim() === ''}
          >
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </TicketModal>
  )
}
