import type { FastifyInstance } from 'fastify'
import { EnrollMfaRequest, LoginRequest, MfaRequest, RefreshRequest } from '../../shared/sync/auth'
import type { AuthService } from '../auth/auth-service'
import { noStore, parse, principalOf } from './http'

export function authRoutes(app: FastifyInstance, auth: AuthService): void {
  app.post('/v1/auth/login', async (request, reply) =>
    noStore(reply).send(await auth.login(parse(LoginRequest, request.body), request.ip)),
  )
  app.post('/v1/auth/mfa', async (request, reply) =>
    noStore(reply).send(await auth.completeMfa(parse(MfaRequest, request.body), request.ip)),
  )
  app.post('/v1/auth/mfa/enroll', async (request, reply) =>
    noStore(reply).send(await auth.enrollMfa(parse(EnrollMfaRequest, request.body), request.ip)),
  )
  app.post('/v1/auth/refresh', async (request, reply) =>
    noStore(reply).send(await auth.refresh(parse(RefreshRequest, request.body).refreshToken)),
  )
  app.post('/v1/auth/logout', async (request, reply) => {
    await auth.signOut(await principalOf(auth, request))
    return reply.code(204).send()
  })
  app.get('/v1/me', async (request) => principalOf(auth, request))
}
