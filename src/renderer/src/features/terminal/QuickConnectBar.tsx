import { FileCog, Plug } from 'lucide-react'
import { useEffect, useId, useRef, useState, type RefObject } from 'react'
import { scopeAllows } from '@shared/domain/credentials'
import { useCredentials } from '../../api/vault'
import { planQuickConnect, type QuickConnectFields, type SessionPlan } from './quick-connect'
import { SshConfigDialog } from './SshConfigDialog'

const NO_CREDENTIAL = ''

/** `user@host[:port]`, an optional jump chain and a credential: the fastest way to a shell. */
export function QuickConnectBar({
  targetRef,
  onConnect,
}: {
  targetRef: RefObject<HTMLInputElement | null>
  onConnect(plan: SessionPlan): void
}) {
  const [target, setTarget] = useState('')
  const [via, setVia] = useState('')
  const [credentialId, setCredentialId] = useState(NO_CREDENTIAL)
  const [error, setError] = useState<string | null>(null)
  const [hint, setHint] = useState<string | null>(null)
  const [configOpen, setConfigOpen] = useState(false)
  const viaRef = useRef<HTMLInputElement>(null)
  const credentials = useCredentials()
  const id = useId()
  const all = credentials.data?.credentials ?? []
  // An address does not say whose network it is in, so main sends only global credentials.
  const choices = all.filter((c) => scopeAllows(c.scope, { kind: 'quick' }))
  const scopedCount = all.length - choices.length

  // Set by a pick, acted on once the config dialog has closed (which hands focus back to its
  // button): the field the technician has to complete, else the target so Enter connects.
  const focusAfterPick = useRef<QuickConnectFields['missingUser'] | 'none' | null>(null)
  useEffect(() => {
    const next = focusAfterPick.current
    if (configOpen || !next) return
    focusAfterPick.current = null
    if (next === 'via') {
      viaRef.current?.focus()
      return
    }
    const field = targetRef.current
    field?.focus()
    // Without a user the caret waits at the start, where `user@` goes.
    if (next === 'target') field?.setSelectionRange(0, 0)
  }, [configOpen, targetRef])

  const pickFromConfig = (fields: QuickConnectFields, alias: string): void => {
    setTarget(fields.target)
    setVia(fields.via)
    setError(null)
    setHint(
      fields.missingUser === 'target'
        ? `${alias} has no User in the config: type it before the host (user@…) or pick a ` +
            'credential.'
        : fields.missingUser === 'via'
          ? `A jump host of ${alias} has no User: add it in Via (user@jump).`
          : null,
    )
    focusAfterPick.current = fields.missingUser ?? 'none'
    setConfigOpen(false)
  }

  const submit = (): void => {
    const credential = choices.find((c) => c.id === credentialId) ?? null
    const plan = planQuickConnect({ target, via, credential })
    if (!plan.ok) {
      setError(plan.error)
      targetRef.current?.focus()
      return
    }
    setError(null)
    setHint(null)
    onConnect(plan.value)
  }

  return (
    <>
      <form
        className="quick-connect"
        aria-label="Quick connect"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <div className="quick-connect__field quick-connect__field--target">
          <label htmlFor={`${id}-target`}>Connect to</label>
          <input
            id={`${id}-target`}
            ref={targetRef}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value)
              if (e.target.value.includes('@')) setHint(null)
            }}
            placeholder="user@host[:port]"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          />
        </div>
        <div className="quick-connect__field">
          <label htmlFor={`${id}-via`}>Via (jump hosts)</label>
          <input
            id={`${id}-via`}
            ref={viaRef}
            value={via}
            onChange={(e) => setVia(e.target.value)}
            placeholder="user@jump[:port], …"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="quick-connect__field">
          <label htmlFor={`${id}-credential`}>Credential</label>
          <select
            id={`${id}-credential`}
            value={credentialId}
            onChange={(e) => setCredentialId(e.target.value)}
          >
            <option value={NO_CREDENTIAL}>None — agent / ask</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.username})
              </option>
            ))}
            {scopedCount > 0 ? (
              <option disabled value="scoped">
                {scopedCount === 1 ? '1 credential is' : `${scopedCount} credentials are`} scoped to
                a client or device: connect from the device
              </option>
            ) : null}
            {credentials.isError ? (
              <option disabled value="unavailable">
                Stored credentials unavailable (vault locked?)
              </option>
            ) : null}
          </select>
        </div>
        <button type="submit" className="term-button term-button--primary quick-connect__submit">
          <Plug aria-hidden size={15} />
          Connect
        </button>
        <button
          type="button"
          className="term-button quick-connect__config"
          onClick={() => setConfigOpen(true)}
        >
          <FileCog aria-hidden size={15} />
          From ~/.ssh/config
        </button>
        {error ? (
          <p id={`${id}-error`} className="quick-connect__error" role="alert">
            {error}
          </p>
        ) : hint ? (
          <p id={`${id}-hint`} className="quick-connect__hint" role="status">
            {hint}
          </p>
        ) : null}
      </form>
      {/* Outside the form: the dialog has its own, and a nested form would submit this one. */}
      {configOpen ? (
        <SshConfigDialog
          onPick={pickFromConfig}
          onImported={(credential) => setCredentialId(credential.id)}
          onClose={() => setConfigOpen(false)}
        />
      ) : null}
    </>
  )
}
