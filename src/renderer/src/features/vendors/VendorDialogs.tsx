import { useState, type ReactNode } from 'react'
import type { ClientAccount, Vendor, VendorContact } from '@shared/contract'
import { VENDOR_CATEGORIES, VENDOR_CATEGORY_LABELS } from '@shared/domain/vendors'
import { useClients } from '../../api/inventory'
import { useVendorChanges } from '../../api/vendors'
import { FormDialog } from '../../ui/Dialog'
import { Field, type FieldIds } from '../vault/Field'
import {
  accountDraftFor,
  checkAccountDraft,
  checkContactDraft,
  checkVendorDraft,
  contactDraftFor,
  draftFor,
  type AccountDraft,
  type ContactDraft,
  type VendorDraft,
} from './vendor-draft'

/** A form's draft, the field a check found wrong and why. */
function useDraft<D extends object>(initial: () => D) {
  const [draft, setDraft] = useState<D>(initial)
  const [problem, setProblem] = useState<{ text: string; field: keyof D } | null>(null)
  return {
    draft,
    problem,
    setProblem,
    set: <K extends keyof D>(key: K, value: D[K]) => {
      setDraft((d) => ({ ...d, [key]: value }))
      setProblem(null)
    },
    invalid: (field: keyof D) => problem?.field === field || undefined,
  }
}

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D]
type TextOptions = Omit<Parameters<typeof TextField>[0], 'label' | 'value' | 'invalid' | 'onChange'>

/** A text field bound to one string of a form's draft. */
function textFieldOf<D extends object>(form: ReturnType<typeof useDraft<D>>) {
  return (key: TextKeys<D>, label: string, options: TextOptions = {}) => (
    <TextField
      key={String(key)}
      label={label}
      value={form.draft[key] as string}
      invalid={form.invalid(key)}
      onChange={(v) => form.set(key, v as D[typeof key])}
      {...options}
    />
  )
}

function TextField(props: {
  label: string
  hint?: ReactNode
  value: string
  invalid: true | undefined
  onChange(value: string): void
  rows?: number
  type?: string
  placeholder?: string
  autoFocus?: boolean
}) {
  const control = (ids: FieldIds) =>
    props.rows ? (
      <textarea
        {...ids}
        className="vault-input"
        rows={props.rows}
        placeholder={props.placeholder}
        aria-invalid={props.invalid}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    ) : (
      <input
        {...ids}
        className="vault-input"
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        data-autofocus={props.autoFocus || undefined}
        aria-invalid={props.invalid}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    )
  return (
    <Field label={props.label} {...(props.hint ? { hint: props.hint } : {})}>
      {control}
    </Field>
  )
}

/** Adds a vendor, or edits one (`vendor` given). */
export function VendorFormDialog(props: {
  vendor: Vendor | null
  onClose(): void
  onSaved?(id: string): void
}) {
  const changes = useVendorChanges()
  const form = useDraft<VendorDraft>(() => draftFor(props.vendor))
  const { draft, problem, setProblem, set } = form
  const text = textFieldOf(form)
  const save = props.vendor ? changes.update : changes.create
  const submit = (): void => {
    const checked = checkVendorDraft(draft)
    if ('problem' in checked) return setProblem({ text: checked.problem, field: checked.field })
    const done = {
      onSuccess: ({ id }: { id: string }) => {
        props.onSaved?.(id)
        props.onClose()
      },
    }
    if (props.vendor) changes.update.mutate({ id: props.vendor.id, fields: checked.input }, done)
    else changes.create.mutate(checked.input, done)
  }
  return (
    <FormDialog
      title={props.vendor ? `Edit ${props.vendor.name}` : 'Add vendor'}
      size="wide"
      className="vendor-form"
      onClose={props.onClose}
      onSubmit={submit}
      noValidate
      busy={save.isPending}
      error={problem?.text ?? save.error?.message}
      submitLabel={props.vendor ? 'Save' : 'Add vendor'}
    >
      <div className="vault-form__row">
        {text('name', 'Name', { autoFocus: true })}
        <Field label="Category">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.category}
              onChange={(e) => set('category', e.target.value as VendorDraft['category'])}
            >
              {VENDOR_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {VENDOR_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="vault-form__row">
        {text('portalUrl', 'Support portal', { placeholder: 'https://' })}
        {text('website', 'Website', { placeholder: 'https://' })}
        {text('supportEmail', 'Support email', { type: 'email' })}
      </div>
      <div className="vault-form__row">
        <Field label="Support hours">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.hoursMode}
              onChange={(e) => set('hoursMode', e.target.value as VendorDraft['hoursMode'])}
            >
              <option value="unknown">Not known</option>
              <option value="always">Around the clock</option>
              <option value="weekdays">Weekdays</option>
            </select>
          )}
        </Field>
        {draft.hoursMode === 'weekdays' ? (
          <>
            {text('opens', 'Opens', { type: 'time' })}
            {text('closes', 'Closes', { type: 'time' })}
          </>
        ) : null}
        {draft.hoursMode !== 'unknown'
          ? text('timeZone', "Vendor's time zone", { hint: 'IANA name, e.g. America/Chicago' })
          : null}
      </div>
      <div className="vault-form__row">
        {text('phones', 'Support lines', {
          hint: 'One per line: label, a colon, the number.',
          rows: 3,
          placeholder: 'Repair (24×7): +1 800 555 0101',
        })}
        {text('escalation', 'Escalation, first tier first', {
          hint: 'One per line: who, a colon, the number, then — when to go there.',
          rows: 3,
          placeholder: 'Duty manager: +1 800 555 0103 — no engineer after 2 h',
        })}
      </div>
      {text('manufacturers', 'Makes devices reported as', {
        hint: 'Manufacturer names as collected (comma separated): their devices show this vendor for warranty.',
        placeholder: 'Dell Inc.',
      })}
      {text('notes', 'Notes', { rows: 2 })}
    </FormDialog>
  )
}

/** Adds a contact to a vendor, or edits one. */
export function ContactFormDialog(props: {
  vendorId: string
  contact: VendorContact | null
  onClose(): void
}) {
  const { saveContact } = useVendorChanges()
  const form = useDraft<ContactDraft>(() => contactDraftFor(props.contact))
  const { draft, problem, setProblem, set } = form
  const text = textFieldOf(form)
  const submit = (): void => {
    const checked = checkContactDraft(draft)
    if ('problem' in checked) return setProblem({ text: checked.problem, field: checked.field })
    saveContact.mutate(
      {
        vendorId: props.vendorId,
        ...(props.contact ? { id: props.contact.id } : {}),
        fields: checked.input,
      },
      { onSuccess: props.onClose },
    )
  }
  return (
    <FormDialog
      title={props.contact ? `Edit ${props.contact.name}` : 'Add contact'}
      className="vendor-form"
      onClose={props.onClose}
      onSubmit={submit}
      noValidate
      busy={saveContact.isPending}
      error={problem?.text ?? saveContact.error?.message}
      submitLabel={props.contact ? 'Save' : 'Add contact'}
    >
      <div className="vault-form__row">
        {text('name', 'Name', { autoFocus: true })}
        {text('role', 'Role')}
      </div>
      <div className="vault-form__row">
        {text('phones', 'Phones', { hint: 'Comma separated.' })}
        {text('email', 'Email', { type: 'email' })}
      </div>
      {text('notes', 'Notes', { rows: 2 })}
      <label className="vendor-check">
        <input
          type="checkbox"
          checked={draft.preferred}
          onChange={(e) => set('preferred', e.target.checked)}
        />
        Preferred contact (call first)
      </label>
    </FormDialog>
  )
}

/** Records a client's account with a vendor, or edits one. */
export function AccountFormDialog(props: {
  vendorId: string
  vendorName: string
  account: ClientAccount | null
  onClose(): void
}) {
  const { saveAccount } = useVendorChanges()
  const clients = useClients()
  const form = useDraft<AccountDraft>(() => accountDraftFor(props.account))
  const { draft, problem, setProblem, set, invalid } = form
  const text = textFieldOf(form)
  const submit = (): void => {
    const checked = checkAccountDraft(draft)
    if ('problem' in checked) return setProblem({ text: checked.problem, field: checked.field })
    saveAccount.mutate(
      {
        vendorId: props.vendorId,
        ...(props.account ? { id: props.account.id } : {}),
        ...checked.input,
      },
      { onSuccess: props.onClose },
    )
  }
  return (
    <FormDialog
      title={props.account ? `Edit ${props.account.clientName}'s account` : 'Add client account'}
      description={props.vendorName}
      size="wide"
      className="vendor-form"
      onClose={props.onClose}
      onSubmit={submit}
      noValidate
      busy={saveAccount.isPending}
      error={problem?.text ?? saveAccount.error?.message}
      submitLabel={props.account ? 'Save' : 'Add account'}
    >
      <div className="vault-form__row">
        <Field label="Client">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              data-autofocus
              aria-invalid={invalid('clientId')}
              value={draft.clientId}
              onChange={(e) => set('clientId', e.target.value)}
            >
              <option value="">Choose a client…</option>
              {(clients.data?.clients ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.shortCode})
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('accountNumber', 'Account number')}
        {text('contractNumber', 'Contract or agreement')}
      </div>
      <div className="vault-form__row">
        {text('contractStart', 'Contract start', { type: 'date' })}
        {text('contractEnd', 'Contract end', { type: 'date' })}
        {text('renewalDate', 'Renew by', { type: 'date' })}
      </div>
      <div className="vault-form__row">
        {text('sla', 'SLA the vendor owes', { placeholder: '4 h restore, 24×7' })}
        {text('circuitIds', 'Circuit ids', { hint: 'ISPs; comma separated.' })}
        {text('licenceCount', 'Licences', { hint: 'Software seats.' })}
      </div>
      {text('notes', 'Notes', { rows: 2 })}
    </FormDialog>
  )
}
