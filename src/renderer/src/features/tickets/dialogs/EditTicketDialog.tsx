import { useState } from 'react'
import { TicketType, type TicketDetail } from '@shared/contract/tickets'
import { useUpdateTicket } from '../../../api/tickets'
import { Field } from '../../vault/Field'
import { errorText } from '../errors'
import { typeLabels } from '../labels'
import { OptionSelect } from '../pickers/OptionSelect'
import { ContactFields } from './ContactFields'
import { ticketChanges, type TicketEdit } from './ticket-changes'
import { Modal } from '../../vault/Modal'

/** Subject, description, type and contact of a ticket. */
export function EditTicketDialog(props: { ticket: TicketDetail; onClose(): void }) {
  const { ticket } = props
  const update = useUpdateTicket()
  const [draft, setDraft] = useState<TicketEdit>({
    subject: ticket.subject,
    description: ticket.description,
    type: ticket.type,
    contactName: ticket.contact.name ?? '',
    contactEmail: ticket.contact.email ?? '',
    contactPhone: ticket.contact.phone ?? '',
  })
  const set = (patch: Partial<TicketEdit>): void => setDraft((d) => ({ ...d, ...patch }))
  const changes = ticketChanges(ticket, draft)
  const nothing = Object.keys(changes).length === 0

  return (
    <Modal className="tk-modal" title={`Edit ${ticket.number}`} onClose={props.onClose}>
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
            <OptionSelect
              {...ids}
              className="vault-input"
              options={TicketType.options}
              labels={typeLabels}
              value={draft.type}
              onChange={(type) => set({ type })}
            />
          )}
        </Field>
        <ContactFields value={draft} onChange={set} />
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
    </Modal>
  )
}
