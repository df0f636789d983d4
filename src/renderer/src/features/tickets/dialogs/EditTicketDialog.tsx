import { useState } from 'react'
import { TicketType, type TicketDetail } from '@shared/contract/tickets'
import { useUpdateTicket } from '../../../api/tickets'
import { errorText } from '../errors'
import { typeLabels } from '../labels'
import { ContactFields } from './ContactFields'
import { OptionField, SubjectFields } from './SubjectFields'
import { ticketChanges, type TicketEdit } from './ticket-changes'
import { FormDialog } from '../../../ui/Dialog'

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
    <FormDialog
      title={`Edit ${ticket.number}`}
      onClose={props.onClose}
      onSubmit={() => {
        if (nothing) return props.onClose()
        update.mutate(
          { id: ticket.id, ...changes, baseVersions: ticket.versions },
          { onSuccess: props.onClose },
        )
      }}
      busy={update.isPending}
      error={update.isError ? `Not saved: ${errorText(update.error)}` : null}
      submitLabel="Save"
      busyLabel="Saving…"
      submitDisabled={draft.subject.trim() === ''}
    >
      <SubjectFields value={draft} onChange={set} descriptionRows={6} autoFocus />
      <OptionField
        label="Type"
        options={TicketType.options}
        labels={typeLabels}
        value={draft.type}
        onChange={(type) => set({ type })}
      />
      <ContactFields value={draft} onChange={set} />
    </FormDialog>
  )
}
