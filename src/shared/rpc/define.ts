import type { z } from 'zod'

/** A request/response method. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call'
  readonly doc: string
  readonly input: I
  readonly output: O
}

/** An event stream the caller subscribes to with an input and receives `data` from. */
export interface EventSpec<I extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
  readonly kind: 'event'
  readonly doc: string
  readonly input: I
  readonly data: D
}

export type MethodSpec = CallSpec | EventSpec
export type NamespaceShape = Record<string, MethodSpec>
export type ContractShape = Record<string, NamespaceShape>

export function call<I extends z.ZodType, O extends z.ZodType>(spec: {
  doc: string
  input: I
  output: O
}): CallSpec<I, O> {
  return { kind: 'call', ...spec }
}

export function event<I extends z.ZodType, D extends z.ZodType>(spec: {
  doc: string
  input: I
  data: D
}): EventSpec<I, D> {
  return { kind: 'event', ...spec }
}

export type Unsubscribe = () => void

/** Optional when the schema accepts an empty object, so `client.app.info()` reads naturally. */
type InputArgs<I extends z.ZodType> =
  Record<string, never> extends z.input<I> ? [input?: z.input<I>] : [input: z.input<I>]

type HandlerFor<S, Ctx> =
  S extends CallSpec<infer I, infer O>
    ? (input: z.output<I>, ctx: Ctx) => Promise<z.input<O>> | z.input<O>
    : S extends EventSpec<infer I, infer D>
      ? (input: z.output<I>, emit: (data: z.input<D>) => void, ctx: Ctx) => Unsubscribe
      : never

/** What the host must implement: one function per method, typed from the contract. */
export type Handlers<C extends ContractShape, Ctx> = {
  [N in keyof C]: { [M in keyof C[N]]: HandlerFor<C[N][M], Ctx> }
}

export interface SubscribeOptions {
  /** Called once if the stream fails or the host ends it with an error. */
  onError?: (error: Error) => void
}

type ClientMethodFor<S> =
  S extends CallSpec<infer I, infer O>
    ? (...args: InputArgs<I>) => Promise<z.output<O>>
    : S extends EventSpec<infer I, infer D>
      ? (
          input: z.input<I>,
          listener: (data: z.output<D>) => void,
          options?: SubscribeOptions,
        ) => Unsubscribe
      : never

/** The typed client the renderer calls: `client.settings.set({...})`. */
export type Client<C extends ContractShape> = {
  [N in keyof C]: { [M in keyof C[N]]: ClientMethodFor<C[N][M]> }
}

/** Input and output types of one method, for hooks and tests. */
export type CallInput<S> = S extends CallSpec<infer I> ? z.input<I> : never
export type CallOutput<S> = S extends CallSpec<z.ZodType, infer O> ? z.output<O> : never
export type EventData<S> = S extends EventSpec<z.ZodType, infer D> ? z.output<D> : never

/** Every `namespace.method` name with its spec, for the server's lookup table. */
export function flattenContract(contract: ContractShape): Map<string, MethodSpec> {
  const methods = new Map<string, MethodSpec>()
  for (const [ns, members] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(members)) methods.set(`${ns}.${name}`, spec)
  }
  return methods
}
