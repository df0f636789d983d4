import { Building2, X } from 'lucide-react'
import { useId, useState } from 'react'
import { useClient, useClients } from '../../../api/inventory'
import { useDebounced } from '../../../ui/use-debounced'

const SHOWN = 8

/** A searchable client field: type to find, pick one; the chosen client shows as a chip. */
export function ClientPicker(props: {
  clientId: string | null
  onChange(clientId: string | null): void
  error?: string | null
}) {
  const [typed, setTyped] = useState('')
  const query = useDebounced(typed.trim(), 100)
  const clients = useClients(query ? { query } : {})
  const chosen = useClient(props.clientId)
  const inputId = useId()
  const listId = useId()

  if (props.clientId !== null) {
    return (
      <div className="vault-field">
        <span className="vault-field__label">Client</span>
        <div className="tk-chip-row">
          <span className="tk-chip" data-testid="chosen-client">
            <Building2 aria-hidden size={13} />
            {chosen.data?.name ?? '…'}
            <button
              type="button"
              className="tk-chip__remove"
              aria-label="Choose another client"
              onClick={() => props.onChange(null)}
            >
              <X aria-hidden size={12} />
            </button>
          </span>
        </div>
      </div>
    )
  }
  const rows = (clients.data?.clients ?? []).slice(0, SHOWN)
  return (
    <div className="vault-field">
      <label htmlFor={inputId} className="vault-field__label">
        Client
      </label>
      <input
        id={inputId}
        type="search"
        data-autofocus
        className="vault-input"
        placeholder="Type to find a client"
        aria-controls={listId}
        aria-invalid={props.error ? true : undefined}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          const first = rows[0]
          if (event.key === 'Enter' && first) {
            event.preventDefault()
            props.onChange(first.id)
          }
        }}
      />
      <ul id={listId} className="tk-picker__list" aria-label="Matching clients">
        {rows.map((client) => (
          <li key={client.id}>
            <button
              type="button"
              className="tk-picker__item"
              onClick={() => props.onChange(client.id)}
            >
              <Building2 aria-hidden size={13} />
              <span className="tk-picker__name">{client.name}</span>
              <span className="tk-muted">{client.shortCode}</span>
            </button>
          </li>
        ))}
      </ul>
      {clients.data && rows.length === 0 ? (
        <p className="tk-muted tk-picker__none">No client matches “{typed.trim()}”.</p>
      ) : null}
      {props.error ? <small className="vault-form__error">{props.error}</small> : null}
    </div>
  )
}
