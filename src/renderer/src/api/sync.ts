import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { sync } from '@shared/contract/sync'
import type { CallInput } from '@shared/rpc/define'
import { queryKeys } from './query-keys'
import { useRpc } from './rpc'

type Sync = typeof sync

export type FirstSyncChoice = CallInput<Sync['chooseFirstSync']>['choice']
export type ConflictChoice = CallInput<Sync['resolveConflict']>['choice']

/** Query keys of the sync namespace: the contract method plus its input. */
export const syncKeys = {
  status: queryKeys.syncStatus,
  conflicts: ['sync.conflicts', {}] as const,
  rejections: ['sync.rejections', {}] as const,
}

/** A status change may mean new conflicts or refusals (their counts ride on it), or fewer. */
function invalidateInbox(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: syncKeys.conflicts })
  void queryClient.invalidateQueries({ queryKey: syncKeys.rejections })
}

/**
 * The sync status, kept live by `sync.onDidChangeStatus` for as long as this is mounted (the
 * status bar always is). Other readers use `useSyncStatusQuery`, so one window follows once.
 */
export function useSyncStatus() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      rpc.sync.onDidChangeStatus({}, (status) => {
        const before = queryClient.getQueryData<typeof status>(queryKeys.syncStatus)
        queryClient.setQueryData(queryKeys.syncStatus, status)
        if (before?.conflicts !== status.conflicts || before.rejected !== status.rejected) {
          invalidateInbox(queryClient)
        }
        // Another technician (or nobody): what the team showed the last one is not theirs.
        if (before?.server?.technician?.id !== status.server?.technician?.id) {
          queryClient.removeQueries({
            predicate: (query) =>
              typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith('team.'),
          })
        }
      }),
    [rpc, queryClient],
  )
  return useSyncStatusQuery()
}

/** The sync status as last heard, without following it (see `useSyncStatus`). */
export function useSyncStatusQuery() {
  const rpc = useRpc()
  return useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => rpc.sync.status() })
}

export function useSyncConflicts() {
  const rpc = useRpc()
  return useQuery({ queryKey: syncKeys.conflicts, queryFn: () => rpc.sync.conflicts({}) })
}

export function useSyncRejections() {
  const rpc = useRpc()
  return useQuery({ queryKey: syncKeys.rejections, queryFn: () => rpc.sync.rejections({}) })
}

// ---------------------------------------------------------------------------------------------
// The popover's actions

function useStatusMutation<T>(call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus }),
  })
}

export function useSyncNow() {
  const rpc = useRpc()
  return useStatusMutation(() => rpc.sync.syncNow({}))
}

export function useSetWorkOffline() {
  const rpc = useRpc()
  return useStatusMutation((offline: boolean) => rpc.sync.setWorkOffline({ offline }))
}

export function useSignOut() {
  const rpc = useRpc()
  return useStatusMutation(() => rpc.sync.signOut({}))
}

export function useResolveConflict() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; choice: ConflictChoice }) => rpc.sync.resolveConflict(input),
    onSettled: () => {
      invalidateInbox(queryClient)
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus })
    },
  })
}

export function useDismissRejection() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mutationId: number) => rpc.sync.dismissRejection({ mutationId }),
    onSettled: () => {
      invalidateInbox(queryClient)
      void queryClient.invalidateQueries({ queryKey: queryKeys.syncStatus })
    },
  })
}
