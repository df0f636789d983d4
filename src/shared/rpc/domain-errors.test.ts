import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { DomainError, type DomainErrorCode } from '../domain/errors'
import { createRpcClient } from './client'
import { call, event } from './define'
import { RpcError, type RpcErrorCode } from './errors'
import { createMemoryChannelPair } from './memory'
import { createRpcServer, type RpcLogger } from './server'

const contract = {
  svc: {
    fail: call({ doc: 'throws what it is told', input: z.object({}), output: z.object({}) }),
    onFail: event({ doc: 'throws on subscribe', input: z.object({}), data: z.object({}) }),
  },
}

/** A server whose handlers throw `thrown`, and a client on it. */
function serve(thrown: () => unknown) {
  const logger: RpcLogger = { error: vi.fn(), warn: vi.fn() }
  const server = createRpcServer({
    contract,
    handlers: {
      svc: {
        fail: () => {
          throw thrown()
        },
        onFail: () => {
          throw thrown()
        },
      },
    },
    logger,
  })
  const pair = createMemoryChannelPair()
  server.connect(pair.server, {})
  const { client } = createRpcClient(contract, pair.client)
  const subscribeError = (): Promise<unknown> =>
    new Promise((resolve) => {
      client.svc.onFail({}, () => {}, { onError: resolve })
    })
  return { client, logger, subscribeError }
}

const WIRE: [DomainErrorCode, RpcErrorCode][] = [
  ['invalid', 'BAD_REQUEST'],
  ['not-found', 'NOT_FOUND'],
  ['conflict', 'CONFLICT'],
  ['forbidden', 'FORBIDDEN'],
  ['unavailable', 'UNAVAILABLE'],
  ['damaged', 'INTERNAL'],
]

describe('a domain error crossing the RPC boundary', () => {
  it.each(WIRE)('turns %s into %s with its message, on a call', async (domain, wire) => {
    const { client, logger } = serve(() => new DomainError(domain, `said ${domain}`))
    const failure = await client.svc.fail({}).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(RpcError)
    expect(failure).toMatchObject({ code: wire, message: `said ${domain}` })
    // An expected failure is the caller's business, not something for the app log.
    expect(logger.error).not.toHaveBeenCalled()
  })

  it.each(WIRE)('turns %s into %s with its message, on a subscription', async (domain, wire) => {
    const { subscribeError } = serve(() => new DomainError(domain, `said ${domain}`))
    await expect(subscribeError()).resolves.toMatchObject({ code: wire, message: `said ${domain}` })
  })

  it('carries the fields a domain error names, so a form can mark them', async () => {
    const issues = [{ path: ['siteId'], message: 'No such site' }]
    const { client } = serve(() => new DomainError('not-found', 'No such site', issues))
    const failure = await client.svc.fail({}).catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'No such site', issues })
  })

  it('sends any other error as INTERNAL without its text, and logs it', async () => {
    const secret = 'SQLITE_CORRUPT in /home/tech/.switchboard/vault.db'
    const { client, logger } = serve(() => new Error(secret))
    const failure = await client.svc.fail({}).catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'INTERNAL' })
    expect((failure as RpcError).message).not.toContain('SQLITE')
    expect(logger.error).toHaveBeenCalledOnce()
  })

  it('does not trust an error that merely looks like a domain error', async () => {
    const lookalike = Object.assign(new Error('/etc/shadow'), { code: 'not-found' })
    const { client } = serve(() => lookalike)
    const failure = await client.svc.fail({}).catch((e: unknown) => e)
    expect(failure).toMatchObject({ code: 'INTERNAL' })
    expect((failure as RpcError).message).not.toContain('shadow')
  })
})
