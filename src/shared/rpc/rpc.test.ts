import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createRpcClient } from './client'
import { call, event, type Handlers } from './define'
import { RpcError } from './errors'
import { createMemoryChannelPair } from './memory'
import { createRpcServer, MAX_SUBSCRIPTIONS_PER_CONNECTION, type RpcLogger } from './server'

const testContract = {
  math: {
    add: call({
      doc: 'adds',
      input: z.object({ a: z.number(), b: z.number() }).strict(),
      output: z.object({ sum: z.number() }),
    }),
    explode: call({ doc: 'throws', input: z.object({}), output: z.object({}) }),
    refuse: call({ doc: 'throws an RpcError', input: z.object({}), output: z.object({}) }),
    lie: call({
      doc: 'returns the wrong shape',
      input: z.object({}),
      output: z.object({ n: z.number() }),
    }),
    onTick: event({
      doc: 'ticks',
      input: z.object({ every: z.number().positive() }),
      data: z.object({ n: z.number() }),
    }),
    opaque: call({
      doc: 'returns what no transport can carry',
      input: z.object({}),
      output: z.object({ value: z.unknown() }),
    }),
    onOpaque: event({
      doc: 'emits what no transport can carry',
      input: z.object({}),
      data: z.object({ value: z.unknown() }),
    }),
  },
}

function setup(overrides: Partial<Handlers<typeof testContract, { user: string }>['math']> = {}) {
  const unsubscribed = vi.fn()
  const emitters = new Set<(data: { n: number }) => void>()
  const handlers: Handlers<typeof testContract, { user: string }> = {
    math: {
      add: ({ a, b }) => ({ sum: a + b }),
      explode: () => {
        throw new Error('disk /secret/path is on fire')
      },
      refuse: () => {
        throw new RpcError('CONFLICT', 'Already done')
      },
      // @ts-expect-error -- deliberately breaks the contract to test output validation
      lie: () => ({ n: 'not a number' }),
      onTick: (_input, emit) => {
        emitters.add(emit)
        return () => {
          emitters.delete(emit)
          unsubscribed()
        }
      },
      opaque: () => ({ value: () => 'a function cannot be cloned' }),
      onOpaque: (_input, emit) => {
        queueMicrotask(() => emit({ value: () => 'a function cannot be cloned' }))
        return unsubscribed
      },
      ...overrides,
    },
  }
  const logger: RpcLogger = { error: vi.fn(), warn: vi.fn() }
  const server = createRpcServer({ contract: testContract, handlers, logger })
  const pair = createMemoryChannelPair()
  const disconnect = server.connect(pair.server, { user: 'tech' })
  const { client, dispose } = createRpcClient(testContract, pair.client)
  const raw = (message: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const stop = pair.client.onMessage((m) => {
        stop()
        resolve(m)
      })
      pair.client.send(message)
    })
  return { client, dispose, disconnect, pair, logger, emitters, unsubscribed, raw }
}

describe('RPC over the in-memory pair', () => {
  it('round-trips a typed call', async () => {
    const { client } = setup()
    await expect(client.math.add({ a: 2, b: 3 })).resolves.toEqual({ sum: 5 })
  })

  it('rejects invalid input with a BAD_REQUEST that says what is wrong', async () => {
    const { client } = setup()
    // @ts-expect-error -- the point is to send what the types forbid
    const failure = await client.math.add({ a: 'two', b: 3 }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(RpcError)
    expect(failure).toMatchObject({ code: 'BAD_REQUEST' })
    expect((failure as RpcError).issues?.[0]?.path).toEqual(['a'])
    expect((failure as RpcError).message).toContain('a:')
  })

  it('rejects unknown keys on strict inputs', async () => {
    const { client } = setup()
    // @ts-expect-error -- extra key
    await expect(client.math.add({ a: 1, b: 2, c: 3 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })

  it('rejects an unknown method with UNKNOWN_METHOD', async () => {
    const { raw } = setup()
    await expect(
      raw({ t: 'call', id: 7, method: 'math.divide', input: {} }),
    ).resolves.toMatchObject({
      t: 'err',
      id: 7,
      error: { code: 'UNKNOWN_METHOD', message: 'Unknown method math.divide' },
    })
  })

  it('answers a malformed envelope with BAD_REQUEST when it has an id', async () => {
    const { raw } = setup()
    await expect(raw({ t: 'call', id: 3, method: 'no dots here' })).resolves.toMatchObject({
      t: 'err',
      id: 3,
      error: { code: 'BAD_REQUEST' },
    })
  })

  it('turns a throwing handler into an INTERNAL error without leaking its text, and keeps serving', async () => {
    const { client, logger } = setup()
    const failure = (await client.math.explode().catch((e: unknown) => e)) as RpcError
    expect(failure.code).toBe('INTERNAL')
    expect(failure.message).not.toContain('/secret/path')
    expect(logger.error).toHaveBeenCalled()
    await expect(client.math.add({ a: 1, b: 1 })).resolves.toEqual({ sum: 2 })
  })

  it('carries an RpcError thrown by a service as-is', async () => {
    const { client } = setup()
    await expect(client.math.refuse()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Already done',
    })
  })

  it('refuses output that breaks the contract', async () => {
    const { client } = setup()
    await expect(client.math.lie()).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('handles an async handler that rejects', async () => {
    const { client } = setup({
      add: async () => {
        await Promise.resolve()
        throw new Error('later')
      },
    })
    await expect(client.math.add({ a: 1, b: 1 })).rejects.toMatchObject({ code: 'INTERNAL' })
  })

  it('delivers events to a subscriber until it unsubscribes', async () => {
    const { client, emitters, unsubscribed } = setup()
    const seen: number[] = []
    const stop = client.math.onTick({ every: 1 }, (d) => seen.push(d.n))
    await vi.waitFor(() => expect(emitters.size).toBe(1))
    for (const emit of emitters) emit({ n: 1 })
    await vi.waitFor(() => expect(seen).toEqual([1]))
    stop()
    await vi.waitFor(() => expect(unsubscribed).toHaveBeenCalledOnce())
  })

  it('ends a subscription with invalid input through onError', async () => {
    const { client } = setup()
    const onError = vi.fn()
    client.math.onTick({ every: -1 }, () => {}, { onError })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce())
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'BAD_REQUEST' })
  })

  it('unsubscribes everything when the connection closes', async () => {
    const { client, emitters, unsubscribed, disconnect } = setup()
    client.math.onTick({ every: 1 }, () => {})
    client.math.onTick({ every: 2 }, () => {})
    await vi.waitFor(() => expect(emitters.size).toBe(2))
    disconnect()
    expect(unsubscribed).toHaveBeenCalledTimes(2)
  })

  it('fails calls in flight with UNAVAILABLE when the link drops', async () => {
    const { client, pair } = setup({ add: () => new Promise(() => {}) })
    const pending = client.math.add({ a: 1, b: 2 })
    await Promise.resolve()
    pair.close()
    await expect(pending).rejects.toMatchObject({ code: 'UNAVAILABLE' })
  })

  it('refuses to start when a contract method has no handler', () => {
    const handlers = { math: { add: () => ({ sum: 0 }) } }
    expect(() =>
      createRpcServer({
        contract: testContract,
        handlers: handlers as unknown as Handlers<typeof testContract, object>,
        logger: { error: () => {}, warn: () => {} },
      }),
    ).toThrow(/No handler for contract method math\.explode/)
  })

  it('answers a call whose result cannot be sent with an error in its place', async () => {
    const { client, logger } = setup()
    await expect(client.math.opaque()).rejects.toMatchObject({
      code: 'INTERNAL',
      message:
        'The result of math.opaque could not be encoded to send; see the app log for details',
    })
    expect(logger.warn).toHaveBeenCalled()
    await expect(client.math.add({ a: 1, b: 1 })).resolves.toEqual({ sum: 2 })
  })

  it('ends a stream whose event cannot be sent, with an error, and unsubscribes it', async () => {
    const { client, unsubscribed } = setup()
    const onError = vi.fn()
    client.math.onOpaque({}, () => {}, { onError })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce())
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'INTERNAL' })
    expect(unsubscribed).toHaveBeenCalledOnce()
  })

  it('holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION streams per connection', async () => {
    const { client, emitters } = setup()
    const stops = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, (_, i) =>
      client.math.onTick({ every: i + 1 }, () => {}),
    )
    await vi.waitFor(() => expect(emitters.size).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION))
    const onError = vi.fn()
    client.math.onTick({ every: 1 }, () => {}, { onError })
    await vi.waitFor(() => expect(onError).toHaveBeenCalledOnce())
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'CONFLICT',
      message: `A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions; end one first`,
    })
    // Another connection has its own allowance, and ending one stream makes room again.
    const other = setup()
    other.client.math.onTick({ every: 1 }, () => {})
    await vi.waitFor(() => expect(other.emitters.size).toBe(1))
    stops[0]?.()
    await vi.waitFor(() => expect(emitters.size).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION - 1))
    client.math.onTick({ every: 1 }, () => {})
    await vi.waitFor(() => expect(emitters.size).toBe(MAX_SUBSCRIPTIONS_PER_CONNECTION))
  })
})
