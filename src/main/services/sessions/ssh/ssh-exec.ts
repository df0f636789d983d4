import type { Client, ClientChannel } from 'ssh2'
import type { SessionTarget, SshEndpoint } from '../../../../shared/contract/sessions'
import type { CredentialSecret } from '../../../../shared/contract/vault'
import { RpcError } from '../../../../shared/rpc/errors'
import { planAuth } from './auth-plan'
import { connectChain } from './connect-chain'
import { fingerprintOf } from './host-key'
import type { KnownHostStore } from './known-host-store'
import { describeConnectError } from './ssh-session'

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

/** A command ran but could not be started, or a hop could not be reached, in words. */
export class ExecError extends RpcError {}

/**
 * Runs one command without a PTY and without a technician: host keys must already be trusted
 * (an unknown or changed key fails before any credential is sent) and any login prompt that a
 * stored password cannot answer fails the run. Used by inventory collection and benchmarks.
 */
export async function execCommand(
  deps: ExecDeps,
  target: SessionTarget,
  command: string,
  options: { onStdout?: (chunk: Buffer) => void; stdin?: string; timeoutMs?: number } = {},
): Promise<ExecResult> {
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
  try {
    await connectChain(
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
  } catch (error) {
    for (const client of clients) client.end()
    const message = error instanceof Error ? error.message : String(error)
    throw new ExecError('UNAVAILABLE', refusal ?? describeConnectError(message, target))
  }
  const client = clients[clients.length - 1] as Client
  try {
    return await new Promise<ExecResult>((resolve, reject) => {
      client.exec(command, (error, channel: ClientChannel) => {
        if (error) {
          reject(new ExecError('UNAVAILABLE', `Could not run the command: ${error.message}`))
          return
        }
        let stdoutBytes = 0
        let stderr = ''
        let code: number | null = null
        let signal: string | null = null
        const timer = options.timeoutMs
          ? setTimeout(() => {
              channel.close()
              reject(
                new ExecError(
                  'UNAVAILABLE',
                  `The command did not finish within ${options.timeoutMs} ms`,
                ),
              )
            }, options.timeoutMs)
          : undefined
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
          resolve({ code, signal, stdoutBytes, stderr, hostKeyFingerprint: fingerprint })
        })
        if (options.stdin !== undefined) channel.end(options.stdin)
      })
    })
  } finally {
    for (const c of [...clients].reverse()) c.end()
  }
}
