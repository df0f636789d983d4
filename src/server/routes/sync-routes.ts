import type { ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { PullRequest, PushRequest } from '../../shared/sync/protocol'
import type { AuthService } from '../auth/auth-service'
import type { PokeHub } from '../sync/poke-hub'
import type { SyncService } from '../sync/sync-service'
import type { TeamService } from '../team/team-service'
import { noStore, parse, principalOf } from './http'

const CreateClient = z.object({ id: z.uuid(), name: z.string().trim().min(1).max(200) }).strict()

export function syncRoutes(
  app: FastifyInstance,
  auth: AuthService,
  sync: SyncService,
  team: TeamService,
  pokes: PokeHub,
): void {
  app.post('/v1/sync/push', async (request, reply) => {
    const principal = await principalOf(auth, request)
    return noStore(reply).send(
      await sync.push(principal, parse(PushRequest, request.body).mutations),
    )
  })
  app.post('/v1/sync/pull', async (request, reply) => {
    const principal = await principalOf(auth, request)
    return noStore(reply)
      .type('application/json; charset=utf-8')
      .send(await sync.pullJson(principal, parse(PullRequest, request.body)))
  })
  // Event streams never end by themselves: a stopping server ends them first, or its close
  // would wait on them forever. The installations reconnect to another process.
  const streams = new Set<ServerResponse>()
  app.addHook('preClose', (done) => {
    for (const res of streams) res.end()
    streams.clear()
    done()
  })
  // Realtime: a server-sent event stream of pokes; the installation pulls on each.
  app.get('/v1/sync/events', async (request, reply) => {
    const principal = await principalOf(auth, request)
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    res.write(': connected\n\n')
    const remove = await pokes.add(principal, (clientId) => {
      res.write(`event: poke\ndata: ${JSON.stringify(clientId === null ? {} : { clientId })}\n\n`)
    })
    // A comment now and then keeps proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000)
    streams.add(res)
    request.raw.once('close', () => {
      clearInterval(heartbeat)
      streams.delete(res)
      remove()
    })
  })
  app.post('/v1/clients', async (request, reply) => {
    const principal = await principalOf(auth, request)
    return reply
      .code(201)
      .send(await team.createClient(principal, parse(CreateClient, request.body)))
  })
}
