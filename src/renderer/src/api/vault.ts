import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { CallInput } from '@shared/rpc/define'
import type { Contract, VaultStatus } from '@shared/contract'
import { useRpc } from './rpc'

type CredentialCalls = Contract['credentials']
/** What the list call takes: an optional client scope. */
export type CredentialListInput = CallInput<CredentialCalls['list']>
/** What a create or update sends, secrets included: it lives only until the call is made. */
export type CreateCredentialInput = CallInput<CredentialCalls['create']>
export type UpdateCredentialInput = CallInput<CredentialCalls['update']>
export type VaultSetupInput = CallInput<Contract['vault']['setup']>

/** Query keys of the vault: the contract method plus its input. */
export const vaultKeys = {
  status: ['vault.status', {}] as const,
  credentialsAll: ['credentials.list'] as const,
  credentials: (input: CredentialListInput) => ['credentials.list', input] as const,
}

/*
 * Mutations that carry a secret (a passphrase, a password, a key) keep no trace of it:
 * gcTime 0 drops them from the mutation cache as soon as nothing observes them, and the
 * components call `reset()` after success so the observer forgets its variables too.
 */
const forgetAtOnce = { gcTime: 0 } as const

/** The vault's status, kept fresh by `vault.onDidChangeStatus` (other windows included). */
export function useVaultStatus() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      rpc.vault.onDidChangeStatus({}, (status) => {
        queryClient.setQueryData(vaultKeys.status, status)
      }),
    [rpc, queryClient],
  )
  return useQuery({ queryKey: vaultKeys.status, queryFn: () => rpc.vault.status() })
}

function storeStatus(queryClient: QueryClient) {
  return (status: VaultStatus) => queryClient.setQueryData(vaultKeys.status, status)
}

export function useSetupVault() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    ...forgetAtOnce,
    mutationFn: (input: VaultSetupInput) => rpc.vault.setup(input),
    onSuccess: storeStatus(queryClient),
  })
}

/** Unlocks with a passphrase, or (omitted) through the OS keychain. */
export function useUnlockVault() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    ...forgetAtOnce,
    mutationFn: (passphrase: string | undefined) =>
      rpc.vault.unlock(passphrase === undefined ? {} : { passphrase }),
    onSuccess: storeStatus(queryClient),
  })
}

export function useLockVault() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => rpc.vault.lock({}),
    onSuccess: storeStatus(queryClient),
  })
}

/** Credential summaries (never secrets), optionally scoped to one client. */
export function useCredentials(input: CredentialListInput = {}) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vaultKeys.credentials(input),
    queryFn: () => rpc.credentials.list(input),
  })
}

function useCredentialMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({
    ...forgetAtOnce,
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vaultKeys.credentialsAll }),
  })
}

export function useCreateCredential() {
  const rpc = useRpc()
  return useCredentialMutation((input: CreateCredentialInput) => rpc.credentials.create(input))
}

export function useUpdateCredential() {
  const rpc = useRpc()
  return useCredentialMutation((input: UpdateCredentialInput) => rpc.credentials.update(input))
}

export function useDeleteCredential() {
  const rpc = useRpc()
  return useCredentialMutation((id: string) => rpc.credentials.delete({ id }))
}
