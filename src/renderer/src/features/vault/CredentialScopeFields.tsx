import { useDeferredValue, useState } from 'react'
import type { CredentialScope } from '@shared/contract'
import { useClients, useDeviceSearch } from '../../api/inventory'
import { scopeKindLabels, type CredentialDraft } from './credential-draft'
import { Field } from './Field'

type ScopeDraft = Pick<CredentialDraft, 'scopeKind' | 'scopeClientId' | 'scopeDeviceId'>

/**
 * Where main may send the credential: every session, one client's devices (a select of
 * clients), or one device (found by search). Main refuses to send it anywhere else.
 */
export function CredentialScopeFields(props: {
  draft: ScopeDraft
  /** The stored scope's device hostname, shown until another device is chosen. */
  deviceLabel: string | null
  onChange(patch: Partial<ScopeDraft>): void
}) {
  const { draft, onChange } = props
  const [query, setQuery] = useState('')
  const [chosenLabel, setChosenLabel] = useState<string | null>(props.deviceLabel)
  const deferredQuery = useDeferredValue(query.trim())
  const clients = useClients({})
  const devices = useDeviceSearch(
    { query: deferredQuery, limit: 20 },
    { enabled: draft.scopeKind === 'device' && deferredQuery.length > 0 },
  )
  const found = deferredQuery ? (devices.data?.rows ?? []) : []
  const chosenShown = draft.scopeDeviceId && !found.some((d) => d.id === draft.scopeDeviceId)

  return (
    <div className="vault-form__row">
      <Field
        label="Scope"
        hint="Sessions and collection send it only there; quick connect uses global ones."
      >
        {(ids) => (
          <select
            {...ids}
            className="vault-input"
            value={draft.scopeKind}
            onChange={(e) => onChange({ scopeKind: e.target.value as CredentialScope['kind'] })}
          >
            {(Object.keys(scopeKindLabels) as Array<CredentialScope['kind']>).map((kind) => (
              <option key={kind} value={kind}>
                {scopeKindLabels[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.scopeKind === 'client' ? (
        <Field label="Client">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.scopeClientId}
              onChange={(e) => onChange({ scopeClientId: e.target.value })}
            >
              <option value="">Choose a client…</option>
              {(clients.data?.clients ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              {draft.scopeClientId &&
              clients.isSuccess &&
              !clients.data.clients.some((c) => c.id === draft.scopeClientId) ? (
                <option value={draft.scopeClientId}>A client that no longer exists</option>
              ) : null}
            </select>
          )}
        </Field>
      ) : null}
      {draft.scopeKind === 'device' ? (
        <div className="vault-form__scope-device">
          <Field label="Find a device" hint="Hostname, address or serial">
            {(ids) => (
              <input
                {...ids}
                type="search"
                className="vault-input"
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            )}
          </Field>
          <Field label="Device">
            {(ids) => (
              <select
                {...ids}
                className="vault-input"
                value={draft.scopeDeviceId}
                onChange={(e) => {
                  const row = found.find((d) => d.id === e.target.value)
                  setChosenLabel(row ? `${row.hostname} (${row.clientName})` : null)
                  onChange({ scopeDeviceId: e.target.value })
                }}
              >
                <option value="">
                  {deferredQuery ? `${found.length} found` : 'Search above, then choose…'}
                </option>
                {chosenShown ? (
                  <option value={draft.scopeDeviceId}>
                    {chosenLabel ?? 'A device that no longer exists'}
                  </option>
                ) : null}
                {found.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.hostname} ({d.clientName})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
    </div>
  )
}
