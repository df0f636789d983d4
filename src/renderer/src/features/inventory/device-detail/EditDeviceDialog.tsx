import { LockKeyhole, Plus, X } from 'lucide-react'
import { useRef, useState } from 'react'
import { DeviceUpdate, type DeviceDetail } from '@shared/contract'
import { describeScope, scopeAllows, type CredentialUse } from '@shared/domain/credentials'
import { RpcError } from '@shared/rpc/errors'
import { useSites, useUpdateDevice } from '../../../api/inventory'
import { useCredentials } from '../../../api/vault'
import { FormDialog } from '../../../ui/Dialog'
import { CredentialFormDialog } from '../../vault'
import { useVaultControls } from '../../vault/use-vault-controls'
import {
  draftFromDevice,
  draftToUpdate,
  type DeviceDraft,
  type DraftErrors,
  type DraftField,
} from './device-form'
import { RoleSelect } from './RoleSelect'
import { FormField } from '../FormField'

const check = (input: unknown) => DeviceUpdate.safeParse(input)

/** The editable fields of a device, its SSH endpoint and credential among them. */
export function EditDeviceDialog(props: { device: DeviceDetail; onClose(): void }) {
  const { device } = props
  const form = useRef<HTMLFormElement>(null)
  const [draft, setDraft] = useState<DeviceDraft>(() => draftFromDevice(device))
  const [errors, setErrors] = useState<DraftErrors>({})
  const [credentialOpen, setCredentialOpen] = useState(false)
  const update = useUpdateDevice()
  const sites = useSites(device.clientId)
  const credentials = useCredentials()
  const vault = useVaultControls()
  const known = credentials.data?.credentials ?? []
  const knownIds = useRef<Set<string>>(new Set())
  // Main sends a credential only where its scope covers: those that do not are shown, not offered.
  const use: CredentialUse = {
    kind: 'device',
    deviceId: device.id,
    clientId: device.clientId,
    hostname: device.hostname,
  }
  const usable = known.filter((c) => scopeAllows(c.scope, use))
  const outOfScope = known.filter((c) => !scopeAllows(c.scope, use))
  const chosenOutOfScope = outOfScope.find((c) => c.id === draft.credentialId)

  const set = <K extends keyof DeviceDraft>(key: K, value: DeviceDraft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }))
  }

  const text = (key: Exclude<DraftField, 'role' | 'customFields' | 'sshAgentForwarding'>) => ({
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
    const result = draftToUpdate(device, draft, check)
    if (!result.ok) {
      setErrors(result.errors)
      focusFirstInvalid()
      return
    }
    if (result.changed === 0) {
      props.onClose()
      return
    }
    update.mutate(result.update, {
      onSuccess: props.onClose,
      onError: (error) => {
        const next: DraftErrors = { form: error.message }
        if (error instanceof RpcError) {
          for (const issue of error.issues ?? []) {
            const head = String(issue.path[0] ?? '')
            if (head in draft) next[head as DraftField] ??= issue.message
          }
        }
        setErrors(next)
        focusFirstInvalid()
      },
    })
  }

  const openCredentialForm = (): void => {
    knownIds.current = new Set(known.map((c) => c.id))
    setCredentialOpen(true)
  }

  // A credential made from here is chosen for the device straight away.
  const closeCredentialForm = (): void => {
    setCredentialOpen(false)
    void credentials.refetch().then((result) => {
      const added = result.data?.credentials.find((c) => !knownIds.current.has(c.id))
      if (added) set('credentialId', added.id)
    })
  }

  const vaultState = vault.status?.state
  const credentialAction =
    vaultState === 'uninitialized'
      ? { label: 'Set up vault', icon: LockKeyhole, run: vault.setUp }
      : vaultState === 'locked'
        ? { label: 'Unlock vault', icon: LockKeyhole, run: vault.unlock }
        : { label: 'New credential', icon: Plus, run: openCredentialForm }
  const CredentialIcon = credentialAction.icon

  return (
    <FormDialog
      title={`Edit ${device.hostname}`}
      className="detail-edit"
      onClose={props.onClose}
      onSubmit={submit}
      formRef={form}
      noValidate
      busy={update.isPending}
      error={errors.form}
      submitLabel="Save changes"
      busyLabel="Saving…"
      nested={
        <>
          {credentialOpen ? (
            <CredentialFormDialog
              credential={null}
              scope={{ kind: 'client', clientId: device.clientId }}
              onClose={closeCredentialForm}
            />
          ) : null}
          {vault.dialogs}
        </>
      }
    >
      <fieldset className="detail-fieldset">
        <legend>Device</legend>
        <div className="vault-form__row">
          <FormField label="Hostname" error={errors.hostname}>
            {(ids) => <input {...ids} {...text('hostname')} data-autofocus required />}
          </FormField>
          <FormField label="Role" error={errors.role}>
            {(ids) => (
              <RoleSelect ids={ids} value={draft.role} onChange={(role) => set('role', role)} />
            )}
          </FormField>
        </div>
        <div className="vault-form__row">
          <FormField label="Site" error={errors.siteId}>
            {(ids) => (
              <select {...ids} {...text('siteId')}>
                <option value="">No site</option>
                {(sites.data?.sites ?? []).map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="FQDN" error={errors.fqdn}>
            {(ids) => <input {...ids} {...text('fqdn')} spellCheck={false} />}
          </FormField>
        </div>
      </fieldset>

      <fieldset className="detail-fieldset">
        <legend>Sessions and collection</legend>
        <div className="detail-form__ssh">
          <FormField label="SSH host" hint="Empty: the first local IP" error={errors.sshHost}>
            {(ids) => <input {...ids} {...text('sshHost')} spellCheck={false} autoComplete="off" />}
          </FormField>
          <FormField label="SSH port" error={errors.sshPort}>
            {(ids) => (
              <input
                {...ids}
                {...text('sshPort')}
                inputMode="numeric"
                placeholder="22"
                autoComplete="off"
              />
            )}
          </FormField>
          <FormField label="SSH user" error={errors.sshUser}>
            {(ids) => <input {...ids} {...text('sshUser')} spellCheck={false} autoComplete="off" />}
          </FormField>
        </div>
        <div className="detail-form__credential">
          <FormField
            label="Credential"
            hint={
              chosenOutOfScope
                ? `Scoped to ${describeScope(chosenOutOfScope.scope, chosenOutOfScope.scopeLabel)}: sessions and collection will refuse it here until its scope is widened under Sessions → Credentials`
                : 'From the vault; used for sessions and inventory collection'
            }
            error={errors.credentialId}
          >
            {(ids) => (
              <select {...ids} {...text('credentialId')}>
                <option value="">None — agent / ask at login</option>
                {usable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.username})
                  </option>
                ))}
                {outOfScope.length > 0 ? (
                  <optgroup label="Scoped elsewhere, refused for this device">
                    {outOfScope.map((c) => (
                      <option key={c.id} value={c.id} disabled={c.id !== draft.credentialId}>
                        {c.name} ({c.username}) · {describeScope(c.scope, c.scopeLabel)}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                {draft.credentialId && !known.some((c) => c.id === draft.credentialId) ? (
                  <option value={draft.credentialId}>A credential no longer in the vault</option>
                ) : null}
              </select>
            )}
          </FormField>
          <button type="button" className="vault-button" onClick={credentialAction.run}>
            <CredentialIcon aria-hidden size={14} />
            {credentialAction.label}
          </button>
        </div>
        <label className="vault-choice__option">
          <input
            type="checkbox"
            checked={draft.sshAgentForwarding}
            onChange={(e) => set('sshAgentForwarding', e.target.checked)}
          />
          <span>
            Forward my SSH agent to this device
            <small>
              Commands there can then log in elsewhere with your keys. Only for devices you trust:
              anyone with root on it can use your agent while you are connected.
            </small>
          </span>
        </label>
        <FormField
          label="WinRM URL"
          hint="For Windows devices, e.g. https://host:5986/wsman"
          error={errors.winrmUrl}
        >
          {(ids) => <input {...ids} {...text('winrmUrl')} spellCheck={false} />}
        </FormField>
      </fieldset>

      <fieldset className="detail-fieldset">
        <legend>Asset</legend>
        <div className="vault-form__row">
          <FormField label="Manufacturer" error={errors.manufacturer}>
            {(ids) => <input {...ids} {...text('manufacturer')} />}
          </FormField>
          <FormField label="Model" error={errors.model}>
            {(ids) => <input {...ids} {...text('model')} />}
          </FormField>
        </div>
        <div className="vault-form__row">
          <FormField label="Serial number" error={errors.serial}>
            {(ids) => <input {...ids} {...text('serial')} spellCheck={false} />}
          </FormField>
          <FormField label="Asset tag" error={errors.assetTag}>
            {(ids) => <input {...ids} {...text('assetTag')} spellCheck={false} />}
          </FormField>
        </div>
        <div className="vault-form__row">
          <FormField label="Warranty end" error={errors.warrantyEnd}>
            {(ids) => <input {...ids} {...text('warrantyEnd')} type="date" />}
          </FormField>
          <FormField label="Tags" hint="Separated by commas" error={errors.tags}>
            {(ids) => <input {...ids} {...text('tags')} />}
          </FormField>
        </div>
      </fieldset>

      <fieldset className="detail-fieldset">
        <legend>Custom fields</legend>
        {draft.customFields.map((field, index) => (
          <div key={index} className="detail-form__custom">
            <input
              className="vault-input"
              aria-label={`Custom field ${index + 1} name`}
              placeholder="Name"
              value={field.key}
              onChange={(e) =>
                set(
                  'customFields',
                  draft.customFields.map((f, i) =>
                    i === index ? { ...f, key: e.target.value } : f,
                  ),
                )
              }
            />
            <input
              className="vault-input"
              aria-label={`Custom field ${index + 1} value`}
              placeholder="Value"
              value={field.value}
              onChange={(e) =>
                set(
                  'customFields',
                  draft.customFields.map((f, i) =>
                    i === index ? { ...f, value: e.target.value } : f,
                  ),
                )
              }
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove custom field ${field.key || index + 1}`}
              onClick={() =>
                set(
                  'customFields',
                  draft.customFields.filter((_, i) => i !== index),
                )
              }
            >
              <X aria-hidden size={14} />
            </button>
          </div>
        ))}
        {errors.customFields ? (
          <p className="detail-field-error" role="alert">
            {errors.customFields}
          </p>
        ) : null}
        <button
          type="button"
          className="vault-button detail-form__add"
          onClick={() => set('customFields', [...draft.customFields, { key: '', value: '' }])}
        >
          <Plus aria-hidden size={14} />
          Add custom field
        </button>
      </fieldset>

      <FormField label="Notes" error={errors.notes}>
        {(ids) => <textarea {...ids} {...text('notes')} rows={4} />}
      </FormField>
    </FormDialog>
  )
}
