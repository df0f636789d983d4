import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { queryKeys } from './query-keys'
import { useRpc } from './rpc'

/** The sync status, updated live by `sync.onDidChangeStatus`. */
export function useSyncStatus() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      rpc.sync.onDidChangeStatus({}, (status) => {
        queryClient.setQueryData(queryKeys.syncStatus, status)
      }),
    [rpc, queryClient],
  )
  return useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => rpc.sync.status() })
}
