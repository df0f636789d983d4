import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { AuthService, Principal } from '../auth/auth-service'
import { ServerError } from '../errors'

/** Validates a body, query or params object with a shared schema: 400 naming the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new ServerError('bad_request', `${where}${issue?.message ?? 'invalid request'}`)
}

/** The caller, from `Authorization: Bearer <access token>`; 401 without a live one. */
export async function principalOf(auth: AuthService, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined
  return auth.authenticate(token)
}

export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store')
}
