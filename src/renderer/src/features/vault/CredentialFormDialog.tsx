import { Upload } from 'lucide-react'
import { useRef, useState, type ChangeEvent } from 'react'
import type { CredentialKind, CredentialScope, CredentialSummary } from '@shared/contract'
import { useCreateCredential, useUpdateCredential } from '../../api/vault'
import {
  MAX_PRIVATE_KEY_CHARS,
  blankSecrets,
  credentialKindLabels,
  draftFor,
  looksLikePublicKey,
  scopeFromDraft,
  secretFromDraft,
  type CredentialDraft,
} from './credential-draft'
import { CredentialScopeFields } from './CredentialScopeFields'
import { Field } from './Field'
import { FormDialog } from '../../ui/Dialog'

/**
 * Creates a credential, or edits one (`credential` given). Secrets typed or loaded here stay
 * in this component until submitted and are cleared from its state once saved.
 */
export function CredentialFormDialog(props: {
  credential: CredentialSummary | null
  /** Prefills the scope of a new credential (else global). */
  scope?: CredentialScope
  onClose: () => void
}) {
  const { credential } = props
  const create = useCreateCredential()
  const update = useUpdateCredential()
  const [draft, setDraft] = useState<CredentialDraft>(() => draftFor(credential, props.scope))
  const [problem, setProblem] = useState<string | null>(null)
  const [keyFile, setKeyFile] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const editing = credential !== null
  const keepHint =
    editing && credential.kind === draft.kind ? 'Leave empty to keep the stored one.' : undefined
  const pending = create.isPending || update.isPending

  const set = <K extends keyof CredentialDraft>(key: K, value: CredentialDraft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }))
    setProblem(null)
  }

  const setScope = (patch: Partial<CredentialDraft>): void => {
    setDraft((d) => ({ ...d, ...patch }))
    setProblem(null)
  }

  const forgetSecrets = (): void => {
    setDraft((d) => ({ ...d, ...blankSecrets }))
    setKeyFile(null)
    create.reset()
    update.reset()
  }

  const close = (): void => {
    forgetSecrets()
    props.onClose()
  }

  const loadKeyFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const input = event.currentTarget
    const file = input.files?.[0]
    // Cleared at once so the same file can be picked again and the File is not held.
    input.value = ''
    if (!file) return
    if (file.size > MAX_PRIVATE_KEY_CHARS) {
      setProblem(`${file.name} is larger than 64 KiB; it is not a private key.`)
      return
    }
    const reader = new FileReader()
    reader.onload = () => {
      const text = typeof reader.result === 'string' ? reader.result : ''
      if (looksLikePublicKey(text)) {
        setProblem(`${file.name} is a public key. Choose the private key file (without .pub).`)
        return
      }
      setDraft((d) => ({ ...d, privateKey: text }))
      setKeyFile(file.name)
      setProblem(null)
    }
    reader.onerror = () => setProblem(`${file.name} could not be read.`)
    reader.readAsText(file)
  }

  const submit = (): void => {
    const name = draft.name.trim()
    const username = draft.username.trim()
    if (!name || !username) {
      setProblem('Give the credential a name and a username.')
      return
    }
    const choice = secretFromDraft(draft, credential)
    if ('problem' in choice) {
      setProblem(choice.problem)
      return
    }
    const scoped = scopeFromDraft(draft)
    if ('problem' in scoped) {
      setProblem(scoped.problem)
      return
    }
    const { scope } = scoped
    const done = { onSuccess: close }
    if (credential) {
      const { secret } = choice
      update.mutate(
        { id: credential.id, name, username, scope, ...(secret ? { secret } : {}) },
        done,
      )
    } else if (choice.secret) {
      create.mutate({ name, username, scope, secret: choice.secret }, done)
    }
  }

  return (
    <FormDialog
      title={editing ? `Edit ${credential.name}` : 'New credential'}
      onClose={close}
      onSubmit={submit}
      noValidate
      busy={pending}
      error={problem}
      submitLabel={editing ? 'Save changes' : 'Save credential'}
      busyLabel="Saving…"
    >
      <div className="vault-form__row">
        <Field label="Credential name">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              required
              maxLength={200}
              data-autofocus
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </Field>
        <Field label="Username">
          {(ids) => (
            <input
              {...ids}
              className="vault-input"
              required
              maxLength={256}
              autoComplete="off"
              value={draft.username}
              onChange={(e) => set('username', e.target.value)}
            />
          )}
        </Field>
      </div>
      <CredentialScopeFields
        draft={draft}
        deviceLabel={credential?.scope.kind === 'device' ? credential.scopeLabel : null}
        onChange={setScope}
      />
      <div className="vault-form__row">
        <Field label="Kind">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value as CredentialKind)}
            >
              {(Object.keys(credentialKindLabels) as CredentialKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {credentialKindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      {draft.kind === 'password' ? (
        <Field label="Password" hint={keepHint}>
          {(ids) => (
            <input
              {...ids}
              type="password"
              className="vault-input"
              autoComplete="new-password"
              maxLength={4096}
              value={draft.password}
              onChange={(e) => set('password', e.target.value)}
            />
          )}
        </Field>
      ) : null}

      {draft.kind === 'private-key' ? (
        <>
          <Field label="Private key" hint={keepHint}>
            {(ids) => (
              <textarea
                {...ids}
                className="vault-input vault-input--key"
                rows={6}
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
                value={draft.privateKey}
                onChange={(e) => {
                  set('privateKey', e.target.value)
                  setKeyFile(null)
                }}
              />
            )}
          </Field>
          <div className="vault-form__file">
            <button
              type="button"
              className="vault-button"
              onClick={() => fileInput.current?.click()}
            >
              <Upload aria-hidden size={14} />
              Load from file
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              aria-label="Private key file"
              onChange={loadKeyFile}
            />
            {keyFile ? (
              <span className="vault-field__hint" role="status">
                Loaded {keyFile}
              </span>
            ) : null}
          </div>
          <Field label="Key passphrase (optional)">
            {(ids) => (
              <input
                {...ids}
                type="password"
                className="vault-input"
                autoComplete="off"
                maxLength={1024}
                value={draft.keyPassphrase}
                onChange={(e) => set('keyPassphrase', e.target.value)}
              />
            )}
          </Field>
        </>
      ) : null}

      {draft.kind === 'agent' ? (
        <p className="vault-form__note">
          Sessions ask your running SSH agent for keys; nothing secret is stored.
        </p>
      ) : null}
    </FormDialog>
  )
}
