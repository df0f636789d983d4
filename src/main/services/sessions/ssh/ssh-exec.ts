import type { Client, ClientChannel } from 'ssh2'
import type { SshEndpoint } from '../../../../shared/contract/sessions'
import type { CredentialSecret } from '../../../../shared/contract/vault'
import { DomainError } from '../../../../shared/domain/errors'
import { planAuth } from './auth-plan'
import { connectChain } from './connect-chain'
import { fingerprintOf } from './host-key'
import type { KnownHostStore } from './known-host-store'
import { describeConnectError } from './ssh-session'
import type { SshTarget } from './ssh-target'

export interface ExecResult {
  code: number | null
  signal: string | null
  stdoutBytes: number
  stderr: string
  hostKeyFingerprint: string | null
}

export interface ExecDeps {
  knownHosts: KnownHostStore
  revealSecret(credentialId: string): CredentialSecret
  agentSocket: string | null
  readyTimeoutMs: number
}

/** How a command runs: its stdin (sent, then EOF), where stdout goes, and when to give up. */
export interface ExecOptions {
  onStdout?: (chunk: Buffer) => void
  stdin?: string
  timeoutMs?: number
  /** Aborting stops the command: the server kills it, the channel and connection close. */
  signal?: AbortSignal
}

/** A command ran but could not be started, or a hop could not be reached, in words. */
export class ExecError extends DomainError {}

/** The caller aborted the command (its AbortSignal fired). */
export class ExecAbortedError extends ExecError {
  constructor() {
    super('unavailable', 'The command was cancelled')
    this.name = 'ExecAbortedError'
  }
}

/** The parts of an ssh2 channel that a kill request needs; not in ssh2's typings. */
interface ChannelInternals {
  outgoing?: { id?: unknown; state?: unknown }
  _client?: { _protocol?: { signal?: (id: number, signal: string) => void } }
}

/**
 * Asks the server to kill the command. OpenSSH answers a "signal" request with killpg() on the
 * session's process group, so the shell and what it started (a hung probe command) both go;
 * closing the channel alone would leave them running until they next write. ssh2's
 * channel.signal() sends nothing once our stdin EOF has gone out, which a probe always sends
 * first, though the request is still valid then (RFC 4254 §6.9): so it goes through ssh2's
 * protocol object directly, and any failure there only leaves the channel close to do the rest.
 */
function killRemoteCommand(channel: ClientChannel): void {
  try {
    const internals = channel as unknown as ChannelInternals
    const id = internals.outgoing?.id
    const protocol = internals._client?._protocol
    if (typeof id === 'number' && internals.outgoing?.state !== 'closed' && protocol?.signal) {
      protocol.signal(id, 'KILL')
    }
  } catch {
    // Servers may refuse signals (forced commands, other implementations): close instead.
  }
}

/**
 * Runs one command without a PTY and without a technician: host keys must already be trusted
 * (an unknown or changed key fails before any credential is sent) and any login prompt that a
 * stored password cannot answer fails the run. Used by inventory collection and benchmarks.
 */
export async function execCommand(
  deps: ExecDeps,
  target: SshTarget,
  command: string,
  options: ExecOptions = {},
): Promise<ExecResult> {
  const abortSignal = options.signal
  if (abortSignal?.aborted) throw new ExecAbortedError()
  const hops: SshEndpoint[] = [
    ...target.jumpHosts,
    {
      host: target.host,
      port: target.port,
      username: target.username,
      credentialId: target.credentialId,
    },
  ]
  const clients: Client[] = []
  let refusal: string | null = null
  let fingerprint: string | null = null
  const last = hops[hops.length - 1]
  // Aborting while connecting ends every client at once rather than waiting for the login.
  let stopWaiting = (): void => {}
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = (): void => {
      for (const client of clients) client.end()
      reject(new ExecAbortedError())
    }
    abortSignal?.addEventListener('abort', onAbort, { once: true })
    stopWaiting = () => abortSignal?.removeEventListener('abort', onAbort)
  })
  aborted.catch(() => {})
  try {
    const connecting = connectChain(
      hops,
      {
        verifyHostKey: async (hop, key) => {
          if (hop === last) fingerprint = fingerprintOf(key)
          const verdict = deps.knownHosts.check(hop.host, hop.port, key)
          if (verdict.status === 'trusted') return true
          refusal =
            verdict.status === 'changed'
              ? `The host key of ${hop.host}:${hop.port} has changed; refusing to log in`
              : `The host key of ${hop.host}:${hop.port} is not trusted yet; connect once interactively to check and accept it`
          return false
        },
        authSteps: async (hop) =>
          planAuth({
            secret: hop.credentialId ? deps.revealSecret(hop.credentialId) : null,
            agentSocket: deps.agentSocket,
            useAgent: target.useAgent,
          }),
        askPrompts: async () => {
          refusal = 'The device asked for more than the stored credential can answer'
          return null
        },
        onAnnouncedKeys: () => {},
        authenticating: () => {},
      },
      {
        keepaliveIntervalMs: 10_000,
        keepaliveCountMax: 3,
        readyTimeoutMs: deps.readyTimeoutMs,
        agentForwarding: false,
        agentSocket: deps.agentSocket,
        noDelay: false,
        preferredHostKeys: (hop) => deps.knownHosts.preferredKeyTypes(hop.host, hop.port),
      },
      (client) => {
        clients.push(client)
        client.on('error', () => {})
      },
    )
    connecting.catch(() => {})
    await Promise.race([connecting, aborted])
  } catch (error) {
    for (const client of clients) client.end()
    if (abortSignal?.aborted) throw new ExecAbortedError()
    const message = error instanceof Error ? error.message : String(error)
    throw new ExecError('unavailable', refusal ?? describeConnectError(message, target))
  } finally {
    stopWaiting()
  }
  const client = clients[clients.length - 1] as Client
  try {
    return await new Promise<ExecResult>((resolve, reject) => {
      client.exec(command, (error, channel: ClientChannel) => {
        if (error) {
          reject(new ExecError('unavailable', `Could not run the command: ${error.message}`))
          return
        }
        let stdoutBytes = 0
        let stderr = ''
        let code: number | null = null
        let signal: string | null = null
        const timer = options.timeoutMs
          ? setTimeout(() => {
              killRemoteCommand(channel)
              channel.close()
              reject(
                new ExecError(
                  'unavailable',
                  `The command did not finish within ${options.timeoutMs} ms`,
                ),
              )
            }, options.timeoutMs)
          : undefined
        const onAbort = (): void => {
          clearTimeout(timer)
          killRemoteCommand(channel)
          channel.close()
          reject(new ExecAbortedError())
        }
        if (abortSignal?.aborted) {
          onAbort()
          return
        }
        abortSignal?.addEventListener('abort', onAbort, { once: true })
        channel.on('data', (chunk: Buffer) => {
          stdoutBytes += chunk.length
          options.onStdout?.(chunk)
        })
        channel.stderr.on('data', (chunk: Buffer) => {
          // Keep the tail only: it is for error messages.
          stderr = (stderr + chunk.toString('utf8')).slice(-8192)
        })
        channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
          code = exitCode
          signal = exitSignal ?? null
        })
        channel.on('close', () => {
          clearTimeout(timer)
          abortSignal?.removeEventListener('abort', onAbort)
          resolve({ code, signal, stdoutBytes, stderr, hostKeyFingerprint: fingerprint })
        })
        if (options.stdin !== undefined) channel.end(options.stdin)
      })
    })
  } finally {
    for (const c of [...clients].reverse()) c.end()
  }
}
