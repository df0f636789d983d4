import { Plus } from 'lucide-react'
import { useId, useMemo, useState } from 'react'
import type { TechnicianRole, TechnicianSummary } from '@shared/sync/auth'
import { RpcError } from '@shared/rpc/errors'
import { useSyncStatusQuery } from '../../api/sync'
import {
  useAssignClients,
  useCreateTechnician,
  useInstallations,
  useRevokeInstallation,
  useTeamClients,
  useTeamSettings,
  useTechnicians,
  useUpdateTeamSettings,
  useUpdateTechnician,
} from '../../api/team'
import { PageHeader } from '../../ui/PageHeader'
import { useNow } from '../../ui/use-now'
import { errorText } from '../tickets/errors'
import { ago } from '../tickets/time'
import { Field } from '../vault/Field'
import { Dialog, FormDialog } from '../../ui/Dialog'
import { canManageTeam, canSeeTeamPage, teamRole } from './sync-view'
import './sync.css'

export const TEAM_PATH = '/team'

const roleLabels: Record<TechnicianRole, string> = {
  technician: 'Technician',
  lead: 'Lead',
  admin: 'Admin',
}
const ROLES: TechnicianRole[] = ['technician', 'lead', 'admin']

/** The server's refusal in plain words; anything else as the tickets show errors. */
function teamErrorText(error: unknown): string {
  if (error instanceof RpcError && error.code === 'FORBIDDEN') {
    return `The team server refused: ${error.message}`
  }
  return errorText(error)
}

function ErrorLine({ error }: { error: unknown }) {
  return error ? (
    <p className="vault-form__error" role="alert">
      {teamErrorText(error)}
    </p>
  ) : null
}

/** Technicians, their clients, the installations signed in, and the team's settings. */
export function TeamPage() {
  const role = teamRole(useSyncStatusQuery().data)
  if (!canSeeTeamPage(role)) {
    return (
      <div className="page sync-page">
        <PageHeader
          title="Team"
          description="Only a team's leads and admins see its technicians and installations."
        />
      </div>
    )
  }
  const admin = canManageTeam(role)
  return (
    <div className="page sync-page" data-testid="team-page">
      <PageHeader
        title="Team"
        description={
          admin
            ? 'Who is on the team, which clients each one works on, and where they are signed in.'
            : 'Who is on the team and which clients each one works on. Only an admin changes them.'
        }
      />
      <TechniciansSection admin={admin} />
      {admin ? <InstallationsSection /> : null}
      <SettingsSection admin={admin} />
    </div>
  )
}

type Editing =
  | { kind: 'add' }
  | { kind: 'edit'; technician: TechnicianSummary }
  | { kind: 'clients'; technician: TechnicianSummary }
  | null

function TechniciansSection({ admin }: { admin: boolean }) {
  const technicians = useTechnicians()
  const [editing, setEditing] = useState<Editing>(null)
  return (
    <section className="sync-section" aria-labelledby="team-technicians">
      <div className="sync-section__header">
        <h2 id="team-technicians" className="sync-section__title">
          Technicians
        </h2>
        {admin ? (
          <button
            type="button"
            className="vault-button vault-button--primary"
            onClick={() => setEditing({ kind: 'add' })}
          >
            <Plus aria-hidden size={14} />
            Add technician
          </button>
        ) : null}
      </div>
      {technicians.isPending ? (
        <p className="sync-section__hint">Loading…</p>
      ) : technicians.isError ? (
        <ErrorLine error={technicians.error} />
      ) : (
        <div className="vault-table__scroll">
          <table className="vault-table" data-testid="team-technicians">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">MFA</th>
                <th scope="col">Account</th>
                <th scope="col">Clients</th>
                {admin ? (
                  <th scope="col">
                    <span className="vault-visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {technicians.data.technicians.map((t) => (
                <tr key={t.id}>
                  <td>{t.displayName}</td>
                  <td className="vault-table__mono">{t.email}</td>
                  <td>{roleLabels[t.role]}</td>
                  <td>{t.mfaEnabled ? 'On' : 'Off'}</td>
                  <td>{t.disabled ? 'Disabled' : 'Active'}</td>
                  <td>{t.clientIds.length}</td>
                  {admin ? (
                    <td className="vault-table__actions">
                      <button
                        type="button"
                        className="vault-button"
                        aria-label={`Edit ${t.displayName}`}
                        onClick={() => setEditing({ kind: 'edit', technician: t })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="vault-button"
                        aria-label={`Clients of ${t.displayName}`}
                        onClick={() => setEditing({ kind: 'clients', technician: t })}
                      >
                        Clients
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.kind === 'add' ? <AddTechnicianDialog onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'edit' ? (
        <EditTechnicianDialog technician={editing.technician} onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'clients' ? (
        <AssignClientsDialog technician={editing.technician} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  )
}

function RoleSelect(props: {
  id: string
  value: TechnicianRole
  onChange(role: TechnicianRole): void
}) {
  return (
    <select
      id={props.id}
      className="vault-input"
      value={props.value}
      onChange={(event) => {
        const role = ROLES.find((r) => r === event.target.value)
        if (role) props.onChange(role)
      }}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {roleLabels[r]}
        </option>
      ))}
    </select>
  )
}

const PASSWORD_HINT = 'At least 12 characters. They are asked to choose their own at first sign-in.'

/** A technician's name, where a dialog about them opens. */
function NameField(props: { value: string; onChange(name: string): void }) {
  return (
    <Field label="Name">
      {(field) => (
        <input
          {...field}
          className="vault-input"
          required
          data-autofocus
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A password an admin sets for a technician, who chooses their own at first sign-in. */
function PasswordField(props: {
  label: string
  value: string
  onChange(password: string): void
  required?: boolean
  placeholder?: string
}) {
  return (
    <Field label={props.label} hint={PASSWORD_HINT}>
      {(field) => (
        <input
          {...field}
          className="vault-input"
          type="password"
          autoComplete="new-password"
          required={props.required}
          minLength={12}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

function AddTechnicianDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateTechnician()
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<TechnicianRole>('technician')
  const [password, setPassword] = useState('')

  const submit = (): void => {
    create.mutate(
      { email: email.trim(), displayName: name.trim(), role, password },
      { onSuccess: onClose, onSettled: () => setPassword('') },
    )
  }

  return (
    <FormDialog
      title="Add a technician"
      onClose={onClose}
      onSubmit={submit}
      busy={create.isPending}
      error={create.error ? teamErrorText(create.error) : null}
      submitLabel="Add technician"
      busyLabel="Adding…"
      submitDisabled={!email.trim() || !name.trim() || password.length < 12}
    >
      <div className="vault-form__row">
        <NameField value={name} onChange={setName} />
        <Field label="Email">
          {(field) => (
            <input
              {...field}
              className="vault-input"
              type="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="vault-form__row">
        <Field label="Role">
          {(field) => <RoleSelect id={field.id} value={role} onChange={setRole} />}
        </Field>
        <PasswordField label="First password" required value={password} onChange={setPassword} />
      </div>
    </FormDialog>
  )
}

function EditTechnicianDialog(props: { technician: TechnicianSummary; onClose: () => void }) {
  const { technician } = props
  const update = useUpdateTechnician()
  const disabledId = useId()
  const [name, setName] = useState(technician.displayName)
  const [role, setRole] = useState<TechnicianRole>(technician.role)
  const [disabled, setDisabled] = useState(technician.disabled)
  const [password, setPassword] = useState('')

  const changes = {
    ...(name.trim() !== technician.displayName ? { displayName: name.trim() } : {}),
    ...(role !== technician.role ? { role } : {}),
    ...(disabled !== technician.disabled ? { disabled } : {}),
    ...(password ? { password } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const submit = (): void => {
    if (!changed) return
    update.mutate(
      { id: technician.id, changes },
      { onSuccess: props.onClose, onSettled: () => setPassword('') },
    )
  }

  return (
    <FormDialog
      title={`Edit ${technician.displayName}`}
      description={technician.email}
      onClose={props.onClose}
      onSubmit={submit}
      busy={update.isPending}
      error={update.error ? teamErrorText(update.error) : null}
      submitLabel="Save"
      busyLabel="Saving…"
      submitDisabled={!changed || !name.trim() || (password.length > 0 && password.length < 12)}
    >
      <div className="vault-form__row">
        <NameField value={name} onChange={setName} />
        <Field label="Role">
          {(field) => <RoleSelect id={field.id} value={role} onChange={setRole} />}
        </Field>
      </div>
      <label className="vault-choice__option" htmlFor={disabledId}>
        <input
          id={disabledId}
          type="checkbox"
          checked={disabled}
          onChange={(event) => setDisabled(event.target.checked)}
        />
        <span>
          Disabled
          <small>A disabled technician cannot sign in, and their installations stop syncing.</small>
        </span>
      </label>
      <PasswordField
        label="Reset password"
        placeholder="Leave empty to keep the current one"
        value={password}
        onChange={setPassword}
      />
    </FormDialog>
  )
}

function AssignClientsDialog(props: { technician: TechnicianSummary; onClose: () => void }) {
  const { technician } = props
  const clients = useTeamClients()
  const assign = useAssignClients()
  const [filter, setFilter] = useState('')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(technician.clientIds))
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const all = clients.data?.clients ?? []
    return needle ? all.filter((c) => c.name.toLowerCase().includes(needle)) : all
  }, [clients.data, filter])

  const toggle = (id: string, on: boolean): void => {
    setChosen((before) => {
      const next = new Set(before)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  }

  return (
    <FormDialog
      title={`Clients of ${technician.displayName}`}
      description="They see and sync these clients' tickets and devices from their next request."
      onClose={props.onClose}
      onSubmit={() =>
        assign.mutate({ id: technician.id, clientIds: [...chosen] }, { onSuccess: props.onClose })
      }
      busy={assign.isPending}
      error={assign.error ? teamErrorText(assign.error) : null}
      submitLabel="Save"
      busyLabel="Saving…"
      submitDisabled={!clients.data}
    >
      <Field label="Find a client">
        {(field) => (
          <input
            {...field}
            className="vault-input"
            type="search"
            data-autofocus
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
      </Field>
      {clients.isPending ? (
        <p className="sync-section__hint">Loading…</p>
      ) : clients.isError ? (
        <ErrorLine error={clients.error} />
      ) : (
        <fieldset className="vault-choice sync-client-list">
          <legend className="vault-field__label">
            {chosen.size} of {clients.data.clients.length} chosen
          </legend>
          {shown.length === 0 ? (
            <p className="sync-section__hint">No client matches.</p>
          ) : (
            shown.map((client) => (
              <label key={client.id} className="vault-choice__option">
                <input
                  type="checkbox"
                  checked={chosen.has(client.id)}
                  onChange={(event) => toggle(client.id, event.target.checked)}
                />
                <span>{client.name}</span>
              </label>
            ))
          )}
        </fieldset>
      )}
    </FormDialog>
  )
}

function InstallationsSection() {
  const installations = useInstallations(true)
  const technicians = useTechnicians()
  const now = useNow()
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null)
  const nameOf = (id: string): string =>
    technicians.data?.technicians.find((t) => t.id === id)?.displayName ?? 'Unknown'
  const seen = (at: string | null): string => {
    if (at === null) return 'Never'
    const ms = Date.parse(at)
    return Number.isNaN(ms) ? at : ago(ms, now)
  }
  return (
    <section className="sync-section" aria-labelledby="team-installations">
      <h2 id="team-installations" className="sync-section__title">
        Installations
      </h2>
      {installations.isPending ? (
        <p className="sync-section__hint">Loading…</p>
      ) : installations.isError ? (
        <ErrorLine error={installations.error} />
      ) : installations.data.installations.length === 0 ? (
        <p className="sync-section__hint">No installation has signed in yet.</p>
      ) : (
        <div className="vault-table__scroll">
          <table className="vault-table" data-testid="team-installations">
            <thead>
              <tr>
                <th scope="col">Installation</th>
                <th scope="col">Technician</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last seen</th>
                <th scope="col">
                  <span className="vault-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {installations.data.installations.map((i) => (
                <tr key={i.id}>
                  <td>{i.name}</td>
                  <td>{nameOf(i.technicianId)}</td>
                  <td>{seen(i.createdAt)}</td>
                  <td>{seen(i.lastSeenAt)}</td>
                  <td className="vault-table__actions">
                    {i.revoked ? (
                      <span>Revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="vault-button vault-button--danger sync-danger"
                        aria-label={`Revoke ${i.name} (${nameOf(i.technicianId)})`}
                        onClick={() => setRevoking({ id: i.id, name: i.name })}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking ? <RevokeDialog installation={revoking} onClose={() => setRevoking(null)} /> : null}
    </section>
  )
}

function RevokeDialog(props: { installation: { id: string; name: string }; onClose: () => void }) {
  const revoke = useRevokeInstallation()
  return (
    <Dialog
      role="alertdialog"
      title={`Revoke ${props.installation.name}?`}
      description="It is signed out of the team at once. Changes it has not sent yet stay on that computer until its technician signs in again."
      onClose={props.onClose}
    >
      <ErrorLine error={revoke.error} />
      <div className="vault-form__actions">
        <button type="button" className="vault-button" data-autofocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="vault-button vault-button--danger sync-danger"
          disabled={revoke.isPending}
          onClick={() => revoke.mutate(props.installation.id, { onSuccess: props.onClose })}
        >
          {revoke.isPending ? 'Revoking…' : 'Revoke'}
        </button>
      </div>
    </Dialog>
  )
}

function SettingsSection({ admin }: { admin: boolean }) {
  const settings = useTeamSettings()
  const update = useUpdateTeamSettings()
  const id = useId()
  const hintId = useId()
  return (
    <section className="sync-section" aria-labelledby="team-settings">
      <h2 id="team-settings" className="sync-section__title">
        Settings
      </h2>
      {settings.isPending ? (
        <p className="sync-section__hint">Loading…</p>
      ) : settings.isError ? (
        <ErrorLine error={settings.error} />
      ) : (
        <label className="vault-choice__option" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={update.isPending ? update.variables : settings.data.requireMfaForEveryone}
            disabled={!admin || update.isPending}
            aria-describedby={hintId}
            onChange={(event) => update.mutate(event.target.checked)}
          />
          <span>
            Require MFA for everyone
            <small id={hintId}>
              {admin
                ? 'Technicians without a second factor are asked to set one up at their next sign-in.'
                : 'Only an admin changes this.'}
            </small>
          </span>
        </label>
      )}
      <ErrorLine error={update.error} />
    </section>
  )
}
