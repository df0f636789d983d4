import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

/** The vault's lifecycle: status, setup, unlock, lock. */
export function vaultHandlers(services: Services): NamespaceHandlers<'vault'> {
  const { vault } = services
  return {
    status: () => vault.status(),
    setup: (input) => vault.setup(input),
    unlock: ({ passphrase }) => vault.unlock({ passphrase }),
    lock: () => vault.lock(),
    onDidChangeStatus: (_input, emit) => vault.onDidChangeStatus(emit),
  }
}

/** Credential metadata and writes. Nothing here returns a secret; `vault.reveal` is main-only. */
export function credentialHandlers(services: Services): NamespaceHandlers<'credentials'> {
  const { vault } = services
  return {
    list: ({ clientId }) => ({ credentials: vault.listCredentials({ clientId }) }),
    create: (input) => vault.createCredential(input),
    update: (patch) => vault.updateCredential(patch),
    delete: ({ id }) => vault.deleteCredential(id),
  }
}
