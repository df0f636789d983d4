import { KeyRound, Lock, LockOpen, Pencil, Plus, ShieldCheck, Trash } from 'lucide-react'
import { useId, useState } from 'react'
import type { CredentialSummary, VaultStatus } from '@shared/contract'
import { describeScope } from '@shared/domain/credentials'
import { useCredentials } from '../../api/vault'
import { EmptyState } from '../../ui/EmptyState'
import { CredentialFormDialog } from './CredentialFormDialog'
import { DeleteCredentialDialog } from './DeleteCredentialDialog'
import { credentialKindLabels } from './credential-draft'
import { useVaultControls } from './use-vault-controls'
import './vault.css'

function stateLine(status: VaultStatus | undefined): string {
  switch (status?.state) {
    case undefined:
      return 'Checking the vault…'
    case 'uninitialized':
      return 'Set up the vault to store passwords and keys encrypted on this machine.'
    case 'locked':
      return 'The vault is locked: unlock it to add, change or delete credentials.'
    case 'unlocked':
      return status.protection === 'os-keychain'
        ? 'Unlocked, protected by the OS keychain.'
        : 'Unlocked, protected by your master passphrase.'
  }
}

function kindText(credential: CredentialSummary): string {
  const label = credentialKindLabels[credential.kind]
  return credential.hasPassphrase ? `${label} (with passphrase)` : label
}

/**
 * The vault's credentials: a table of names, kinds, usernames and scopes (never secrets),
 * with create, edit and delete. `clientId` narrows it to the global credentials and those of one
 * client and its devices, and scopes new ones to that client.
 */
export function CredentialsPanel({ clientId }: { clientId?: string }) {
  const { status, busy, setUp, unlock, lock, dialogs } = useVaultControls()
  const list = useCredentials(clientId === undefined ? {} : { clientId })
  const [editing, setEditing] = useState<CredentialSummary | 'new' | null>(null)
  const [deleting, setDeleting] = useState<CredentialSummary | null>(null)
  const headingId = useId()
  const state = status?.state
  const unlocked = state === 'unlocked'
  const credentials = list.data?.credentials ?? []

  // Locked while a form was open (here or elsewhere): close it, dropping anything typed.
  const [wasUnlocked, setWasUnlocked] = useState(unlocked)
  if (wasUnlocked !== unlocked) {
    setWasUnlocked(unlocked)
    if (!unlocked) {
      setEditing(null)
      setDeleting(null)
    }
  }
  const lockedTitle = unlocked ? undefined : 'Unlock the vault first'

  return (
    <section className="vault-panel" aria-labelledby={headingId}>
      <div className="vault-panel__header">
        <div>
          <h2 id={headingId} className="vault-panel__title">
            <KeyRound aria-hidden size={18} />
            Credentials
          </h2>
          <p className="vault-panel__state" data-testid="vault-panel-state">
            {stateLine(status)}
          </p>
        </div>
        <div className="vault-panel__actions">
          {state === 'uninitialized' ? (
            <button type="button" className="vault-button vault-button--primary" onClick={setUp}>
              <ShieldCheck aria-hidden size={14} />
              Set up vault
            </button>
          ) : null}
          {state === 'locked' ? (
            <button type="button" className="vault-button" disabled={busy} onClick={unlock}>
              <LockOpen aria-hidden size={14} />
              Unlock vault
            </button>
          ) : null}
          {unlocked ? (
            <button type="button" className="vault-button" disabled={busy} onClick={lock}>
              <Lock aria-hidden size={14} />
              Lock vault
            </button>
          ) : null}
          {state === 'uninitialized' ? null : (
            <button
              type="button"
              className="vault-button vault-button--primary"
              disabled={!unlocked}
              title={lockedTitle}
              onClick={() => setEditing('new')}
            >
              <Plus aria-hidden size={14} />
              New credential
            </button>
          )}
        </div>
      </div>

      {list.isError ? (
        <p className="vault-form__error" role="alert">
          Credentials could not be loaded: {list.error.message}
        </p>
      ) : null}

      {list.isSuccess && credentials.length === 0 ? (
        <EmptyState icon={KeyRound} title="No credentials yet">
          <p>
            Passwords, private keys and agent logins you save here can be used to open sessions
            without typing them again.
          </p>
        </EmptyState>
      ) : null}

      {credentials.length > 0 ? (
        <div className="vault-table__scroll">
          <table className="vault-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Username</th>
                <th scope="col">Scope</th>
                <th scope="col">
                  <span className="vault-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((credential) => (
                <tr key={credential.id}>
                  <th scope="row">{credential.name}</th>
                  <td>{kindText(credential)}</td>
                  <td className="vault-table__mono">{credential.username}</td>
                  <td>{describeScope(credential.scope, credential.scopeLabel)}</td>
                  <td className="vault-table__actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Edit ${credential.name}`}
                      title={lockedTitle ?? 'Edit'}
                      disabled={!unlocked}
                      onClick={() => setEditing(credential)}
                    >
                      <Pencil aria-hidden size={15} />
                    </button>
                    <button
                      type="button"
                      className="icon-button vault-table__delete"
                      aria-label={`Delete ${credential.name}`}
                      title={lockedTitle ?? 'Delete'}
                      disabled={!unlocked}
                      onClick={() => setDeleting(credential)}
                    >
                      <Trash aria-hidden size={15} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {editing ? (
        <CredentialFormDialog
          credential={editing === 'new' ? null : editing}
          {...(clientId === undefined ? {} : { scope: { kind: 'client', clientId } as const })}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <DeleteCredentialDialog credential={deleting} onClose={() => setDeleting(null)} />
      ) : null}
      {dialogs}
    </section>
  )
}
