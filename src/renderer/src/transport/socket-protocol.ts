/** What the page asks of the thread that owns its WebSocket. */
export type SocketCommand =
  { type: 'open'; url: string } | { type: 'send'; text: string } | { type: 'close' }

/**
 * What that thread reports back: `message` carries one message from the host, already parsed
 * from its JSON text or binary frame there (in arrival order), so the page's thread spends no
 * time on it; `refused` says why a message from the host could not be read.
 */
export type SocketReport =
  | { type: 'open' }
  | { type: 'message'; message: unknown }
  | { type: 'refused'; reason: string }
  | { type: 'closed' }

/** One end of the page ↔ socket-thread link: a worker, its global scope, or a MessagePort. */
export interface SocketLink<Out, In> {
  /** `transfer` hands buffers over instead of copying them (terminal output). */
  postMessage(message: Out, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<In>) => void) | null
}
