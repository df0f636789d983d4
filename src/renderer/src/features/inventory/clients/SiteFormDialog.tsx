import { useId, useState, type FormEvent } from 'react'
import { useCreateSite } from '../../../api/inventory'
import { Field } from '../../vault/Field'
import { Modal } from '../../vault/Modal'

/** The IANA zones this browser knows, for the time zone suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['UTC']
  }
}

/** Adds a site (office, location) to a client; business hours start as Mon–Fri 08:00–17:00. */
export function SiteFormDialog(props: { clientId: string; onClose(): void }) {
  const create = useCreateSite()
  const zonesId = useId()
  const [name, setName] = useState('')
  const [address, setAddress] = useState('')
  const [timeZone, setTimeZone] = useState(
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  )
  const [problem, setProblem] = useState<string | null>(null)

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!name.trim()) {
      setProblem('Give the site a name.')
      return
    }
    create.mutate(
      {
        clientId: props.clientId,
        name: name.trim(),
        address: address.trim(),
        timeZone: timeZone.trim(),
      },
      { onSuccess: props.onClose },
    )
  }

  return (
    <Modal title="Add site" onClose={props.onClose}>
      <form className="vault-form" onSubmit={submit} noValidate>
        <Field label="Site name">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              maxLength={200}
              data-autofocus
              value={name}
              onChange={(e) => {
                setName(e.target.value)
                setProblem(null)
              }}
            />
          )}
        </Field>
        <Field label="Address">
          {(ids) => (
            <textarea
              {...ids}
              className="vault-input"
              rows={2}
              maxLength={1000}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          )}
        </Field>
        <Field label="Time zone" hint="An IANA name, e.g. Europe/Berlin; SLA clocks use it.">
          {(ids) => (
            <>
              <input
                {...ids}
                className="vault-input"
                list={zonesId}
                maxLength={64}
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
              />
              <datalist id={zonesId}>
                {timeZones().map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        {problem || create.error ? (
          <p className="vault-form__error" role="alert">
            {problem ?? create.error?.message}
          </p>
        ) : null}
        <div className="vault-form__actions">
          <button type="button" className="vault-button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="vault-button vault-button--primary"
            disabled={create.isPending}
          >
            Add site
          </button>
        </div>
      </form>
    </Modal>
  )
}
