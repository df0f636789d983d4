import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  HostKeyQuestion,
  QuickConnectTarget,
  SessionEvent,
  SessionSummary,
} from '../../shared/contract/sessions'
import type { CredentialScope } from '../../shared/contract/vault'
import { createServices, type Services } from '../services'
import { testHostPorts } from './host-ports'
import { TEST_PASSWORD, TEST_USER, type TestSshd } from './sshd'

/** A client key pair made by ssh-keygen (optionally encrypted). */
export function makeClientKey(
  dir: string,
  name: string,
  passphrase = '',
): { privateKey: string; publicKey: string; path: string } {
  const path = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path])
  return {
    privateKey: readFileSync(path, 'utf8'),
    publicKey: readFileSync(`${path}.pub`, 'utf8'),
    path,
  }
}

/** A private ssh-agent holding the given keys; stop() kills it. */
export async function startAgent(
  dir: string,
  keyPaths: string[],
): Promise<{ socket: string; stop(): void }> {
  const socket = join(dir, 'agent.sock')
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' })
  const deadline = Date.now() + 3000
  for (;;) {
    try {
      execFileSync('ssh-add', ['-l'], {
        env: { ...process.env, SSH_AUTH_SOCK: socket },
        stdio: 'ignore',
      })
      break
    } catch (error) {
      // exit 1 = agent up but empty; 2 = not reachable yet
      if ((error as { status?: number }).status === 1) break
      if (Date.now() > deadline) throw new Error('ssh-agent did not start', { cause: error })
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  for (const key of keyPaths) {
    execFileSync('ssh-add', [key], {
      env: { ...process.env, SSH_AUTH_SOCK: socket },
      stdio: 'ignore',
    })
  }
  return { socket, stop: () => agent.kill() }
}

/**
 * The real services on a temp data dir, with an unlocked vault and short keepalives, so a drop
 * is seen in seconds.
 */
export async function sessionServices(
  dataDir: string,
  agentSocket: string | null = null,
): Promise<Services> {
  const services = createServices(testHostPorts(dataDir, { clock: { now: () => Date.now() } }), {
    keepaliveIntervalMs: 500,
    keepaliveCountMax: 3,
    readyTimeoutMs: 10_000,
    agentSocket,
  })
  await services.vault.setup({ protection: 'passphrase', passphrase: 'correct horse battery' })
  return services
}

/** Collects a session's events and output so a test can wait on them. */
export function watch(services: Services) {
  const events: SessionEvent[] = []
  const stop = services.sessions.onEvent((e) => events.push(e))
  return {
    events,
    stop,
    async until<T extends SessionEvent>(
      match: (e: SessionEvent) => e is T,
      timeoutMs = 10_000,
    ): Promise<T> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = events.find(match)
        if (found) return found
        if (Date.now() > deadline)
          throw new Error(
            `timed out; events: ${JSON.stringify(events.map((e) => (e.type === 'state' ? `${e.type}:${e.session.state}:${e.session.exitReason ?? ''}` : e.type)))}`,
          )
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    async state(
      id: string,
      states: SessionSummary['state'][],
      timeoutMs = 10_000,
    ): Promise<SessionSummary> {
      const event = await this.until(
        (e): e is Extract<SessionEvent, { type: 'state' }> =>
          e.type === 'state' && e.session.id === id && states.includes(e.session.state),
        timeoutMs,
      )
      return event.session
    },
  }
}

/**
 * A terminal's output as the batches that arrived and as text (decoded as a stream, as xterm.js
 * does), with a way to wait for a pattern. Every batch is acknowledged, in bytes.
 */
export function collectOutput(services: Services, id: string) {
  let text = ''
  const batches: Uint8Array[] = []
  const decoder = new TextDecoder()
  const watchers = new Set<(batch: Uint8Array) => void>()
  const stop = services.sessions.onData(id, (data) => {
    batches.push(data)
    text += decoder.decode(data, { stream: true })
    services.sessions.ack(id, data.length)
    for (const watcher of watchers) watcher(data)
  })
  return {
    stop,
    get text() {
      return text
    },
    get batches() {
      return batches
    },
    /** The next batch (from now) that passes `test`. */
    nextBatch(test: (batch: Uint8Array) => boolean, timeoutMs = 10_000): Promise<Uint8Array> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watch)
          reject(new Error(`timed out waiting for a batch; output so far:\n${text.slice(-2000)}`))
        }, timeoutMs)
        const watch = (batch: Uint8Array): void => {
          if (!test(batch)) return
          clearTimeout(timer)
          watchers.delete(watch)
          resolve(batch)
        }
        watchers.add(watch)
      })
    },
    async waitFor(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const match = text.match(pattern)
        if (match) return match
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${pattern}; output so far:\n${text.slice(-2000)}`)
        await new Promise((r) => setTimeout(r, 10))
      }
    },
  }
}

export const isHostKey = (e: { type: string }): e is HostKeyQuestion => e.type === 'host-key'

/** The test user's password, stored in the (unlocked) vault as a credential. */
export function storeTestPassword(
  s: Services,
  name = 'pw',
  scope: CredentialScope = { kind: 'global' },
) {
  return s.vault.createCredential({
    name,
    username: TEST_USER,
    scope,
    secret: { kind: 'password', password: TEST_PASSWORD },
  })
}

/** Whether a test session records keystrokes. */
export interface TestSessionOptions {
  recordInput?: boolean
}

/** A client of the inventory, for devices and credential scopes. */
export function testClient(s: Services, name = 'Smile Dental') {
  return s.inventory.createClient({
    name,
    shortCode: name.replace(/\W/g, '').slice(0, 6).toUpperCase(),
    contractTier: 'Managed',
    notes: '',
    onlineMinutes: 15,
    staleMinutes: 1440,
  })
}

/** A device whose stored SSH endpoint is the test sshd as the test user. */
export function testDevice(
  s: Services,
  server: TestSshd,
  device: {
    clientId: string
    hostname: string
    credentialId?: string | null
    sshAgentForwarding?: boolean
  },
) {
  return s.inventory.createDevice({
    sshHost: server.host,
    sshPort: server.port,
    sshUser: TEST_USER,
    ...device,
  })
}

/**
 * Opens an 80×24 quick-connect session to a test sshd as the test user; `target` overrides
 * the defaults.
 */
export function openTestSession(
  s: Services,
  server: TestSshd,
  target: Partial<QuickConnectTarget> = {},
  options: TestSessionOptions = {},
) {
  const w = watch(s)
  const summary = s.sessions.open({
    kind: 'quick',
    target: {
      host: server.host,
      port: server.port,
      username: TEST_USER,
      credentialId: null,
      jumpHosts: [],
      useAgent: false,
      ...target,
    },
    cols: 80,
    rows: 24,
    recordInput: options.recordInput ?? false,
  })
  return { w, id: summary.id }
}

/** Opens an 80×24 session to an inventory device by its id alone, as the renderer does. */
export function openDeviceSession(
  s: Services,
  deviceId: string,
  options: TestSessionOptions & { ticketId?: string } = {},
) {
  const w = watch(s)
  const summary = s.sessions.open({
    kind: 'device',
    deviceId,
    ticketId: options.ticketId ?? null,
    cols: 80,
    rows: 24,
    recordInput: options.recordInput ?? false,
  })
  return { w, id: summary.id }
}

/** Trusts and saves the host key of an opened session when asked, and waits for the login. */
export async function trustAndWait(s: Services, opened: ReturnType<typeof openTestSession>) {
  const { w, id } = opened
  const question = await w.until(isHostKey)
  s.sessions.answerHostKey(id, 'accept-and-save')
  return { w, id, question, connected: await w.state(id, ['connected', 'failed']) }
}

/** Opens a quick-connect session, trusts and saves the host key, and waits for the login. */
export function trustAndLogin(
  s: Services,
  server: TestSshd,
  target: Partial<QuickConnectTarget> = {},
  options: TestSessionOptions = {},
) {
  return trustAndWait(s, openTestSession(s, server, target, options))
}
