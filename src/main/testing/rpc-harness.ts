import { contract } from '../../shared/contract'
import { createRpcClient } from '../../shared/rpc/client'
import { createMemoryChannelPair } from '../../shared/rpc/memory'
import { createRpcServer } from '../../shared/rpc/server'
import { createHandlers } from '../handlers'
import type { Services } from '../services'

/**
 * The real contract, handlers and RPC server over the in-memory channel pair: what a renderer
 * would see, without a transport. `raw` sends one envelope and resolves with the next reply.
 */
export function serveOverMemory(services: Services) {
  const server = createRpcServer({
    contract,
    handlers: createHandlers(services),
    logger: services.host.logger,
  })
  const pair = createMemoryChannelPair()
  server.connect(pair.server, { connectionId: 'test', transport: 'memory' })
  const raw = (message: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const stop = pair.client.onMessage((m) => {
        stop()
        resolve(m)
      })
      pair.client.send(message)
    })
  return { client: createRpcClient(contract, pair.client).client, raw, pair }
}
