import type { z } from 'zod'
import {
  EnrollMfaResponse,
  ErrorBody,
  LoginResponse,
  Tokens,
  type EnrollMfaRequest,
  type LoginRequest,
  type MfaRequest,
} from '../../../shared/sync/auth'
import {
  PullResponse,
  PushResponse,
  type PullRequest,
  type PushMutation,
} from '../../../shared/sync/protocol'

/** Why a call to the team server failed, in the terms the sync engine acts on. */
export type TeamFailure =
  /** No answer (network down, server stopped, timeout): retry with backoff. */
  | 'offline'
  /** The access token is no good: refresh, or sign in again. */
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'bad-request'
  | 'not-found'
  | 'conflict'
  /** The server failed (5xx) or answered something that is not the protocol: retry later. */
  | 'server'

export class TeamServerError extends Error {
  constructor(
    readonly failure: TeamFailure,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message)
    this.name = 'TeamServerError'
  }
}

const FAILURE_BY_STATUS: Record<number, TeamFailure> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
}

export interface TeamClientOptions {
  /** https://team.example:4790 (http only for a loopback trial). */
  url: string
  timeoutMs?: number
  fetch?: typeof fetch
}

/**
 * The app's side of the team server's HTTP API. Every answer is parsed with the shared schemas
 * before anything uses it: the network is hostile until proven otherwise.
 */
export class TeamClient {
  readonly url: string
  private readonly timeoutMs: number
  private readonly fetchImpl: typeof fetch

  constructor(options: TeamClientOptions) {
    this.url = normaliseServerUrl(options.url)
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.fetchImpl = options.fetch ?? fetch
  }

  login(request: LoginRequest): Promise<LoginResponse> {
    return this.call('POST', '/v1/auth/login', LoginResponse, { body: request })
  }

  completeMfa(request: MfaRequest): Promise<Tokens> {
    return this.call('POST', '/v1/auth/mfa', Tokens, { body: request })
  }

  enrollMfa(request: EnrollMfaRequest): Promise<z.infer<typeof EnrollMfaResponse>> {
    return this.call('POST', '/v1/auth/mfa/enroll', EnrollMfaResponse, { body: request })
  }

  refresh(refreshToken: string): Promise<Tokens> {
    return this.call('POST', '/v1/auth/refresh', Tokens, { body: { refreshToken } })
  }

  async logout(accessToken: string): Promise<void> {
    await this.call('POST', '/v1/auth/logout', null, { token: accessToken })
  }

  push(accessToken: string, mutations: PushMutation[]): Promise<PushResponse> {
    return this.call('POST', '/v1/sync/push', PushResponse, {
      token: accessToken,
      body: { mutations },
    })
  }

  pull(accessToken: string, request: PullRequest): Promise<PullResponse> {
    return this.call('POST', '/v1/sync/pull', PullResponse, { token: accessToken, body: request })
  }

  /** Any JSON route of the API (the Team page's), validated with the caller's schema. */
  call<S extends z.ZodType | null>(
    method: string,
    path: string,
    schema: S,
    options: { token?: string; body?: unknown } = {},
  ): Promise<S extends z.ZodType ? z.output<S> : undefined> {
    return this.request(method, path, schema, options) as Promise<
      S extends z.ZodType ? z.output<S> : undefined
    >
  }

  private async request(
    method: string,
    path: string,
    schema: z.ZodType | null,
    options: { token?: string; body?: unknown },
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await this.fetchImpl(`${this.url}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      })
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'is not reachable'
      throw new TeamServerError('offline', `The team server ${reason}`)
    }
    const text = await response.text().catch(() => {
      throw new TeamServerError('offline', 'The team server closed the connection')
    })
    let json: unknown = null
    if (text) {
      try {
        json = JSON.parse(text)
      } catch {
        throw new TeamServerError(
          'server',
          `The team server answered ${response.status} with something that is not JSON`,
        )
      }
    }
    if (!response.ok) {
      const body = ErrorBody.safeParse(json)
      const message = body.success
        ? body.data.message
        : `The team server answered ${response.status}`
      const failure = FAILURE_BY_STATUS[response.status] ?? 'server'
      throw new TeamServerError(failure, message, body.success ? body.data.retryAfter : undefined)
    }
    if (schema === null) return undefined
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new TeamServerError(
        'server',
        `The team server's answer to ${path} is not in the protocol this app speaks`,
      )
    }
    return parsed.data
  }
}

/**
 * The server's base URL: https, or http to a loopback address only (a trial on this machine),
 * so a password or token never crosses a network in clear text.
 */
export function normaliseServerUrl(input: string): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new TeamServerError(
      'bad-request',
      'Enter the team server address, e.g. https://team.example.com',
    )
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TeamServerError(
      'bad-request',
      'The team server must be reached over https (http only on this machine)',
    )
  }
  if (url.username || url.password) {
    throw new TeamServerError('bad-request', 'Put no user name or password in the server address')
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
}
