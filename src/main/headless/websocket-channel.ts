import type { WebSocket } from 'ws'
import type { Channel } from '../../shared/rpc/channel'
import { encodeStringFrame } from '../../shared/rpc/string-frames'

export interface WebSocketChannelOptions {
  /**
   * The client reads binary string frames (shared/rpc/string-frames.ts): messages carrying a
   * long string, such as terminal output, go out as one, every other message as JSON text.
   */
  stringFrames?: boolean
}

/** Server side of one WebSocket connection as an RPC channel; it only ever hears JSON text. */
export function websocketChannel(
  socket: WebSocket,
  options: WebSocketChannelOptions = {},
): Channel {
  return {
    send(message) {
      const frame = options.stringFrames ? encodeStringFrame(message) : null
      socket.send(frame ?? JSON.stringify(message))
    },
    onMessage(listener) {
      const onMessage = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void => {
        if (isBinary) {
          socket.close(1003, 'Switchboard expects JSON text messages')
          return
        }
        let parsed: unknown
        try {
          parsed = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data))
        } catch {
          socket.close(1007, 'Message is not valid JSON')
          return
        }
        listener(parsed)
      }
      socket.on('message', onMessage)
      return () => socket.off('message', onMessage)
    },
  }
}
