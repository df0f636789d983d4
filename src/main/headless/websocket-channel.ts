import type { WebSocket } from 'ws'
import type { Channel } from '../../shared/rpc/channel'
import { carriesBytes, encodeBinaryFrame } from '../../shared/rpc/binary-frames'

export interface WebSocketChannelOptions {
  /**
   * The client reads binary frames (shared/rpc/binary-frames.ts): messages carrying bytes
   * (terminal output) or a long string go out as one, every other message as JSON text.
   */
  binaryFrames?: boolean
}

/** Server side of one WebSocket connection as an RPC channel; it only ever hears JSON text. */
export function websocketChannel(
  socket: WebSocket,
  options: WebSocketChannelOptions = {},
): Channel {
  return {
    send(message) {
      if (options.binaryFrames) {
        socket.send(encodeBinaryFrame(message) ?? JSON.stringify(message))
        return
      }
      // Thrown, so the RPC server ends the stream with an error the client can read.
      if (carriesBytes(message)) {
        throw new TypeError('Terminal output needs a client that reads binary frames')
      }
      socket.send(JSON.stringify(message))
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
