import { Client, type AuthenticationType, type ClientChannel, type ConnectConfig } from 'ssh2'
import type { SshEndpoint } from '../../../../shared/contract/sessions'
import type { AuthStep } from './auth-plan'
import { isPlainPasswordPrompt } from './auth-plan'

/** What the chain asks of its owner for each hop. */
export interface HopCallbacks {
  /** Resolves true to continue; false refuses the key (and no credential is ever sent). */
  verifyHostKey(hop: SshEndpoint, key: Buffer): Promise<boolean>
  /** The login steps for this hop (from its credential). */
  authSteps(hop: SshEndpoint): Promise<AuthStep[]>
  /** A keyboard-interactive round for the technician; null cancels the login. */
  askPrompts(
    hop: SshEndpoint,
    round: {
      name: string
      instructions: string
      prompts: Array<{ prompt: string; echo: boolean }>
    },
  ): Promise<string[] | null>
  /** Keys the server announced after login (OpenSSH's hostkeys-00@openssh.com). */
  onAnnouncedKeys(hop: SshEndpoint, keys: Buffer[]): void
  authenticating(hop: SshEndpoint): void
}

export interface ChainOptions {
  keepaliveIntervalMs: number
  keepaliveCountMax: number
  readyTimeoutMs: number
  agentForwarding: boolean
  agentSocket: string | null
  /** Interactive sessions send keystrokes at once (TCP_NODELAY), as OpenSSH does for a TTY. */
  noDelay: boolean
  /** Host key algorithms to ask for first, per hop (the types we already trust). */
  preferredHostKeys(hop: SshEndpoint): string[]
}

const DEFAULT_HOST_KEYS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
]

function hostKeyOrder(known: string[]): string[] {
  // A stored ssh-rsa key is presented with the rsa-sha2 signature algorithms.
  const wanted = known.flatMap((t) =>
    t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t],
  )
  return [...new Set([...wanted, ...DEFAULT_HOST_KEYS])]
}

/** Connects one hop, over `sock` when it is reached through a jump host. */
function connectHop(
  hop: SshEndpoint,
  sock: ClientChannel | undefined,
  callbacks: HopCallbacks,
  options: ChainOptions,
  steps: AuthStep[],
  register: (client: Client) => void,
): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    register(client)
    const remaining = [...steps]
    let verified = false
    let authStarted = false
    // Whether `methodsLeft` is the server's answer to our last request. ssh2 passes null before
    // any answer, and after an agent attempt it passes the list from before it (it reads no
    // failure an agent key gets, partial success included), which may still offer methods the
    // server no longer accepts. Then a "none" request asks the server for its current list, as
    // OpenSSH's client does first, so no secret goes out in a method the server did not offer.
    let methodsKnown = false

    const authHandler = (
      methodsLeft: AuthenticationType[] | null,
      _partialSuccess: boolean | null,
      next: (method: unknown) => void,
    ): void => {
      if (!authStarted) {
        authStarted = true
        callbacks.authenticating(hop)
      }
      if (!methodsKnown || methodsLeft === null) {
        methodsKnown = true
        next({ type: 'none', username: hop.username })
        return
      }
      const allowed = (type: string): boolean =>
        methodsLeft.includes(type as AuthenticationType) ||
        (type === 'agent' && methodsLeft.includes('publickey'))
      const step = (() => {
        while (remaining.length > 0) {
          const candidate = remaining.shift() as AuthStep
          if (allowed(candidate.type)) return candidate
        }
        return null
      })()
      if (!step) {
        next(false)
        return
      }
      const username = hop.username
      methodsKnown = step.type !== 'agent'
      switch (step.type) {
        case 'publickey':
          next({ type: 'publickey', username, key: step.key, passphrase: step.passphrase })
          return
        case 'agent':
          next({ type: 'agent', username, agent: step.socket })
          return
        case 'password':
          next({ type: 'password', username, password: step.password })
          return
        case 'keyboard-interactive': {
          const storedPassword = steps.find((s) => s.type === 'password')
          let usedStoredPassword = false
          next({
            type: 'keyboard-interactive',
            username,
            prompt: (
              name: string,
              instructions: string,
              _lang: string,
              prompts: Array<{ prompt: string; echo?: boolean }>,
              finish: (answers: string[]) => void,
            ) => {
              if (prompts.length === 0) {
                finish([])
                return
              }
              // The stored password answers only the account's password prompt, and only once.
              if (
                storedPassword?.type === 'password' &&
                !usedStoredPassword &&
                isPlainPasswordPrompt(prompts)
              ) {
                usedStoredPassword = true
                finish([storedPassword.password])
                return
              }
              callbacks
                .askPrompts(hop, {
                  name,
                  instructions,
                  prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })),
                })
                .then(
                  (answers) => {
                    if (answers) finish(answers)
                    else client.end()
                  },
                  () => client.end(),
                )
            },
          })
          return
        }
      }
    }

    const config: ConnectConfig = {
      host: hop.host,
      port: hop.port,
      username: hop.username,
      sock,
      readyTimeout: options.readyTimeoutMs,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: options.keepaliveCountMax,
      tryKeyboard: true,
      agentForward: options.agentForwarding && options.agentSocket !== null,
      ...(options.agentForwarding && options.agentSocket ? { agent: options.agentSocket } : {}),
      algorithms: {
        serverHostKey: hostKeyOrder(options.preferredHostKeys(hop)) as NonNullable<
          NonNullable<ConnectConfig['algorithms']>['serverHostKey']
        >,
      },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        callbacks.verifyHostKey(hop, key).then(
          (ok) => {
            verified = ok
            verify(ok)
          },
          () => verify(false),
        )
      },
      authHandler: authHandler as unknown as ConnectConfig['authHandler'],
    }

    client.once('ready', () => {
      client.removeListener('error', reject)
      if (options.noDelay) client.setNoDelay(true)
      resolve(client)
    })
    client.once('error', reject)
    client.on('hostkeys', (keys) => {
      if (verified)
        callbacks.onAnnouncedKeys(
          hop,
          keys.map((k) => k.getPublicSSH()),
        )
    })
    client.connect(config)
  })
}

/**
 * Connects through every jump host to the target (ProxyJump via forwardOut), verifying each
 * hop's host key before anything is sent to it. Returns the clients, target last.
 */
export async function connectChain(
  hops: SshEndpoint[],
  callbacks: HopCallbacks,
  options: ChainOptions,
  register: (client: Client) => void,
): Promise<Client[]> {
  const clients: Client[] = []
  let sock: ClientChannel | undefined
  for (const [index, hop] of hops.entries()) {
    const steps = await callbacks.authSteps(hop)
    const client = await connectHop(hop, sock, callbacks, options, steps, register)
    clients.push(client)
    const next = hops[index + 1]
    if (next) {
      sock = await new Promise<ClientChannel>((resolve, reject) =>
        client.forwardOut('127.0.0.1', 0, next.host, next.port, (error, stream) =>
          error
            ? reject(
                new Error(
                  `Jump host ${hop.host} could not reach ${next.host}:${next.port}: ${error.message}`,
                ),
              )
            : resolve(stream),
        ),
      )
    }
  }
  return clients
}
