import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { SwitchboardClient } from '@shared/contract'
import type { ConnectionStatus } from '@shared/rpc/channel'
import type { PickedTransport, TokenProblem } from '../transport/pick-transport'

interface RpcValue {
  client: SwitchboardClient
  transport: PickedTransport
}

const RpcContext = createContext<RpcValue | null>(null)

export function RpcProvider({ value, children }: { value: RpcValue; children: ReactNode }) {
  return <RpcContext.Provider value={value}>{children}</RpcContext.Provider>
}

function useRpcValue(): RpcValue {
  const value = useContext(RpcContext)
  if (!value) throw new Error('useRpc must be used inside <RpcProvider>')
  return value
}

/** The typed client for the contract. */
export function useRpc(): SwitchboardClient {
  return useRpcValue().client
}

export interface ConnectionInfo {
  status: ConnectionStatus
  mode: 'electron' | 'browser'
  failures: number
}

/** Live link status, for the status bar. */
export function useConnection(): ConnectionInfo {
  const { transport } = useRpcValue()
  const { channel } = transport
  const status = useSyncExternalStore(
    (notify) => channel.onStatus?.(notify) ?? (() => {}),
    () => channel.status?.() ?? 'open',
  )
  return { status, mode: transport.mode, failures: status === 'open' ? 0 : transport.failures() }
}

/** Browser mode: why the page cannot connect with its launch token, or null. */
export function useTokenProblem(): TokenProblem | null {
  const { transport } = useRpcValue()
  return useSyncExternalStore(transport.onTokenProblem, transport.tokenProblem)
}
