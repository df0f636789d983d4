/** Whether a client's link to the host is usable. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/**
 * The one thing RPC needs from a transport: send a message, hear messages, and (for the
 * client side) know when the link is up. Electron IPC, WebSocket and the in-memory pair
 * are each a small adapter to this.
 */
export interface Channel {
  send(message: unknown): void
  onMessage(listener: (message: unknown) => void): () => void
  /** Fires on every status change; a channel without it is always open. */
  onStatus?(listener: (status: ConnectionStatus) => void): () => void
  status?(): ConnectionStatus
}

/** The bridge the preload exposes to the renderer: exactly this pipe, nothing else. */
export interface SwitchboardBridge {
  send(message: unknown): void
  onMessage(listener: (message: unknown) => void): () => void
}
