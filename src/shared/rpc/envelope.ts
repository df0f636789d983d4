import { z } from 'zod'
import { RpcErrorShape } from './errors'

const MessageId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
const MethodName = z
  .string()
  .max(200)
  .regex(/^[a-zA-Z][\w]*\.[a-zA-Z][\w]*$/, 'method must look like namespace.verb')

/** What a client sends: a call, a subscription to an event stream, or its end. */
export const RequestMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: MessageId, method: MethodName, input: z.unknown() }),
  z.object({ t: z.literal('sub'), id: MessageId, method: MethodName, input: z.unknown() }),
  z.object({ t: z.literal('unsub'), id: MessageId }),
])
export type RequestMessage = z.infer<typeof RequestMessage>

/** What a server sends back: a call's result or failure, an event, or a stream's end. */
export const ResponseMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ok'), id: MessageId, output: z.unknown() }),
  z.object({ t: z.literal('err'), id: MessageId, error: RpcErrorShape }),
  z.object({ t: z.literal('event'), id: MessageId, data: z.unknown() }),
  z.object({ t: z.literal('end'), id: MessageId, error: RpcErrorShape.optional() }),
])
export type ResponseMessage = z.infer<typeof ResponseMessage>
