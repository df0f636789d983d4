/**
 * What the team server's services throw for an expected failure; the routes map the code to
 * an HTTP status in one place. The message is for the caller, so it never holds a secret.
 */
export type ServerErrorCode =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited'

export class ServerError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message)
    this.name = 'ServerError'
  }
}

export const HTTP_STATUS: Record<ServerErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
}
