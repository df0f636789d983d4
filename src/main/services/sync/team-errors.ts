import { RpcError, type RpcErrorCode } from '../../../shared/rpc/errors'
import { TeamServerError, type TeamFailure } from './team-client'

const CODE_BY_FAILURE: Record<TeamFailure, RpcErrorCode> = {
  offline: 'UNAVAILABLE',
  unauthorized: 'FORBIDDEN',
  forbidden: 'FORBIDDEN',
  'rate-limited': 'UNAVAILABLE',
  'bad-request': 'BAD_REQUEST',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  server: 'UNAVAILABLE',
}

/** The one place a team server failure becomes an RPC error the renderer can show. */
export function toRpcError(error: unknown): unknown {
  if (!(error instanceof TeamServerError)) return error
  const wait =
    error.failure === 'rate-limited' && error.retryAfter !== undefined
      ? ` (try again in ${Math.ceil(error.retryAfter)} s)`
      : ''
  return new RpcError(CODE_BY_FAILURE[error.failure], `${error.message}${wait}`)
}

/** Runs a call to the team server and answers its failure as an RPC error. */
export async function asRpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toRpcError(error)
  }
}
