/** The credential vault's UI: place the chip in the status bar and the panel on a page. */
export { CredentialFormDialog } from './CredentialFormDialog'
export { CredentialsPanel } from './CredentialsPanel'
export { UnlockDialog } from './UnlockDialog'
export { VaultSetupDialog } from './VaultSetupDialog'
export { VaultStatusChip } from './VaultStatusChip'
