import { Plus } from 'lucide-react'
import { useId, useState } from 'react'
import { useDeviceSearch } from '../../../api/inventory'
import { useDebounced } from '../../../ui/use-debounced'

const SHOWN = 6

/** Finds a device of one client by name, address or serial, and hands back the one picked. */
export function DevicePicker(props: {
  clientId: string
  exclude: readonly string[]
  label?: string
  busy?: boolean
  onPick(device: { id: string; hostname: string }): void
}) {
  const [typed, setTyped] = useState('')
  const query = useDebounced(typed.trim(), 120)
  const inputId = useId()
  const listId = useId()
  const result = useDeviceSearch({
    clientId: props.clientId,
    ...(query ? { query } : {}),
    limit: SHOWN + props.exclude.length,
    offset: 0,
    sort: { column: 'hostname', direction: 'asc' },
  })
  const rows = (result.data?.rows ?? [])
    .filter((r) => !props.exclude.includes(r.id))
    .slice(0, SHOWN)

  return (
    <div className="tk-picker">
      <label htmlFor={inputId} className="tk-sr-only">
        {props.label ?? 'Find a device'}
      </label>
      <input
        id={inputId}
        type="search"
        className="vault-input"
        placeholder={props.label ?? 'Find a device by name, IP or serial'}
        aria-controls={listId}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
      />
      <ul id={listId} className="tk-picker__list" aria-label="Matching devices">
        {rows.map((row) => (
          <li key={row.id}>
            <button
              type="button"
              className="tk-picker__item"
              disabled={props.busy}
              onClick={() => {
                props.onPick({ id: row.id, hostname: row.hostname })
                setTyped('')
              }}
            >
              <Plus aria-hidden size={13} />
              <span className="tk-picker__name">{row.hostname}</span>
              <span className="tk-muted">{[row.siteName, row.ip].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
      {result.data && rows.length === 0 ? (
        <p className="tk-muted tk-picker__none">
          {query ? 'No device matches.' : 'This client has no other devices.'}
        </p>
      ) : null}
    </div>
  )
}
