import { useQueryClient } from '@tanstack/react-query'
import { ClipboardCopy } from 'lucide-react'
import QRCode from 'qrcode'
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { SignInStep } from '@shared/contract/sync'
import { useRpc } from '../../api/rpc'
import { queryKeys } from '../../api/query-keys'
import { Field } from '../vault/Field'
import { Dialog } from '../../ui/Dialog'
import { useVaultControls } from '../vault/use-vault-controls'
import { errorText } from '../tickets/errors'
import './sync.css'

type Step = SignInStep | { step: 'credentials' }

/**
 * Signing in to a team server, step by step: server, email and password; then a one-time code
 * (or a recovery code), or setting up a second factor and saving its recovery codes; then, for
 * an installation with local data, what the first sync does. Main holds every secret between
 * steps; the password lives only in its field until the call and is cleared after it.
 */
export function SignInDialog({ onClose }: { onClose: () => void }) {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  const [step, setStep] = useState<Step>({ step: 'credentials' })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)

  const signedIn = step.step === 'signed-in'
  useEffect(() => {
    if (!signedIn) return
    void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus })
    onClose()
  }, [signedIn, queryClient, onClose])

  /** Runs one step's call; answers with whether it went through (the caller clears secrets). */
  const run = async (call: () => Promise<SignInStep>): Promise<boolean> => {
    if (inFlight.current) return false
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      setStep(await call())
      return true
    } catch (failure) {
      setError(errorText(failure))
      return false
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const cancel = (): void => {
    // Main drops the challenge it holds; nothing to wait for, and a failure changes nothing.
    if (step.step !== 'credentials') void rpc.sync.cancelSignIn({}).catch(() => undefined)
    onClose()
  }

  const common = { busy, error, onCancel: cancel }
  let body: ReactNode
  let title = 'Sign in to a team server'
  switch (step.step) {
    case 'credentials':
      body = <CredentialsStep {...common} onSubmit={(input) => run(() => rpc.sync.signIn(input))} />
      break
    case 'mfa':
      title = 'Enter your sign-in code'
      body = <CodeStep {...common} onSubmit={(answer) => run(() => rpc.sync.verifyCode(answer))} />
      break
    case 'enroll-mfa':
      title = 'Set up two-factor sign-in'
      body = (
        <EnrollStep
          {...common}
          secret={step.secret}
          otpauthUrl={step.otpauthUrl}
          onSubmit={(code) => run(() => rpc.sync.enrollCode({ code }))}
        />
      )
      break
    case 'recovery-codes':
      title = 'Save your recovery codes'
      body = <RecoveryCodesStep codes={step.codes} onDone={() => setStep(step.next)} />
      break
    case 'choose-first-sync':
      title = 'First sync'
      body = (
        <FirstSyncStep
          {...common}
          local={step.local}
          mayUpload={step.mayUpload}
          onChoose={(choice) => void run(() => rpc.sync.chooseFirstSync({ choice }))}
        />
      )
      break
    case 'signed-in':
      body = <p role="status">Signed in.</p>
      break
  }

  return (
    <Dialog title={title} onClose={cancel} className="sync-signin">
      <div data-testid="sync-signin" data-step={step.step}>
        {body}
      </div>
    </Dialog>
  )
}

interface StepProps {
  busy: boolean
  error: string | null
  onCancel(): void
}

/** Several describing ids as one attribute (undefined when there are none). */
function joinIds(...ids: (string | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id))
  return present.length > 0 ? present.join(' ') : undefined
}

function ErrorLine({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="vault-form__error" role="alert">
      {error}
    </p>
  ) : null
}

function Actions(props: {
  busy: boolean
  submit: string
  busyText: string
  disabled?: boolean
  onCancel(): void
}) {
  return (
    <div className="vault-form__actions">
      <button type="button" className="vault-button" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        className="vault-button vault-button--primary"
        disabled={props.busy || props.disabled}
      >
        {props.busy ? props.busyText : props.submit}
      </button>
    </div>
  )
}

function CredentialsStep(
  props: StepProps & {
    onSubmit(input: { url: string; email: string; password: string }): Promise<boolean>
  },
) {
  const ids = { error: useId() }
  const [url, setUrl] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const passwordField = useRef<HTMLInputElement>(null)
  const described = props.error ? ids.error : undefined

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!url.trim() || !email.trim() || !password) return
    const ok = await props.onSubmit({ url: url.trim(), email: email.trim(), password })
    // Gone once main has it; after a refusal the password is typed again, the rest stays.
    setPassword('')
    if (!ok) passwordField.current?.focus()
  }

  return (
    // The vault's own dialogs hold forms, so the note stays outside this one.
    <>
      <VaultNote />
      <form className="vault-form" onSubmit={(event) => void submit(event)}>
        <Field label="Server URL" hint="https, or http on this machine (localhost) only.">
          {(field) => (
            <input
              {...field}
              className="vault-input"
              type="url"
              inputMode="url"
              placeholder="https://team.example.com"
              autoComplete="url"
              required
              data-autofocus
              value={url}
              aria-describedby={joinIds(field['aria-describedby'], described)}
              onChange={(event) => setUrl(event.target.value)}
            />
          )}
        </Field>
        <Field label="Email">
          {(field) => (
            <input
              {...field}
              className="vault-input"
              type="email"
              autoComplete="username"
              required
              value={email}
              aria-describedby={described}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(field) => (
            <input
              {...field}
              ref={passwordField}
              className="vault-input"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              aria-invalid={props.error ? true : undefined}
              aria-describedby={described}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <ErrorLine id={ids.error} error={props.error} />
        <Actions
          busy={props.busy}
          submit="Sign in"
          busyText="Signing in…"
          disabled={!url.trim() || !email.trim() || !password}
          onCancel={props.onCancel}
        />
      </form>
    </>
  )
}

/** Main keeps the team sign-in in the vault: say so, with the way to it, before the attempt. */
function VaultNote() {
  const { status, setUp, unlock, busy, dialogs } = useVaultControls()
  if (!status || status.state === 'unlocked') return null
  const missing = status.state === 'uninitialized'
  return (
    <div className="vault-form__note sync-vault-note">
      <span>
        {missing
          ? 'The team sign-in is kept in the vault, which is not set up yet.'
          : 'The team sign-in is kept in the vault, which is locked.'}
      </span>
      <button
        type="button"
        className="vault-button"
        disabled={busy}
        onClick={missing ? setUp : unlock}
      >
        {missing ? 'Set up vault' : 'Unlock vault'}
      </button>
      {dialogs}
    </div>
  )
}

function CodeStep(
  props: StepProps & {
    onSubmit(answer: { code: string } | { recoveryCode: string }): Promise<boolean>
  },
) {
  const ids = { code: useId(), error: useId(), hint: useId() }
  const [useRecovery, setUseRecovery] = useState(false)
  const [code, setCode] = useState('')
  const field = useRef<HTMLInputElement>(null)
  const value = code.trim()
  const valid = useRecovery ? value.length > 0 : /^\d{6}$/.test(value)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!valid) return
    const ok = await props.onSubmit(useRecovery ? { recoveryCode: value } : { code: value })
    // A code works once (or was wrong): either way the next try needs a new one.
    setCode('')
    if (!ok) field.current?.focus()
  }

  return (
    <form className="vault-form" onSubmit={(event) => void submit(event)}>
      <div className="vault-field">
        <label htmlFor={ids.code} className="vault-field__label">
          {useRecovery ? 'Recovery code' : 'Six-digit code'}
        </label>
        <input
          ref={field}
          key={useRecovery ? 'recovery' : 'code'}
          id={ids.code}
          className="vault-input sync-code-input"
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          placeholder={useRecovery ? 'ABCD-EFGH-IJKL' : '123456'}
          maxLength={useRecovery ? 20 : 6}
          required
          data-autofocus
          value={code}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${ids.hint} ${ids.error}` : ids.hint}
          onChange={(event) => setCode(event.target.value)}
        />
        <small id={ids.hint} className="vault-field__hint">
          {useRecovery
            ? 'Each recovery code works once.'
            : 'From the authenticator app you set up for this team.'}
        </small>
      </div>
      <button
        type="button"
        className="sync-link-button"
        onClick={() => {
          setUseRecovery((r) => !r)
          setCode('')
          queueMicrotask(() => field.current?.focus())
        }}
      >
        {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
      </button>
      <ErrorLine id={ids.error} error={props.error} />
      <Actions
        busy={props.busy}
        submit="Verify"
        busyText="Checking…"
        disabled={!valid}
        onCancel={props.onCancel}
      />
    </form>
  )
}

/** The otpauth:// URI as an SVG QR code in a data: URL (the CSP allows data: images). */
function useQrCode(text: string): { url: string | null; failed: boolean } {
  const [result, setResult] = useState<{ text: string; url: string | null }>({
    text: '',
    url: null,
  })
  useEffect(() => {
    let live = true
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => {
        if (live) setResult({ text, url: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}` })
      },
      () => {
        if (live) setResult({ text, url: null })
      },
    )
    return () => {
      live = false
    }
  }, [text])
  return {
    url: result.text === text ? result.url : null,
    failed: result.text === text && !result.url,
  }
}

/** The secret in groups of four, easier to type into an authenticator by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim()
}

function EnrollStep(
  props: StepProps & {
    secret: string
    otpauthUrl: string
    onSubmit(code: string): Promise<boolean>
  },
) {
  const ids = { code: useId(), error: useId(), secret: useId() }
  const qr = useQrCode(props.otpauthUrl)
  const [code, setCode] = useState('')
  const field = useRef<HTMLInputElement>(null)
  const valid = /^\d{6}$/.test(code.trim())

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!valid) return
    const ok = await props.onSubmit(code.trim())
    setCode('')
    if (!ok) field.current?.focus()
  }

  return (
    <form className="vault-form" onSubmit={(event) => void submit(event)}>
      <p className="sync-signin__lead">
        This team asks for a second factor. Scan the code with an authenticator app (such as
        1Password, Authy or Google Authenticator), then enter the six digits it shows.
      </p>
      <div className="sync-enroll">
        <div className="sync-enroll__qr">
          {qr.url ? (
            <img
              src={qr.url}
              width={176}
              height={176}
              alt="QR code to add this team to an authenticator app"
            />
          ) : (
            <span className="vault-field__hint">
              {qr.failed ? 'The QR code could not be drawn; type the key instead.' : 'Drawing…'}
            </span>
          )}
        </div>
        <div className="vault-field sync-enroll__secret">
          <span id={ids.secret} className="vault-field__label">
            Or type this key
          </span>
          <code aria-labelledby={ids.secret} className="sync-secret" data-testid="mfa-secret">
            {groupSecret(props.secret)}
          </code>
          <small className="vault-field__hint">Time-based, six digits, every 30 seconds.</small>
        </div>
      </div>
      <div className="vault-field">
        <label htmlFor={ids.code} className="vault-field__label">
          First code from the app
        </label>
        <input
          ref={field}
          id={ids.code}
          className="vault-input sync-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123456"
          maxLength={6}
          required
          data-autofocus
          value={code}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? ids.error : undefined}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <ErrorLine id={ids.error} error={props.error} />
      <Actions
        busy={props.busy}
        submit="Turn on"
        busyText="Checking…"
        disabled={!valid}
        onCancel={props.onCancel}
      />
    </form>
  )
}

function RecoveryCodesStep(props: { codes: string[]; onDone(): void }) {
  const [saved, setSaved] = useState(false)
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  const savedId = useId()
  const listId = useId()

  const copyCodes = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.codes.join('\n'))
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <div className="vault-form">
      <p className="sync-signin__lead" id={listId}>
        If you lose your authenticator, each of these codes signs you in once. They are shown only
        now: keep them in your password manager or print them.
      </p>
      <ol className="sync-recovery" aria-labelledby={listId} data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="sync-recovery__copy">
        <button type="button" className="vault-button" onClick={() => void copyCodes()}>
          <ClipboardCopy aria-hidden size={14} />
          Copy
        </button>
        <span role="status" className="vault-field__hint">
          {copy === 'copied'
            ? 'Copied to the clipboard.'
            : copy === 'failed'
              ? 'The clipboard is not available here; select the codes and copy them by hand.'
              : ''}
        </span>
      </div>
      <label className="vault-choice__option" htmlFor={savedId}>
        <input
          id={savedId}
          type="checkbox"
          checked={saved}
          onChange={(event) => setSaved(event.target.checked)}
        />
        <span>I have saved them</span>
      </label>
      <div className="vault-form__actions">
        <button
          type="button"
          className="vault-button vault-button--primary"
          disabled={!saved}
          onClick={props.onDone}
        >
          Continue
        </button>
      </div>
    </div>
  )
}

function FirstSyncStep(
  props: StepProps & {
    local: { clients: number; devices: number; tickets: number }
    mayUpload: boolean
    onChoose(choice: 'upload' | 'start-from-team'): void
  },
) {
  const ids = { legend: useId(), error: useId(), uploadWhy: useId() }
  const [choice, setChoice] = useState<'upload' | 'start-from-team' | null>(
    props.mayUpload ? null : 'start-from-team',
  )
  const { clients, devices, tickets } = props.local
  const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`

  return (
    <form
      className="vault-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (choice) props.onChoose(choice)
      }}
    >
      <p className="sync-signin__lead">
        This computer already holds {count(clients, 'client')}, {count(devices, 'device')} and{' '}
        {count(tickets, 'ticket')}. Choose what the first sync does with them; nothing is thrown
        away.
      </p>
      <fieldset className="vault-choice" aria-describedby={props.error ? ids.error : undefined}>
        <legend id={ids.legend} className="vault-field__label">
          What should the first sync do?
        </legend>
        <label className="vault-choice__option sync-choice">
          <input
            type="radio"
            name="first-sync"
            value="upload"
            disabled={!props.mayUpload}
            checked={choice === 'upload'}
            aria-describedby={ids.uploadWhy}
            onChange={() => setChoice('upload')}
          />
          <span>
            Upload my data to the team
            <small id={ids.uploadWhy}>
              {props.mayUpload
                ? 'Your clients and tickets become the team’s, and everyone assigned to them sees them.'
                : 'Only a lead or an admin may add clients to the team. Ask one to add yours, or start from the team’s data.'}
            </small>
          </span>
        </label>
        <label className="vault-choice__option sync-choice">
          <input
            type="radio"
            name="first-sync"
            value="start-from-team"
            checked={choice === 'start-from-team'}
            onChange={() => setChoice('start-from-team')}
          />
          <span>
            Start from the team’s data
            <small>
              This computer then shows what the team has. What is here now is kept in a dated backup
              file in the app’s data folder, so nothing is lost.
            </small>
          </span>
        </label>
      </fieldset>
      <ErrorLine id={ids.error} error={props.error} />
      <Actions
        busy={props.busy}
        submit="Continue"
        busyText="Working…"
        disabled={choice === null}
        onCancel={props.onCancel}
      />
    </form>
  )
}
