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

/** The diagnostics report's facts; refetched on open, since recent problems change. */
export function useDiagnostics() {
  const rpc = useRpc()
  return useQuery({ queryKey: queryKeys.diagnostics, queryFn: () => rpc.app.diagnostics({}) })
}

/** The newest `limit` entries of one action that name a device (e.g. its SSH sessions). */
export function useDeviceAudit(deviceId: string, action: string, limit: number) {
  const rpc = useRpc()
  return useQuery({
    queryKey: queryKeys.deviceAudit(deviceId, action, limit),
    queryFn: () => rpc.audit.list({ deviceId, action, limit }),
  })
}
