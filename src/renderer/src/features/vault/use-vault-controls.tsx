import { useCallback, useState } from 'react'
import { useLockVault, useUnlockVault, useVaultStatus } from '../../api/vault'
import { UnlockDialog } from './UnlockDialog'
import { VaultSetupDialog } from './VaultSetupDialog'

/**
 * Set up, unlock and lock, with the dialogs they need. Each control that uses this owns its
 * dialogs, so the status chip and the credentials panel each work wherever they are placed.
 */
export function useVaultControls() {
  const status = useVaultStatus().data
  const unlockVault = useUnlockVault()
  const lockVault = useLockVault()
  const [open, setOpen] = useState<'setup' | 'unlock' | null>(null)
  const close = useCallback(() => setOpen(null), [])
  return {
    status,
    busy: unlockVault.isPending || lockVault.isPending,
    setUp: () => setOpen('setup'),
    // An OS keychain vault has nothing to ask: unlock straight away.
    unlock: () =>
      status?.protection === 'os-keychain' ? unlockVault.mutate(undefined) : setOpen('unlock'),
    lock: () => lockVault.mutate(),
    dialogs:
      open === 'setup' ? (
        <VaultSetupDialog onClose={close} />
      ) : open === 'unlock' ? (
        <UnlockDialog onClose={close} />
      ) : null,
  }
}
