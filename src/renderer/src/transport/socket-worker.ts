import type { SocketCommand, SocketLink, SocketReport } from './socket-protocol'
import { relaySocket } from './socket-relay'

// The renderer is typed with the DOM library, not the worker one; in a dedicated worker `self`
// is the worker scope, which posts to and hears from the page that started it.
relaySocket(self as unknown as SocketLink<SocketReport, SocketCommand>)
