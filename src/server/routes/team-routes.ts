import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  AssignClientsRequest,
  CreateTechnicianRequest,
  TeamSettings,
  UpdateTechnicianRequest,
} from '../../shared/sync/auth'
import type { AuthService } from '../auth/auth-service'
import type { TeamService } from '../team/team-service'
import { parse, principalOf } from './http'

const IdParams = z.object({ id: z.uuid() })

export function teamRoutes(app: FastifyInstance, auth: AuthService, team: TeamService): void {
  app.get('/v1/team/directory', async (request) => team.directory(await principalOf(auth, request)))
  app.get('/v1/team/technicians', async (request) =>
    team.listTechnicians(await principalOf(auth, request)),
  )
  app.post('/v1/team/technicians', async (request, reply) => {
    const principal = await principalOf(auth, request)
    return reply
      .code(201)
      .send(await team.createTechnician(principal, parse(CreateTechnicianRequest, request.body)))
  })
  app.patch('/v1/team/technicians/:id', async (request) => {
    const principal = await principalOf(auth, request)
    const { id } = parse(IdParams, request.params)
    return team.updateTechnician(principal, id, parse(UpdateTechnicianRequest, request.body))
  })
  app.put('/v1/team/technicians/:id/clients', async (request) => {
    const principal = await principalOf(auth, request)
    const { id } = parse(IdParams, request.params)
    return team.assignClients(principal, id, parse(AssignClientsRequest, request.body))
  })
  app.get('/v1/team/installations', async (request) =>
    team.listInstallations(await principalOf(auth, request)),
  )
  app.delete('/v1/team/installations/:id', async (request, reply) => {
    const principal = await principalOf(auth, request)
    await team.revokeInstallation(principal, parse(IdParams, request.params).id)
    return reply.code(204).send()
  })
  app.get('/v1/team/settings', async (request) => team.settings(await principalOf(auth, request)))
  app.put('/v1/team/settings', async (request) =>
    team.updateSettings(await principalOf(auth, request), parse(TeamSettings, request.body)),
  )
  app.get('/v1/clients', async (request) => team.listClients(await principalOf(auth, request)))
}
