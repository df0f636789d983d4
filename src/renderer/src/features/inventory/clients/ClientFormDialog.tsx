import { useId, useState } from 'react'
import type { MspClient } from '@shared/contract'
import { useCreateClient, useUpdateClient } from '../../../api/inventory'
import { Field } from '../../vault/Field'
import { FormDialog } from '../../../ui/Dialog'
import {
  checkDraft,
  contractTiers,
  draftFor,
  suggestShortCode,
  type ClientDraft,
} from './client-draft'

/** Adds a client, or edits one (`client` given). */
export function ClientFormDialog(props: {
  client: MspClient | null
  onClose(): void
  onSaved?(client: MspClient): void
}) {
  const { client } = props
  const create = useCreateClient()
  const update = useUpdateClient()
  const tiersId = useId()
  const [draft, setDraft] = useState<ClientDraft>(() => draftFor(client))
  const [codeTouched, setCodeTouched] = useState(client !== null)
  const [problem, setProblem] = useState<{ text: string; field: keyof ClientDraft } | null>(null)
  const pending = create.isPending || update.isPending
  const serverError = create.error ?? update.error

  const set = (key: keyof ClientDraft, value: string): void => {
    setDraft((d) => {
      const next = { ...d, [key]: value }
      if (key === 'name' && !codeTouched) next.shortCode = suggestShortCode(value)
      return next
    })
    if (key === 'shortCode') setCodeTouched(true)
    setProblem(null)
  }

  const submit = (): void => {
    const checked = checkDraft(draft)
    if ('problem' in checked) {
      setProblem({ text: checked.problem, field: checked.field })
      return
    }
    const done = {
      onSuccess: (saved: MspClient) => {
        props.onSaved?.(saved)
        props.onClose()
      },
    }
    if (client) update.mutate({ id: client.id, ...checked.input }, done)
    else create.mutate(checked.input, done)
  }

  const invalid = (field: keyof ClientDraft) => problem?.field === field || undefined

  return (
    <FormDialog
      title={client ? `Edit ${client.name}` : 'Add client'}
      onClose={props.onClose}
      onSubmit={submit}
      noValidate
      busy={pending}
      error={problem?.text ?? serverError?.message}
      submitLabel={client ? 'Save' : 'Add client'}
    >
      <div className="vault-form__row">
        <Field label="Name">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              maxLength={200}
              data-autofocus
              aria-invalid={invalid('name')}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Short code" hint="Unique; used in CSV files and tickets.">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              maxLength={16}
              aria-invalid={invalid('shortCode')}
              value={draft.shortCode}
              onChange={(e) => set('shortCode', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Contract tier">
        {(ids) => (
          <>
            <input
              {...ids}
              className="vault-input"
              list={tiersId}
              maxLength={60}
              value={draft.contractTier}
              onChange={(e) => set('contractTier', e.target.value)}
            />
            <datalist id={tiersId}>
              {contractTiers.map((tier) => (
                <option key={tier} value={tier} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="vault-form__row">
        <Field label="Online within (minutes)" hint="Last seen this recently: online.">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              inputMode="numeric"
              aria-invalid={invalid('onlineMinutes')}
              value={draft.onlineMinutes}
              onChange={(e) => set('onlineMinutes', e.target.value)}
            />
          )}
        </Field>
        <Field label="Stale after (minutes)" hint="Older than this: offline.">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              inputMode="numeric"
              aria-invalid={invalid('staleMinutes')}
              value={draft.staleMinutes}
              onChange={(e) => set('staleMinutes', e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Notes">
        {(ids) => (
          <textarea
            {...ids}
            className="vault-input"
            rows={3}
            maxLength={20_000}
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  )
}
