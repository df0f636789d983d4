import { Clock, MessageSquarePlus } from 'lucide-react'
import { useId, useState } from 'react'
import type { NoteVisibility, TicketDetail } from '@shared/contract/tickets'
import { useAddNote } from '../../../api/tickets'
import { TAB_STRIP, tabStripRef } from '../../../ui/tab-strip'
import { errorText } from '../errors'
import { TimeEntryForm } from './TimeEntryForm'

type Tab = 'note' | 'time'

/** Where work is written down: a note (internal or for the customer), or time spent. */
export function Composer({ ticket }: { ticket: TicketDetail }) {
  const [tab, setTab] = useState<Tab>('note')
  const ids = { note: useId(), time: useId() }
  return (
    <section className="tk-card tk-composer" aria-label="Add to the ticket">
      <div ref={tabStripRef} className={`${TAB_STRIP} tk-tabs`} role="tablist" aria-label="Add">
        <button
          type="button"
          role="tab"
          id={`${ids.note}-tab`}
          aria-controls={ids.note}
          aria-selected={tab === 'note'}
          className="tk-tabs__tab"
          onClick={() => setTab('note')}
        >
          <MessageSquarePlus aria-hidden size={14} />
          Note
        </button>
        <button
          type="button"
          role="tab"
          id={`${ids.time}-tab`}
          aria-controls={ids.time}
          aria-selected={tab === 'time'}
          className="tk-tabs__tab"
          onClick={() => setTab('time')}
        >
          <Clock aria-hidden size={14} />
          Log time
        </button>
      </div>
      {/* Both stay mounted: switching tabs never loses what was typed in the other. */}
      <div
        role="tabpanel"
        id={ids.note}
        aria-labelledby={`${ids.note}-tab`}
        hidden={tab !== 'note'}
      >
        <NoteForm ticket={ticket} />
      </div>
      <div
        role="tabpanel"
        id={ids.time}
        aria-labelledby={`${ids.time}-tab`}
        hidden={tab !== 'time'}
      >
        <TimeEntryForm ticketId={ticket.id} />
      </div>
    </section>
  )
}

function NoteForm({ ticket }: { ticket: TicketDetail }) {
  const addNote = useAddNote()
  const [body, setBody] = useState('')
  const [visibility, setVisibility] = useState<NoteVisibility>('internal')
  const [isPlan, setIsPlan] = useState(false)
  const bodyId = useId()
  const customer = visibility === 'customer'

  return (
    <form
      className="tk-form"
      onSubmit={(event) => {
        event.preventDefault()
        addNote.mutate(
          { ticketId: ticket.id, body, visibility, isPlan },
          {
            onSuccess: () => {
              setBody('')
              setIsPlan(false)
            },
          },
        )
      }}
    >
      <label htmlFor={bodyId} className="tk-sr-only">
        New note
      </label>
      <textarea
        id={bodyId}
        className={customer ? 'tk-textarea tk-textarea--customer' : 'tk-textarea'}
        rows={4}
        placeholder={
          customer
            ? 'Write to the customer: they will see this note.'
            : 'Write an internal note: only technicians see it.'
        }
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            event.currentTarget.form?.requestSubmit()
          }
        }}
      />
      <div className="tk-form__row">
        <fieldset className="tk-segmented">
          <legend className="tk-sr-only">Who sees the note</legend>
          <label
            className={
              visibility === 'internal'
                ? 'tk-segmented__option tk-segmented__option--on'
                : 'tk-segmented__option'
            }
          >
            <input
              type="radio"
              name={`${bodyId}-visibility`}
              checked={visibility === 'internal'}
              onChange={() => setVisibility('internal')}
            />
            Internal
          </label>
          <label
            className={
              customer ? 'tk-segmented__option tk-segmented__option--on' : 'tk-segmented__option'
            }
          >
            <input
              type="radio"
              name={`${bodyId}-visibility`}
              checked={customer}
              onChange={() => setVisibility('customer')}
            />
            Customer-facing
          </label>
        </fieldset>
        <label className="tk-check">
          <input
            type="checkbox"
            checked={isPlan}
            onChange={(event) => setIsPlan(event.target.checked)}
          />
          Resolution plan
        </label>
        <span className="tk-form__spacer" />
        <button
          type="submit"
          className="vault-button vault-button--primary"
          disabled={addNote.isPending || body.trim() === ''}
        >
          {addNote.isPending ? 'Adding…' : customer ? 'Add customer note' : 'Add internal note'}
        </button>
      </div>
      {addNote.isError ? (
        <p className="vault-form__error" role="alert">
          The note was not added: {errorText(addNote.error)}
        </p>
      ) : null}
    </form>
  )
}
