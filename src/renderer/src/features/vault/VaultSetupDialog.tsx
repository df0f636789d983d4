import { useEffect, useId, useState } from 'react'
import type { VaultProtection } from '@shared/contract'
import { useSetupVault, useVaultStatus } from '../../api/vault'
import { FormDialog } from '../../ui/Dialog'
import {
  loadPassphraseScorer,
  MIN_PASSPHRASE_LENGTH,
  passphraseLongEnough,
  passphraseStrength,
  type PassphraseScorer,
  type PassphraseStrength,
} from './passphrase-strength'

type ScorerState =
  { status: 'loading' } | { status: 'ready'; scorer: PassphraseScorer } | { status: 'failed' }

/** The meter's dictionaries arrive when the form opens, not with the first paint. */
function usePassphraseScorer(): ScorerState {
  const [state, setState] = useState<ScorerState>({ status: 'loading' })
  useEffect(() => {
    let live = true
    loadPassphraseScorer().then(
      (scorer) => {
        if (live) setState({ status: 'ready', scorer })
      },
      () => {
        if (live) setState({ status: 'failed' })
      },
    )
    return () => {
      live = false
    }
  }, [])
  return state
}

/**
 * Creates the vault: protected by the OS keychain where one is available, otherwise (or by
 * choice) by a master passphrase typed twice. Mount it to open it.
 */
export function VaultSetupDialog({ onClose }: { onClose: () => void }) {
  const status = useVaultStatus().data
  const setup = useSetupVault()
  const keychainAvailable = status?.osKeychainAvailable === true
  const [choice, setChoice] = useState<VaultProtection>('os-keychain')
  const protection: VaultProtection = keychainAvailable ? choice : 'passphrase'
  const [passphrase, setPassphrase] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const scorer = usePassphraseScorer()
  const strengthId = useId()
  const mismatchId = useId()

  const alreadySetUp = status !== undefined && status.state !== 'uninitialized'

  // Set up from another window meanwhile: a second setup would only be refused.
  useEffect(() => {
    if (alreadySetUp) onClose()
  }, [alreadySetUp, onClose])

  const mismatch = confirmation !== '' && confirmation !== passphrase
  // Only the length floor gates creation; the meter advises, so a slow or failed load of its
  // dictionaries never blocks setting up the vault.
  const passphraseReady = passphraseLongEnough(passphrase) && passphrase === confirmation
  const meter = meterText(passphrase, scorer)

  const close = (): void => {
    setPassphrase('')
    setConfirmation('')
    setup.reset()
    onClose()
  }

  const submit = (): void => {
    if (protection === 'passphrase' && !passphraseReady) return
    setup.mutate(
      protection === 'passphrase' ? { protection, passphrase } : { protection: 'os-keychain' },
      { onSuccess: close },
    )
  }

  return (
    <FormDialog
      title="Set up the credential vault"
      description="Passwords and keys you save are encrypted on this machine. Choose their lock."
      onClose={close}
      onSubmit={submit}
      noValidate
      busy={setup.isPending}
      submitLabel="Create vault"
      busyLabel="Creating…"
      submitDisabled={protection === 'passphrase' && !passphraseReady}
    >
      {keychainAvailable ? (
        <fieldset className="vault-choice">
          <legend className="vault-field__label">Protection</legend>
          <label className="vault-choice__option">
            <input
              type="radio"
              name="vault-protection"
              value="os-keychain"
              checked={protection === 'os-keychain'}
              onChange={() => setChoice('os-keychain')}
              data-autofocus
            />
            <span>
              OS keychain
              <small>Unlocks with your login; nothing more to remember.</small>
            </span>
          </label>
          <label className="vault-choice__option">
            <input
              type="radio"
              name="vault-protection"
              value="passphrase"
              checked={protection === 'passphrase'}
              onChange={() => setChoice('passphrase')}
            />
            <span>
              Master passphrase
              <small>Asked for each time Switchboard starts.</small>
            </span>
          </label>
        </fieldset>
      ) : (
        <p className="vault-form__note">
          The OS keychain is not available here, so the vault is protected by a master passphrase.
          It cannot be recovered if you forget it.
        </p>
      )}

      {protection === 'passphrase' ? (
        <>
          <label className="vault-field">
            <span className="vault-field__label">Master passphrase</span>
            <input
              type="password"
              className="vault-input"
              autoComplete="new-password"
              minLength={MIN_PASSPHRASE_LENGTH}
              maxLength={1024}
              required
              data-autofocus={keychainAvailable ? undefined : true}
              value={passphrase}
              aria-describedby={strengthId}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
          <p
            id={strengthId}
            className={
              meter.level ? `vault-strength vault-strength--${meter.level}` : 'vault-strength'
            }
            data-level={meter.level}
            aria-live="polite"
          >
            {meter.text}
          </p>
          <label className="vault-field">
            <span className="vault-field__label">Confirm passphrase</span>
            <input
              type="password"
              className="vault-input"
              autoComplete="new-password"
              maxLength={1024}
              required
              value={confirmation}
              aria-invalid={mismatch ? true : undefined}
              aria-describedby={mismatch ? mismatchId : undefined}
              onChange={(e) => setConfirmation(e.target.value)}
            />
          </label>
          {mismatch ? (
            <p id={mismatchId} className="vault-form__error" role="alert">
              The passphrases do not match.
            </p>
          ) : null}
        </>
      ) : null}
    </FormDialog>
  )
}

function meterText(
  passphrase: string,
  scorer: ScorerState,
): { level?: PassphraseStrength['level']; text: string } {
  if (passphrase === '') return { text: `At least ${MIN_PASSPHRASE_LENGTH} characters.` }
  const strength = passphraseStrength(
    passphrase,
    scorer.status === 'ready' ? scorer.scorer : undefined,
  )
  if (strength) return { level: strength.level, text: strength.hint }
  return scorer.status === 'failed'
    ? { text: 'The strength check could not load; a long passphrase of several words is best.' }
    : { text: 'Checking…' }
}
