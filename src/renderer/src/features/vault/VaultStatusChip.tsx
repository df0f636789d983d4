import { Lock, LockOpen, ShieldOff } from 'lucide-react'
import type { VaultStatus } from '@shared/contract'
import { useVaultControls } from './use-vault-controls'
import './vault.css'

function describe(status: VaultStatus | undefined): string {
  switch (status?.state) {
    case undefined:
      return 'Vault: …'
    case 'uninitialized':
      return 'Vault not set up'
    case 'locked':
      return 'Vault locked'
    case 'unlocked':
      return 'Vault unlocked'
  }
}

/** The vault's state for the status bar, with the one action that state calls for. */
export function VaultStatusChip() {
  const { status, busy, setUp, unlock, lock, dialogs } = useVaultControls()
  const state = status?.state
  const Icon = state === 'unlocked' ? LockOpen : state === 'locked' ? Lock : ShieldOff
  return (
    <span
      className="statusbar__item vault-chip"
      data-testid="vault-status"
      data-state={state ?? ''}
    >
      <Icon
        aria-hidden
        size={13}
        className={`vault-chip__icon vault-chip__icon--${state ?? 'unknown'}`}
      />
      {describe(status)}
      {state === 'uninitialized' ? (
        <button
          type="button"
          className="vault-chip__action"
          aria-label="Set up vault"
          onClick={setUp}
        >
          Set up
        </button>
      ) : null}
      {state === 'locked' ? (
        <button
          type="button"
          className="vault-chip__action"
          aria-label="Unlock vault"
          disabled={busy}
          onClick={unlock}
        >
          Unlock
        </button>
      ) : null}
      {state === 'unlocked' ? (
        <button
          type="button"
          className="vault-chip__action"
          aria-label="Lock vault"
          disabled={busy}
          onClick={lock}
        >
          Lock
        </button>
      ) : null}
      {dialogs}
    </span>
  )
}
