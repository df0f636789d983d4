import { useQueryClient } from '@tanstack/react-query'
import { FileKey } from 'lucide-react'
import { useEffect, useId, useRef, useState } from 'react'
import type { CredentialSummary, SshConfigHost, VaultStatus } from '@shared/contract'
import { RpcError } from '@shared/rpc/errors'
import { useImportIdentity, useSshConfig, type ImportIdentityInput } from '../../api/sessions'
import { vaultKeys } from '../../api/vault'
import { UnlockDialog, VaultSetupDialog } from '../vault'
import { Dialog } from '../../ui/Dialog'
import { fieldsFromSshHost, type QuickConnectFields } from './quick-connect'

/** The key file being imported; the passphrase lives here only until the call is made. */
interface ImportDraft {
  alias: string
  path: string
  name: string
  username: string
  passphrase: string
}

const PASTE_LABEL = 'Paste a config instead'
const PASTE_EXAMPLE = 'Host web\n  HostName 10.0.0.5\n  User deploy\n  ProxyJump jump@bastion'

function matches(needle: string, ...haystack: Array<string | null>): boolean {
  return haystack.some((text) => text?.toLowerCase().includes(needle))
}

/** `<alias> key`; with several IdentityFiles the file name tells the credentials apart. */
function credentialName(host: SshConfigHost, path: string): string {
  if (host.identityFiles.length < 2) return `${host.alias} key`
  return `${host.alias} key (${path.split('/').pop() ?? path})`
}

/**
 * The concrete hosts of `~/.ssh/config` (of the machine main runs on, or pasted): choosing
 * one fills the quick-connect fields, and its IdentityFiles can be stored in the vault. It
 * never connects by itself; Connect stays the technician's decision. Mount it to open it.
 */
export function SshConfigDialog(props: {
  onPick(fields: QuickConnectFields, alias: string): void
  onImported(credential: CredentialSummary): void
  onClose(): void
}) {
  const id = useId()
  const queryClient = useQueryClient()
  const [pasted, setPasted] = useState<string | null>(null)
  const [pasteText, setPasteText] = useState('')
  const [pasteOpen, setPasteOpen] = useState(false)
  const [filter, setFilter] = useState('')
  const [draft, setDraft] = useState<ImportDraft | null>(null)
  const [importError, setImportError] = useState<string | null>(null)
  const [imported, setImported] = useState<string | null>(null)
  const [vaultStep, setVaultStep] = useState<'unlock' | 'setup' | null>(null)
  // The import that waits on the vault; a ref, since the vault dialogs may report twice.
  const waiting = useRef<ImportDraft | null>(null)
  const config = useSshConfig(pasted ?? undefined)
  const importIdentity = useImportIdentity()

  const missing = config.error instanceof RpcError && config.error.code === 'NOT_FOUND'
  const filterRef = useRef<HTMLInputElement>(null)
  const pasteRef = useRef<HTMLTextAreaElement>(null)

  // No file to filter: the paste box is what is left to do, unless focus has moved on.
  useEffect(() => {
    if (missing && document.activeElement === filterRef.current) pasteRef.current?.focus()
  }, [missing])

  const showPaste = pasteOpen || config.isError || pasted !== null
  const hosts = config.data?.hosts ?? []
  const needle = filter.trim().toLowerCase()
  const shown = hosts.filter((h) => matches(needle, h.alias, h.hostName, h.user))
  const skipped = (config.data?.skipped ?? []).filter((s) => matches(needle, s.alias))

  // Read at call time, not render time: an unlock dialog has just stored the new status.
  const vaultState = (): VaultStatus['state'] | undefined =>
    queryClient.getQueryData<VaultStatus>(vaultKeys.status)?.state

  const runImport = (next: ImportDraft): void => {
    const input: ImportIdentityInput = {
      path: next.path,
      name: next.name,
      username: next.username.trim(),
      ...(next.passphrase ? { passphrase: next.passphrase } : {}),
    }
    importIdentity.mutate(input, {
      onSuccess: (credential) => {
        setDraft(null)
        setImported(credential.name)
        props.onImported(credential)
      },
      onError: (error) => {
        setImportError(error.message)
        setDraft((d) => (d ? { ...d, passphrase: '' } : d))
      },
      onSettled: () => importIdentity.reset(),
    })
  }

  const startImport = (): void => {
    if (!draft || importIdentity.isPending) return
    if (!draft.username.trim()) {
      setImportError('Enter the user name this key logs in as')
      return
    }
    setImportError(null)
    const state = vaultState()
    if (state === 'locked' || state === 'uninitialized') {
      waiting.current = draft
      setVaultStep(state === 'locked' ? 'unlock' : 'setup')
      return
    }
    // Unknown or unlocked: main has the last word and says why if it refuses.
    runImport(draft)
  }

  const afterVaultDialog = (): void => {
    setVaultStep(null)
    const next = waiting.current
    waiting.current = null
    if (!next) return
    const state = vaultState()
    if (state === 'unlocked') runImport(next)
    else if (state === 'locked') {
      setImportError(
        'The vault is locked. Import again to unlock it, or unlock it with the vault chip ' +
          'in the status bar.',
      )
    } else {
      setImportError(
        'The vault is not set up yet. Import again to set it up, or use the vault chip in ' +
          'the status bar.',
      )
    }
  }

  const openImport = (host: SshConfigHost, path: string): void => {
    setImportError(null)
    setImported(null)
    setDraft({
      alias: host.alias,
      path,
      name: credentialName(host, path),
      username: host.user ?? '',
      passphrase: '',
    })
  }

  const pick = (host: SshConfigHost): void =>
    props.onPick(fieldsFromSshHost(host, hosts), host.alias)

  const importForm = (d: ImportDraft) => (
    <div className="ssh-config__import" role="group" aria-label={`Import ${d.path}`}>
      <div className="term-field">
        <label htmlFor={`${id}-user`}>Log in as</label>
        <input
          id={`${id}-user`}
          value={d.username}
          autoComplete="off"
          spellCheck={false}
          autoFocus={!d.username}
          onChange={(e) => setDraft({ ...d, username: e.target.value })}
        />
      </div>
      <div className="term-field">
        <label htmlFor={`${id}-passphrase`}>Key passphrase (if it has one)</label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoComplete="off"
          autoFocus={!!d.username}
          value={d.passphrase}
          onChange={(e) => setDraft({ ...d, passphrase: e.target.value })}
        />
      </div>
      <p className="term-dialog__muted ssh-config__note">
        Stored in the vault as “{d.name}”. Only files inside ~/.ssh can be imported.
      </p>
      {importError ? (
        <p className="ssh-config__error" role="alert">
          {importError}
        </p>
      ) : null}
      <div className="ssh-config__import-actions">
        <button
          type="submit"
          className="term-button term-button--primary"
          disabled={importIdentity.isPending}
        >
          {importIdentity.isPending ? 'Importing…' : 'Import'}
        </button>
        <button
          type="button"
          className="term-button"
          onClick={() => {
            setDraft(null)
            setImportError(null)
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  )

  return (
    <>
      <Dialog
        title="Hosts from ~/.ssh/config"
        className="term-dialog ssh-config"
        closeButton={false}
        onClose={props.onClose}
        onSubmit={() => {
          // Enter imports in the import form, and in the filter picks the only match.
          if (draft) startImport()
          else if (shown.length === 1 && shown[0]) pick(shown[0])
        }}
        actions={
          <button type="button" className="term-button" onClick={props.onClose}>
            Close
          </button>
        }
      >
        {config.isPending ? <p className="term-dialog__muted">Reading the config…</p> : null}
        {config.error ? (
          <p className="ssh-config__error" role="alert">
            {config.error.message}
            {missing ? '. Paste one below to pick from its hosts.' : null}
          </p>
        ) : null}
        {config.data ? (
          <p className="term-dialog__muted">
            From {pasted === null ? <code>{config.data.source}</code> : 'the pasted config'}:{' '}
            {hosts.length} {hosts.length === 1 ? 'host' : 'hosts'}
            {config.data.skipped.length ? `, ${config.data.skipped.length} skipped` : ''}. Choosing
            a host fills in the fields; Connect is still yours to press.
          </p>
        ) : null}
        {imported ? (
          <p className="ssh-config__done" role="status">
            Stored “{imported}” in the vault and chose it as the credential.
          </p>
        ) : null}

        <div className="term-field">
          <label htmlFor={`${id}-filter`}>Filter hosts</label>
          <input
            id={`${id}-filter`}
            ref={filterRef}
            type="search"
            value={filter}
            autoComplete="off"
            spellCheck={false}
            placeholder="Alias, host name or user"
            data-autofocus
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>

        {config.data ? (
          <div className="ssh-config__scroll">
            {shown.length === 0 ? (
              <p className="term-dialog__muted">
                {hosts.length === 0
                  ? 'This config has no concrete hosts.'
                  : `No host matches “${filter.trim()}”.`}
              </p>
            ) : (
              <ul className="ssh-config__hosts" aria-label="Hosts">
                {shown.map((host) => {
                  const fields = fieldsFromSshHost(host, hosts)
                  return (
                    <li key={host.alias} className="ssh-config__host">
                      <div className="ssh-config__row">
                        <span className="ssh-config__alias">{host.alias}</span>
                        <code className="ssh-config__target">{fields.target}</code>
                        {host.user ? null : <span className="term-muted">no User</span>}
                        <button
                          type="button"
                          className="term-button ssh-config__use"
                          aria-label={`Use ${host.alias}`}
                          onClick={() => pick(host)}
                        >
                          Use
                        </button>
                      </div>
                      {fields.via ? (
                        <p className="ssh-config__via">
                          via <code>{fields.via.split(', ').join(' → ')}</code>
                        </p>
                      ) : null}
                      {host.identityFiles.length ? (
                        <ul className="ssh-config__keys" aria-label={`Keys of ${host.alias}`}>
                          {host.identityFiles.map((path) => {
                            const open = draft?.alias === host.alias && draft.path === path
                            return (
                              <li key={path}>
                                <div className="ssh-config__key">
                                  <FileKey aria-hidden size={14} />
                                  <code>{path}</code>
                                  {open ? null : (
                                    <button
                                      type="button"
                                      className="term-link-button"
                                      onClick={() => openImport(host, path)}
                                    >
                                      Import key
                                    </button>
                                  )}
                                </div>
                                {open && draft ? importForm(draft) : null}
                              </li>
                            )
                          })}
                        </ul>
                      ) : null}
                    </li>
                  )
                })}
              </ul>
            )}
            {skipped.length ? (
              <div className="ssh-config__skipped">
                <h3>Skipped</h3>
                <ul aria-label="Skipped hosts">
                  {skipped.map((s) => (
                    <li key={s.alias}>
                      <code>{s.alias}</code>: {s.reason}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}

        {showPaste ? (
          <div className="term-field ssh-config__paste">
            <label htmlFor={`${id}-paste`}>{PASTE_LABEL}</label>
            <textarea
              id={`${id}-paste`}
              ref={pasteRef}
              rows={6}
              spellCheck={false}
              maxLength={1024 * 1024}
              placeholder={PASTE_EXAMPLE}
              autoFocus={pasteOpen}
              value={pasteText}
              onChange={(e) => setPasteText(e.target.value)}
            />
            <div className="ssh-config__paste-actions">
              <button
                type="button"
                className="term-button"
                disabled={!pasteText.trim()}
                onClick={() => {
                  setDraft(null)
                  setImported(null)
                  setPasteOpen(true)
                  setPasted(pasteText)
                }}
              >
                Read pasted config
              </button>
              {pasted !== null ? (
                <button
                  type="button"
                  className="term-link-button"
                  onClick={() => {
                    setDraft(null)
                    setPasted(null)
                  }}
                >
                  Back to ~/.ssh/config
                </button>
              ) : null}
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="term-link-button ssh-config__paste-toggle"
            onClick={() => setPasteOpen(true)}
          >
            {PASTE_LABEL}
          </button>
        )}
      </Dialog>
      {/* Beside, not inside, the form above: a nested form would submit both. */}
      {vaultStep === 'unlock' ? <UnlockDialog onClose={afterVaultDialog} /> : null}
      {vaultStep === 'setup' ? <VaultSetupDialog onClose={afterVaultDialog} /> : null}
    </>
  )
}
