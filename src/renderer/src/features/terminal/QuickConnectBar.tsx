import { Plug } from 'lucide-react'
import { useId, useState, type RefObject } from 'react'
import { useCredentials } from '../../api/vault'
import { planQuickConnect, type QuickConnectPlan } from './quick-connect'

const NO_CREDENTIAL = ''

/** `user@host[:port]`, an optional jump chain and a credential: the fastest way to a shell. */
export function QuickConnectBar({
  targetRef,
  onConnect,
}: {
  targetRef: RefObject<HTMLInputElement | null>
  onConnect(plan: QuickConnectPlan): void
}) {
  const [target, setTarget] = useState('')
  const [via, setVia] = useState('')
  const [credentialId, setCredentialId] = useState(NO_CREDENTIAL)
  const [error, setError] = useState<string | null>(null)
  const credentials = useCredentials()
  const id = useId()
  const choices = credentials.data?.credentials ?? []

  const submit = (): void => {
    const credential = choices.find((c) => c.id === credentialId) ?? null
    const plan = planQuickConnect({ target, via, credential })
    if (!plan.ok) {
      setError(plan.error)
      targetRef.current?.focus()
      return
    }
    setError(null)
    onConnect(plan.value)
  }

  return (
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
          onChange={(e) => setTarget(e.target.value)}
          placeholder="user@host[:port]"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <div className="quick-connect__field">
        <label htmlFor={`${id}-via`}>Via (jump hosts)</label>
        <input
          id={`${id}-via`}
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
      {error ? (
        <p id={`${id}-error`} className="quick-connect__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  )
}
