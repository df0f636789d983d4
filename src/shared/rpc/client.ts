import type { Channel, ConnectionStatus } from './channel'
import type { Client, ContractShape, SubscribeOptions, Unsubscribe } from './define'
import { ResponseMessage } from './envelope'
import { RpcError } from './errors'

interface PendingCall {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

interface ActiveSubscription {
  method: string
  input: unknown
  listener: (data: unknown) => void
  onError: ((error: Error) => void) | undefined
}

export interface RpcClientOptions {
  /** How long a call waits for the link to come up before failing with UNAVAILABLE. */
  connectTimeoutMs?: number
}

export interface RpcClientHandle<C extends ContractShape> {
  client: Client<C>
  /** Rejects every pending call and stops listening; the channel itself is the caller's. */
  dispose(): void
}

/**
 * A typed client over any channel. Calls made while the link is down wait for it (up to a
 * timeout); calls in flight when it drops fail with UNAVAILABLE; subscriptions are sent again
 * when the link comes back, so a host restart is invisible to a listener except for the gap.
 */
export function createRpcClient<C extends ContractShape>(
  contract: C,
  channel: Channel,
  options: RpcClientOptions = {},
): RpcClientHandle<C> {
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000
  const pending = new Map<number, PendingCall>()
  const subscriptions = new Map<number, ActiveSubscription>()
  const waitingForOpen = new Set<() => void>()
  let nextId = 1
  let disposed = false

  const status = (): ConnectionStatus => channel.status?.() ?? 'open'

  const failPending = (error: RpcError): void => {
    for (const call of pending.values()) call.reject(error)
    pending.clear()
  }

  const stopMessages = channel.onMessage((raw) => {
    const parsed = ResponseMessage.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    switch (message.t) {
      case 'ok':
      case 'err': {
        const call = pending.get(message.id)
        if (!call) return
        pending.delete(message.id)
        if (message.t === 'ok') call.resolve(message.output)
        else call.reject(RpcError.fromShape(message.error))
        return
      }
      case 'event':
        subscriptions.get(message.id)?.listener(message.data)
        return
      case 'end': {
        const sub = subscriptions.get(message.id)
        if (!sub) return
        subscriptions.delete(message.id)
        if (message.error) sub.onError?.(RpcError.fromShape(message.error))
        return
      }
    }
  })

  const stopStatus = channel.onStatus?.((next) => {
    if (next === 'open') {
      for (const notify of [...waitingForOpen]) notify()
      for (const [id, sub] of subscriptions) {
        trySend({ t: 'sub', id, method: sub.method, input: sub.input })
      }
    } else if (next === 'closed') {
      failPending(new RpcError('UNAVAILABLE', 'The connection to Switchboard was lost'))
    }
  })

  function trySend(message: unknown): boolean {
    try {
      channel.send(message)
      return true
    } catch {
      return false
    }
  }

  function whenOpen(): Promise<void> {
    if (status() === 'open') return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waitingForOpen.delete(done)
        reject(new RpcError('UNAVAILABLE', 'Switchboard is not reachable right now'))
      }, connectTimeoutMs)
      const done = (): void => {
        clearTimeout(timer)
        waitingForOpen.delete(done)
        resolve()
      }
      waitingForOpen.add(done)
    })
  }

  async function invoke(method: string, input: unknown): Promise<unknown> {
    if (disposed) throw new RpcError('UNAVAILABLE', 'This client was closed')
    await whenOpen()
    const id = nextId++
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      if (!trySend({ t: 'call', id, method, input: input ?? {} })) {
        pending.delete(id)
        reject(new RpcError('UNAVAILABLE', 'The connection to Switchboard was lost'))
      }
    })
  }

  function subscribe(
    method: string,
    input: unknown,
    listener: (data: unknown) => void,
    subscribeOptions?: SubscribeOptions,
  ): Unsubscribe {
    const id = nextId++
    subscriptions.set(id, {
      method,
      input: input ?? {},
      listener,
      onError: subscribeOptions?.onError,
    })
    // While the link is down, the 'open' status handler sends it.
    if (status() === 'open') trySend({ t: 'sub', id, method, input: input ?? {} })
    return () => {
      if (!subscriptions.delete(id)) return
      if (status() === 'open') trySend({ t: 'unsub', id })
    }
  }

  const client: Record<string, Record<string, unknown>> = {}
  for (const [ns, members] of Object.entries(contract)) {
    const namespace: Record<string, unknown> = {}
    for (const [name, spec] of Object.entries(members)) {
      const method = `${ns}.${name}`
      namespace[name] =
        spec.kind === 'call'
          ? (input?: unknown) => invoke(method, input)
          : (input: unknown, listener: (data: unknown) => void, opts?: SubscribeOptions) =>
              subscribe(method, input, listener, opts)
    }
    client[ns] = namespace
  }

  return {
    client: client as Client<C>,
    dispose() {
      disposed = true
      stopMessages()
      stopStatus?.()
      failPending(new RpcError('UNAVAILABLE', 'This client was closed'))
      subscriptions.clear()
    },
  }
}
