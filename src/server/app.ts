import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { SYNC_PROTOCOL_VERSION, type ErrorBody } from '../shared/sync/auth'
import { AuthService, type AuthLimits } from './auth/auth-service'
import type { ServerDatabase } from './db/database'
import { HTTP_STATUS, ServerError } from './errors'
import { authRoutes } from './routes/auth-routes'
import { syncRoutes } from './routes/sync-routes'
import { teamRoutes } from './routes/team-routes'
import { PokeHub } from './sync/poke-hub'
import { CHANGES_CHANNEL, SyncService } from './sync/sync-service'
import { TeamService } from './team/team-service'

export interface TeamServerOptions {
  database: ServerDatabase
  schemaVersion: number
  now?: () => number
  authLimits?: AuthLimits
  /** Fastify's own options: logger, https, trustProxy. */
  fastify?: FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } | null }
}

/**
 * The team server's HTTP API. Routes are thin: they validate with the shared schemas, call a
 * service and map its ServerError to a status here, once. Anything else is a 500 whose text
 * goes to the log, not to the caller.
 */
export function buildTeamServer(options: TeamServerOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: 8 * 1024 * 1024, ...options.fastify })
  const auth = new AuthService(options.database, options.now, options.authLimits)
  const team = new TeamService(options.database)
  const sync = new SyncService(options.database, options.now, (error, mutationId) =>
    app.log.error({ err: error, mutationId }, 'a pushed mutation could not be applied now'),
  )
  const pokes = new PokeHub(options.database, CHANGES_CHANNEL)
  app.addHook('onReady', () => pokes.start())
  app.addHook('onClose', () => pokes.stop())

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ServerError) {
      const body: ErrorBody = { error: error.code, message: error.message }
      if (error.retryAfter !== undefined) {
        body.retryAfter = error.retryAfter
        void reply.header('Retry-After', String(error.retryAfter))
      }
      return reply.code(HTTP_STATUS[error.code]).send(body)
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own refusals: unparseable JSON, a body over the limit, a wrong content type.
      const body: ErrorBody = { error: 'bad_request', message: (error as Error).message }
      return reply.code(status).send(body)
    }
    request.log.error({ err: error }, 'request failed')
    const body: ErrorBody = { error: 'internal', message: 'The server failed; see its log' }
    return reply.code(500).send(body)
  })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'No such route' } satisfies ErrorBody),
  )

  app.get('/healthz', async () => ({
    ok: true,
    protocol: SYNC_PROTOCOL_VERSION,
    schema: options.schemaVersion,
    database: options.database.mode,
  }))
  authRoutes(app, auth)
  teamRoutes(app, auth, team)
  syncRoutes(app, auth, sync, team, pokes)
  return app
}
