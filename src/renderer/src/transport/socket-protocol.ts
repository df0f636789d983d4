/** What the page asks of the thread that owns its WebSocket. */
export type SocketCommand =
  { type: 'open'; url: string } | { type: 'send'; text: string } | { type: 'close' }

/** What that thread reports back; `message` carries one raw JSON text, in arrival order. */
export type SocketReport = { type: 'open' } | { type: 'message'; text: string } | { type: 'closed' }

/** One end of the page ↔ socket-thread link: a worker, its global scope, or a MessagePort. */
export interface SocketLink<Out, In> {
  postMessage(message: Out): void
  onmessage: ((event: MessageEvent<In>) => void) | null
}
