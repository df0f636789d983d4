import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useUnlockVault, useVaultStatus } from '../../api/vault'
import { Dialog } from '../../ui/Dialog'

/**
 * Asks for the master passphrase (or, for an OS keychain vault, only confirms) and closes
 * once the vault is unlocked. Mount it to open it.
 */
export function UnlockDialog({ onClose }: { onClose: () => void }) {
  const status = useVaultStatus().data
  const unlock = useUnlockVault()
  const [passphrase, setPassphrase] = useState('')
  // Kept apart from the mutation, which is reset at once so it stops holding the attempt.
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()
  const field = useRef<HTMLInputElement>(null)
  const viaKeychain = status?.protection === 'os-keychain'
  const unlocked = status?.state === 'unlocked'

  // Unlocked elsewhere (another window, or a session that needed the keychain): nothing to ask.
  useEffect(() => {
    if (unlocked) onClose()
  }, [unlocked, onClose])

  const close = (): void => {
    setPassphrase('')
    unlock.reset()
    onClose()
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!viaKeychain && !passphrase) return
    unlock.mutate(viaKeychain ? undefined : passphrase, {
      onSuccess: close,
      // A wrong passphrase is not kept around: the field empties for the next try.
      onError: (failure) => {
        setError(failure.message)
        setPassphrase('')
        unlock.reset()
        field.current?.focus()
      },
    })
  }

  return (
    <Dialog
      title="Unlock the vault"
      description={
        viaKeychain
          ? 'The vault key is kept by your operating system’s keychain.'
          : 'Enter the master passphrase. It stays on this machine and is not stored.'
      }
      onClose={close}
    >
      <form className="vault-form" onSubmit={submit}>
        {viaKeychain ? null : (
          <label className="vault-field">
            <span className="vault-field__label">Master passphrase</span>
            <input
              ref={field}
              type="password"
              className="vault-input"
              autoComplete="current-password"
              data-autofocus
              required
              value={passphrase}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => {
                setPassphrase(e.target.value)
                setError(null)
              }}
            />
          </label>
        )}
        {error ? (
          <p id={errorId} className="vault-form__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="vault-form__actions">
          <button type="button" className="vault-button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className="vault-button vault-button--primary"
            disabled={unlock.isPending || (!viaKeychain && !passphrase)}
            data-autofocus={viaKeychain ? true : undefined}
          >
            {unlock.isPending
              ? 'Unlocking…'
              : viaKeychain
                ? 'Unlock with the OS keychain'
                : 'Unlock'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
