import type { WebSocket } from 'ws'
import type { Channel } from '../../shared/rpc/channel'

/** Server side of one WebSocket connection as an RPC channel: JSON text frames only. */
export function websocketChannel(socket: WebSocket): Channel {
  return {
    send(message) {
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
