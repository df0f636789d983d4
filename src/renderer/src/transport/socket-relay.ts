import { decodeBinaryFrame } from '@shared/rpc/binary-frames'
import type { SocketCommand, SocketLink, SocketReport } from './socket-protocol'

const OPEN = 1 // WebSocket.OPEN, without needing the global in tests

/**
 * Owns the browser-mode WebSocket and relays it over `link`: each message is passed on as it
 * arrives, commands come back the other way. It runs in a worker (socket-worker.ts) because
 * Chromium hands a WebSocket's incoming data over in pipe-fulls of ~128 KB, each read on the
 * thread that owns the socket. On the page's main thread those reads wait behind xterm.js
 * parsing and painting, so a terminal flood used to starve itself between pipe-fulls; a worker
 * drains the pipe at once and the page always has the next batch waiting.
 */
export function relaySocket(
  link: SocketLink<SocketReport, SocketCommand>,
  open: (url: string) => WebSocket = (url) => new WebSocket(url),
): void {
  let socket: WebSocket | null = null
  link.onmessage = (event) => {
    const command = event.data
    switch (command.type) {
      case 'open': {
        socket?.close()
        const ws = open(command.url)
        ws.binaryType = 'arraybuffer'
        socket = ws
        ws.onopen = () => {
          if (socket === ws) link.postMessage({ type: 'open' })
        }
        ws.onmessage = (e: MessageEvent) => {
          if (socket !== ws) return
          let message: unknown
          const transfer: Transferable[] = []
          try {
            if (typeof e.data === 'string') message = JSON.parse(e.data)
            else if (e.data instanceof ArrayBuffer) {
              message = decodeBinaryFrame(new Uint8Array(e.data))
              // Terminal output in the message is a view of this buffer: hand it over, uncopied.
              transfer.push(e.data)
            } else return
          } catch (error) {
            // Refused, not passed on; the caller waiting for it times out or is failed.
            const reason = error instanceof Error ? error.message : String(error)
            link.postMessage({ type: 'refused', reason })
            return
          }
          link.postMessage({ type: 'message', message }, transfer)
        }
        ws.onclose = () => {
          if (socket !== ws) return
          socket = null
          link.postMessage({ type: 'closed' })
        }
        return
      }
      case 'send':
        // A send that races a drop is lost like any in-flight message; the closed report
        // that follows fails the calls waiting for a reply.
        if (socket?.readyState === OPEN) socket.send(command.text)
        return
      case 'close':
        socket?.close()
        return
    }
  }
}
