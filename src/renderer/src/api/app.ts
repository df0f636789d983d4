import { useQuery } from '@tanstack/react-query'
import { queryKeys } from './query-keys'
import { useRpc } from './rpc'

export function useAppInfo() {
  const rpc = useRpc()
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => rpc.app.info(),
    staleTime: Infinity,
  })
}

export function useAuditLog(limit = 50) {
  const rpc = useRpc()
  return useQuery({ queryKey: queryKeys.audit(limit), queryFn: () => rpc.audit.list({ limit }) })
}
