import { DomainError, type DomainErrorCode } from '../../../shared/domain/errors'
import { TeamServerError, type TeamFailure } from './team-client'

const CODE_BY_FAILURE: Record<TeamFailure, DomainErrorCode> = {
  offline: 'unavailable',
  unauthorized: 'forbidden',
  forbidden: 'forbidden',
  'rate-limited': 'unavailable',
  'bad-request': 'invalid',
  'not-found': 'not-found',
  conflict: 'conflict',
  server: 'unavailable',
}

/** The one place a team server failure becomes a domain error the renderer can show. */
export function toDomainError(error: unknown): unknown {
  if (!(error instanceof TeamServerError)) return error
  const wait =
    error.failure === 'rate-limited' && error.retryAfter !== undefined
      ? ` (try again in ${Math.ceil(error.retryAfter)} s)`
      : ''
  return new DomainError(CODE_BY_FAILURE[error.failure], `${error.message}${wait}`)
}

/** Runs a call to the team server and answers its failure as a domain error. */
export async function asDomain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toDomainError(error)
  }
}
