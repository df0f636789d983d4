import { useRef, useState } from 'react'
import { DeviceCreate, OsFamily, type DeviceDetail } from '@shared/contract'
import { RpcError } from '@shared/rpc/errors'
import { useClients, useCreateDevice, useSites } from '../../../api/inventory'
import { FormDialog } from '../../../ui/Dialog'
import '../device-detail/device-detail.css'
import { familyName } from '../device-detail/format'
import { RoleSelect } from '../device-detail/RoleSelect'
import {
  blankDraft,
  draftToCreate,
  type NewDeviceDraft,
  type NewDeviceErrors,
  type NewDeviceField,
} from './new-device-form'
import { FormField } from '../FormField'
import { issueMessage } from '../form-issues'

const check = (input: unknown) => DeviceCreate.safeParse(input)

/**
 * Adds one device by hand (the CSV importer adds many). On a client's page the client is
 * chosen already; the rest of a device's facts arrive with its first inventory refresh.
 */
export function NewDeviceDialog(props: {
  clientId?: string
  onClose(): void
  onCreated(device: DeviceDetail): void
}) {
  const form = useRef<HTMLFormElement>(null)
  const [draft, setDraft] = useState<NewDeviceDraft>(() => blankDraft(props.clientId ?? ''))
  const [errors, setErrors] = useState<NewDeviceErrors>({})
  const create = useCreateDevice()
  const clients = useClients({})
  const sites = useSites(draft.clientId || null)

  const set = <K extends NewDeviceField>(key: K, value: NewDeviceDraft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }))
  }

  const text = (key: 'hostname' | 'ips' | 'serial' | 'tags' | 'notes') => ({
    className: 'vault-input',
    value: draft[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  })

  const focusFirstInvalid = (): void => {
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    )
  }

  const submit = (): void => {
    const result = draftToCreate(draft, check)
    if (!result.ok) {
      setErrors(result.errors)
      focusFirstInvalid()
      return
    }
    create.mutate(result.input, {
      onSuccess: props.onCreated,
      onError: (error) => {
        const next: NewDeviceErrors = { form: error.message }
        if (error instanceof RpcError) {
          for (const issue of error.issues ?? []) {
            const head = String(issue.path[0] ?? '')
            const field = head === 'localIps' ? 'ips' : head
            if (field in draft) next[field as NewDeviceField] ??= issueMessage(issue)
          }
        }
        setErrors(next)
        focusFirstInvalid()
      },
    })
  }

  const clientList = clients.data?.clients ?? []

  return (
    <FormDialog
      title="New device"
      className="detail-edit"
      onClose={props.onClose}
      onSubmit={submit}
      formRef={form}
      noValidate
      busy={create.isPending}
      error={errors.form}
      submitLabel="Add device"
      busyLabel="Adding…"
    >
      <div className="vault-form__row">
        <FormField label="Hostname" error={errors.hostname}>
          {(ids) => (
            <input
              {...ids}
              {...text('hostname')}
              data-autofocus
              required
              spellCheck={false}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField label="Role" error={errors.role}>
          {(ids) => (
            <RoleSelect ids={ids} value={draft.role} onChange={(role) => set('role', role)} />
          )}
        </FormField>
      </div>
      <div className="vault-form__row">
        <FormField label="Client" error={errors.clientId}>
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.clientId}
              onChange={(e) => {
                // A site belongs to one client: another client starts without one.
                set('clientId', e.target.value)
                set('siteId', '')
              }}
            >
              {draft.clientId === '' ? <option value="">Choose a client…</option> : null}
              {clientList.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Site" error={errors.siteId}>
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.siteId}
              disabled={!draft.clientId}
              onChange={(e) => set('siteId', e.target.value)}
            >
              <option value="">No site</option>
              {(sites.data?.sites ?? []).map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <div className="vault-form__row">
        <FormField label="OS family" error={errors.osFamily}>
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.osFamily}
              onChange={(e) =>
                set('osFamily', e.target.value === '' ? '' : OsFamily.parse(e.target.value))
              }
            >
              <option value="">Not known yet</option>
              {OsFamily.options.map((family) => (
                <option key={family} value={family}>
                  {familyName(family)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="IP addresses" hint="Separated by commas or spaces" error={errors.ips}>
          {(ids) => <input {...ids} {...text('ips')} spellCheck={false} autoComplete="off" />}
        </FormField>
      </div>
      <div className="vault-form__row">
        <FormField label="Serial number" error={errors.serial}>
          {(ids) => <input {...ids} {...text('serial')} spellCheck={false} />}
        </FormField>
        <FormField label="Tags" hint="Separated by commas" error={errors.tags}>
          {(ids) => <input {...ids} {...text('tags')} />}
        </FormField>
      </div>
      <FormField label="Notes" error={errors.notes}>
        {(ids) => <textarea {...ids} {...text('notes')} rows={3} />}
      </FormField>
    </FormDialog>
  )
}
