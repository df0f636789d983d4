import { useId, useRef, useState } from 'react'
import { inventory, type Site } from '@shared/contract'
import type { Weekday } from '@shared/domain/sla'
import { useCreateSite, useUpdateSite } from '../../../api/inventory'
import { FormDialog } from '../../../ui/Dialog'
import '../device-detail/device-detail.css'
import { FormField } from '../FormField'
import {
  draftToCreateSite,
  draftToUpdateSite,
  FORM_WEEK,
  siteDraft,
  type SiteDraft,
  type SiteErrors,
  type SiteField,
} from './site-form'

/** The IANA zones this browser knows, for the time zone suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['UTC']
  }
}

const checkCreate = (input: unknown) => inventory.createSite.input.safeParse(input)
const checkUpdate = (input: unknown) => inventory.updateSite.input.safeParse(input)

/**
 * Adds a site (office, location) to a client, business hours starting as Mon–Fri 08:00–17:00;
 * or, given `site`, changes its name, address, zone (unchanged hours move to the new zone) and
 * weekly hours. Holidays are kept as they are.
 */
export function SiteFormDialog(props: { clientId: string; site?: Site; onClose(): void }) {
  const site = props.site ?? null
  const create = useCreateSite()
  const update = useUpdateSite()
  const zonesId = useId()
  const hoursHintId = useId()
  const form = useRef<HTMLFormElement>(null)
  const [draft, setDraft] = useState<SiteDraft>(() =>
    siteDraft(site, Intl.DateTimeFormat().resolvedOptions().timeZone),
  )
  const [errors, setErrors] = useState<SiteErrors>({})
  const pending = create.isPending || update.isPending

  const set = (key: SiteField, value: string): void => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }))
  }

  const setDay = (day: Weekday, value: string): void => {
    setDraft((d) => ({ ...d, hours: { ...d.hours, [day]: value } }))
    setErrors((e) => ({ ...e, [day]: undefined, form: undefined }))
  }

  const refuse = (next: SiteErrors): void => {
    setErrors(next)
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    )
  }
  const done = { onSuccess: props.onClose, onError: (e: Error) => refuse({ form: e.message }) }

  const submit = (): void => {
    if (site) {
      const result = draftToUpdateSite(site, draft, checkUpdate)
      if (!result.ok) return refuse(result.errors)
      if (result.changed === 0) return props.onClose()
      update.mutate(result.input, done)
    } else {
      const result = draftToCreateSite(props.clientId, draft, checkCreate)
      if (!result.ok) return refuse(result.errors)
      create.mutate(result.input, done)
    }
  }

  return (
    <FormDialog
      title={site ? `Edit ${site.name}` : 'Add site'}
      onClose={props.onClose}
      onSubmit={submit}
      formRef={form}
      noValidate
      busy={pending}
      error={errors.form}
      submitLabel={site ? 'Save changes' : 'Add site'}
    >
      <FormField label="Site name" error={errors.name}>
        {(ids) => (
          <input
            {...ids}
            className="vault-input"
            data-autofocus
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Address" error={errors.address}>
        {(ids) => (
          <textarea
            {...ids}
            className="vault-input"
            rows={2}
            value={draft.address}
            onChange={(e) => set('address', e.target.value)}
          />
        )}
      </FormField>
      <FormField
        label="Time zone"
        hint="An IANA name, e.g. Europe/Berlin; SLA clocks and business hours use it."
        error={errors.timeZone}
      >
        {(ids) => (
          <>
            <input
              {...ids}
              className="vault-input"
              list={zonesId}
              value={draft.timeZone}
              onChange={(e) => set('timeZone', e.target.value)}
            />
            <datalist id={zonesId}>
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <fieldset className="detail-fieldset" aria-describedby={hoursHintId}>
        <legend>Business hours</legend>
        <small id={hoursHintId} className="vault-field__hint">
          In the site’s time zone, e.g. 08:00-12:00, 13:00-17:00. Empty: closed.
        </small>
        <div className="site-hours">
          {FORM_WEEK.map(({ day, label }) => (
            <FormField key={day} label={label} error={errors[day]}>
              {(ids) => (
                <input
                  {...ids}
                  className="vault-input"
                  placeholder="Closed"
                  spellCheck={false}
                  autoComplete="off"
                  value={draft.hours[day]}
                  onChange={(e) => setDay(day, e.target.value)}
                />
              )}
            </FormField>
          ))}
        </div>
      </fieldset>
    </FormDialog>
  )
}
