import type { z } from 'zod'
import type { Channel } from './channel'
import { flattenContract, type ContractShape, type Handlers, type Unsubscribe } from './define'
import { DomainError, type DomainErrorCode } from '../domain/errors'
import { RequestMessage, type ResponseMessage } from './envelope'
import {
  RpcError,
  describeIssues,
  issuesFromZod,
  type RpcErrorCode,
  type RpcErrorShape,
} from './errors'

/** Where server-side failures are reported; never sent to the caller. */
export interface RpcLogger {
  error(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
}

export interface RpcServer<Ctx> {
  /** Serves one connection until the returned function is called (or the channel closes). */
  connect(channel: Channel, ctx: Ctx): () => void
}

type AnyHandler = (...args: unknown[]) => unknown

/** The one place a service's domain error becomes a wire code; its message goes as is. */
const WIRE_CODE: Record<DomainErrorCode, RpcErrorCode> = {
  invalid: 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  unavailable: 'UNAVAILABLE',
  damaged: 'INTERNAL',
}

function toErrorShape(error: unknown, method: string, logger: RpcLogger): RpcErrorShape {
  if (error instanceof DomainError) {
    const { code, message, issues } = error
    return issues ? { code: WIRE_CODE[code], message, issues } : { code: WIRE_CODE[code], message }
  }
  if (error instanceof RpcError) return error.toShape()
  // Unexpected errors may carry paths, SQL or secrets in their text: log it here, send a plain one.
  logger.error(`handler ${method} failed`, error)
  return { code: 'INTERNAL', message: `${method} failed unexpectedly; see the app log for details` }
}

function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> | RpcError {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = issuesFromZod(result.error)
  return new RpcError('BAD_REQUEST', `Invalid ${what}: ${describeIssues(issues)}`, issues)
}

/**
 * Validates every message where it enters, routes it to its handler and sends the result.
 * Nothing a caller sends can throw out of here: bad input and failing handlers become typed
 * error replies, and the connection keeps serving.
 */
export function createRpcServer<C extends ContractShape, Ctx>(options: {
  contract: C
  handlers: Handlers<C, Ctx>
  logger: RpcLogger
  /** Event streams one connection may hold open at once. */
  maxSubscriptions?: number
}): RpcServer<Ctx> {
  const { logger } = options
  const maxSubscriptions = options.maxSubscriptions ?? MAX_SUBSCRIPTIONS_PER_CONNECTION
  const specs = flattenContract(options.contract)
  const handlerTable = new Map<string, AnyHandler>()
  for (const [ns, members] of Object.entries(options.handlers as Record<string, object>)) {
    for (const [name, fn] of Object.entries(members as Record<string, AnyHandler>)) {
      handlerTable.set(`${ns}.${name}`, fn)
    }
  }
  for (const method of specs.keys()) {
    if (!handlerTable.has(method)) throw new Error(`No handler for contract method ${method}`)
  }

  return {
    connect(channel, ctx) {
      const subscriptions = new Map<number, Unsubscribe>()
      let closed = false

      /** Sends `message`; the reason it could not be sent (encoded or written), or null. */
      const trySend = (message: ResponseMessage): string | null => {
        if (closed) return null
        try {
          channel.send(message)
          return null
        } catch (error) {
          logger.warn(`could not send an RPC ${message.t} message`, error)
          return unsendableReason(error)
        }
      }
      const send = (message: ResponseMessage): void => void trySend(message)

      /** A call's result, or, when that cannot be sent, an error in its place: every call is answered. */
      const sendResult = (id: number, method: string, output: unknown): void => {
        const failure = trySend({ t: 'ok', id, output })
        if (failure === null) return
        send({
          t: 'err',
          id,
          error: { code: 'INTERNAL', message: `The result of ${method} ${failure}` },
        })
      }

      const endSubscription = (id: number): void => {
        const unsubscribe = subscriptions.get(id)
        if (!unsubscribe) return
        subscriptions.delete(id)
        try {
          unsubscribe()
        } catch (error) {
          logger.error('unsubscribe failed', error)
        }
      }

      const handleCall = async (id: number, method: string, rawInput: unknown): Promise<void> => {
        const spec = specs.get(method)
        const handler = handlerTable.get(method)
        if (!spec || spec.kind !== 'call' || !handler) {
          send({ t: 'err', id, error: unknownMethod(method, spec?.kind === 'event') })
          return
        }
        const input = parseWith(spec.input, rawInput, `input to ${method}`)
        if (input instanceof RpcError) {
          send({ t: 'err', id, error: input.toShape() })
          return
        }
        try {
          const result = await handler(input, ctx)
          const output = parseWith(spec.output, result, `output of ${method}`)
          if (output instanceof RpcError) {
            logger.error(
              `handler ${method} returned output that breaks the contract`,
              output.message,
            )
            send({
              t: 'err',
              id,
              error: { code: 'INTERNAL', message: `${method} returned an invalid result` },
            })
            return
          }
          sendResult(id, method, output)
        } catch (error) {
          send({ t: 'err', id, error: toErrorShape(error, method, logger) })
        }
      }

      const handleSubscribe = (id: number, method: string, rawInput: unknown): void => {
        const spec = specs.get(method)
        const handler = handlerTable.get(method)
        if (!spec || spec.kind !== 'event' || !handler) {
          send({ t: 'end', id, error: unknownMethod(method, spec?.kind === 'call') })
          return
        }
        if (subscriptions.has(id)) {
          send({
            t: 'end',
            id,
            error: { code: 'BAD_REQUEST', message: `Subscription ${id} is already open` },
          })
          return
        }
        if (subscriptions.size >= maxSubscriptions) {
          send({
            t: 'end',
            id,
            error: {
              code: 'CONFLICT',
              message: `A connection may hold at most ${maxSubscriptions} subscriptions; end one first`,
            },
          })
          return
        }
        const input = parseWith(spec.input, rawInput, `input to ${method}`)
        if (input instanceof RpcError) {
          send({ t: 'end', id, error: input.toShape() })
          return
        }
        const emit = (data: unknown): void => {
          if (!subscriptions.has(id)) return
          const parsed = parseWith(spec.data, data, `event of ${method}`)
          if (parsed instanceof RpcError) {
            logger.error(`event ${method} broke the contract`, parsed.message)
            return
          }
          const failure = trySend({ t: 'event', id, data: parsed })
          if (failure === null) return
          // A stream that silently skipped an event would leave the caller's view wrong: end it.
          endSubscription(id)
          send({
            t: 'end',
            id,
            error: { code: 'INTERNAL', message: `An event of ${method} ${failure}` },
          })
        }
        // Registered before the handler runs so an event emitted synchronously is delivered.
        subscriptions.set(id, () => {})
        try {
          const unsubscribe = handler(input, emit, ctx) as Unsubscribe
          if (subscriptions.has(id)) subscriptions.set(id, unsubscribe)
          else unsubscribe()
        } catch (error) {
          subscriptions.delete(id)
          send({ t: 'end', id, error: toErrorShape(error, method, logger) })
        }
      }

      const stopListening = channel.onMessage((raw) => {
        if (closed) return
        const parsed = RequestMessage.safeParse(raw)
        if (!parsed.success) {
          const id = extractId(raw)
          const issues = issuesFromZod(parsed.error)
          const error: RpcErrorShape = {
            code: 'BAD_REQUEST',
            message: `Malformed message: ${describeIssues(issues)}`,
            issues,
          }
          if (id !== undefined) send({ t: 'err', id, error })
          else logger.warn('dropped a malformed RPC message without an id')
          return
        }
        const message = parsed.data
        if (message.t === 'call') void handleCall(message.id, message.method, message.input)
        else if (message.t === 'sub') handleSubscribe(message.id, message.method, message.input)
        else endSubscription(message.id)
      })

      return () => {
        if (closed) return
        closed = true
        stopListening()
        for (const id of [...subscriptions.keys()]) endSubscription(id)
      }
    },
  }
}

/** Event streams one connection may hold open at once, unless the server is told otherwise. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 256

/** Why a message could not go out, finishing "The result of X …" (no error text: it may hold data). */
function unsendableReason(error: unknown): string {
  return error instanceof RangeError
    ? 'is too large to send; ask for less of it'
    : 'could not be encoded to send; see the app log for details'
}

function unknownMethod(method: string, wrongKind: boolean): RpcErrorShape {
  return wrongKind
    ? {
        code: 'UNKNOWN_METHOD',
        message: `${method} exists but is not used that way (call vs subscribe)`,
      }
    : { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}` }
}

function extractId(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined
  const { id } = raw
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined
}
