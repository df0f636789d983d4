import type { SwitchboardHandlers } from '../../shared/contract'

/** Who is on the other end of a connection; handlers may use it for auditing. */
export interface RpcContext {
  connectionId: string
  transport: 'ipc' | 'websocket' | 'memory'
}

export type AllHandlers = SwitchboardHandlers<RpcContext>
/** The handlers of one contract namespace. */
export type NamespaceHandlers<N extends keyof AllHandlers> = AllHandlers[N]
