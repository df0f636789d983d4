/**
 * The real team server as a child process, for main-side tests (src/main may not import
 * src/server), set up the way the README tells an administrator: `create-admin` on a fresh
 * data directory, then `npm run server` on it (port 0). The admin signs in over HTTP,
 * enrolling a TOTP whose codes the test computes with otpauth.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { TOTP } from 'otpauth'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
/**
 * The server runs as ONE process, node with tsx's loader: tsx's cli would run it in a child of
 * its own, which a SIGKILL of the cli leaves running on the data directory.
 */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const SERVER_ENTRY = join(ROOT, 'src', 'server', 'index.ts')
const READY_TIMEOUT_MS = 60_000

export const TEAM_TEST_PASSWORD = 'correct horse battery staple'

export interface TeamServerChild {
  /** The server's address now (a restart moves it to another port). */
  readonly url: string
  admin: { email: string; accessToken: string }
  /** A JSON call as the admin (or with another token); throws on a non-2xx answer. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string },
  ): Promise<T>
  /** Adds a technician with TEAM_TEST_PASSWORD and assigns clients. */
  addTechnician(input: {
    name: string
    role: 'technician' | 'lead' | 'admin'
    clientIds?: string[]
  }): Promise<{ id: string; email: string }>
  /** Sets a technician's clients. */
  assign(technicianId: string, clientIds: string[]): Promise<void>
  /**
   * Kills the server outright (SIGKILL: a crash, whatever it was doing) and starts it again on
   * the same data directory; it answers on a new port.
   */
  restart(): Promise<void>
  kill(): Promise<void>
}

function createAdmin(adminEmail: string, dataDir: string): void {
  execFileSync(
    process.execPath,
    [
      TSX_CLI,
      SERVER_ENTRY,
      'create-admin',
      '--email',
      adminEmail,
      '--name',
      'Ada Admin',
      '--data-dir',
      dataDir,
    ],
    {
      env: { ...process.env, SWITCHBOARD_ADMIN_PASSWORD: TEAM_TEST_PASSWORD },
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: ROOT,
    },
  )
}

function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, SERVER_ENTRY, '--data-dir', dataDir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: ROOT,
      env: { ...process.env, SWITCHBOARD_SERVER_LOG: 'warn' },
    },
  )
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`team server was not ready in ${READY_TIMEOUT_MS} ms\n${stderr}`))
    }, READY_TIMEOUT_MS)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`team server exited (${signal ?? code}) before it was ready\n${stderr}`))
    })
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('{')) return
      const ready = JSON.parse(line) as { event?: string; url?: string }
      if (ready.event !== 'ready' || !ready.url) return
      clearTimeout(timer)
      resolve({ child, url: ready.url })
    })
  })
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function http<T>(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  })
  const text = await response.text()
  if (!response.ok)
    throw new HttpError(response.status, `${method} ${path}: ${response.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** A six-digit code for a base32 TOTP secret, as an authenticator app shows it now. */
export function totpCode(secret: string): string {
  return new TOTP({ secret }).generate()
}

/** Starts the server with its first admin and signs the admin in, enrolling MFA. */
export async function startTeamServerChild(): Promise<TeamServerChild> {
  const email = 'ada@msp.test'
  const work = mkdtempSync(join(tmpdir(), 'switchboard-team-'))
  const dataDir = join(work, 'data')
  let running: { child: ChildProcess; url: string }
  try {
    createAdmin(email, dataDir)
    running = await serve(dataDir)
  } catch (error) {
    rmSync(work, { recursive: true, force: true })
    throw error
  }
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const { child } = running
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill(signal)
    // Forced only if a clean stop hangs.
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(forced)
  }
  const kill = async (): Promise<void> => {
    // A clean stop, as an administrator's.
    await stop('SIGTERM')
    rmSync(work, { recursive: true, force: true })
  }
  try {
    const login = await http<{ next: string; challenge: string; secret: string }>(
      running.url,
      'POST',
      '/v1/auth/login',
      {
        body: {
          email,
          password: TEAM_TEST_PASSWORD,
          installation: { id: '00000000-0000-4000-8000-000000000001', name: 'test admin' },
        },
      },
    )
    if (login.next !== 'enroll-mfa') throw new Error(`admin login answered ${login.next}`)
    let tokens = (
      await http<{ tokens: { accessToken: string; refreshToken: string } }>(
        running.url,
        'POST',
        '/v1/auth/mfa/enroll',
        { body: { challenge: login.challenge, code: totpCode(login.secret) } },
      )
    ).tokens
    const request = async <T>(
      method: string,
      path: string,
      options: { body?: unknown; token?: string } = {},
    ): Promise<T> => {
      if (options.token !== undefined) return http<T>(running.url, method, path, options)
      try {
        return await http<T>(running.url, method, path, { token: tokens.accessToken, ...options })
      } catch (error) {
        // Access tokens are short-lived; a long loop outlives one.
        if (!(error instanceof HttpError) || error.status !== 401) throw error
        tokens = await http(running.url, 'POST', '/v1/auth/refresh', {
          body: { refreshToken: tokens.refreshToken },
        })
        return http<T>(running.url, method, path, { token: tokens.accessToken, ...options })
      }
    }
    const assign = async (technicianId: string, clientIds: string[]): Promise<void> => {
      await request('PUT', `/v1/team/technicians/${technicianId}/clients`, { body: { clientIds } })
    }
    let n = 0
    return {
      get url() {
        return running.url
      },
      admin: {
        email,
        get accessToken() {
          return tokens.accessToken
        },
      },
      request,
      assign,
      async addTechnician(input) {
        n += 1
        const techEmail = `${input.name.toLowerCase()}-${n}@msp.test`
        const created = await request<{ id: string }>('POST', '/v1/team/technicians', {
          body: {
            email: techEmail,
            displayName: input.name,
            role: input.role,
            password: TEAM_TEST_PASSWORD,
          },
        })
        if (input.clientIds) await assign(created.id, input.clientIds)
        return { id: created.id, email: techEmail }
      },
      async restart() {
        await stop('SIGKILL')
        running = await serve(dataDir)
      },
      kill,
    }
  } catch (error) {
    await kill()
    throw error
  }
}
