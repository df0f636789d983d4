import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { StringDecoder } from 'node:string_decoder'
import type { Client, ClientChannel } from 'ssh2'
import type {
  OpenSession,
  SessionEvent,
  SessionSummary,
  SshEndpoint,
} from '../../../../shared/contract/sessions'
import { DomainError } from '../../../../shared/domain/errors'
import type { ActiveRecording } from '../recordings/recording-store'
import { planAuth, type AuthStep } from './auth-plan'
import { connectChain, type ChainOptions } from './connect-chain'
import { fingerprintOf, keyTypeOf } from './host-key'
import type { KnownHostStore } from './known-host-store'
import { OutputPump } from './output-pump'
import type { SshTarget } from './ssh-target'
import type { CredentialSecret } from '../../../../shared/contract/vault'

export type HostKeyDecision = 'accept-and-save' | 'accept-once' | 'reject'

/** What a session needs from the service that owns it. */
export interface SessionDeps {
  knownHosts: KnownHostStore
  revealSecret(credentialId: string): CredentialSecret
  startRecording(session: SshSession): ActiveRecording
  finished(session: SshSession): void
  emit(event: SessionEvent): void
  now(): number
  agentSocket: string | null
  keepaliveIntervalMs: number
  keepaliveCountMax: number
  readyTimeoutMs: number
}

export interface OpenOptions {
  /** What the renderer asked for; a reconnect resolves it again. */
  request: OpenSession
  /** Where it goes, as main resolved it. */
  target: SshTarget
  cols: number
  rows: number
  title: string
  deviceId: string | null
  ticketId: string | null
  recordInput: boolean
}

// While the remote asks for a secret, typed input is never recorded, even with input recording on.
const SECRET_PROMPT = /(pass(word|phrase|code)|\bpin\b|one-time|verification code)[^\n]*[:?]\s*$/i

/** One interactive SSH session: its connection chain, PTY, output pump and recording. */
export class SshSession {
  readonly id = randomUUID()
  readonly options: OpenOptions
  private state: SessionSummary['state'] = 'connecting'
  private readonly startedAt: number
  private endedAt: number | null = null
  private exitReason: string | null = null
  private dropped = false
  private hostKeyFingerprint: string | null = null
  private bytesIn = 0
  private bytesOut = 0
  private cols: number
  private rows: number
  private clients: Client[] = []
  private channel: ClientChannel | null = null
  private recording: ActiveRecording | null = null
  private closing = false
  private exitStatus: string | null = null
  private lastOutputTail = ''
  private suppressInput = false
  private readonly output = new EventEmitter()
  private readonly pendingHostKeys = new Map<string, (decision: HostKeyDecision) => void>()
  private readonly presentedKeys = new Map<SshEndpoint, Buffer>()
  private readonly pendingPrompts = new Map<string, (answers: string[] | null) => void>()
  private readonly pump: OutputPump
  // The recording and the secret-prompt check read text; the terminal gets the bytes. A streaming
  // decoder holds a UTF-8 sequence split between chunks until its last byte arrives.
  private readonly textDecoder = new StringDecoder('utf8')

  constructor(
    options: OpenOptions,
    private readonly deps: SessionDeps,
  ) {
    this.options = options
    this.cols = options.cols
    this.rows = options.rows
    this.startedAt = deps.now()
    this.pump = new OutputPump({
      deliver: (data) => this.output.emit('data', data),
      pause: () => this.channel?.pause(),
      resume: () => this.channel?.resume(),
    })
  }

  summary(): SessionSummary {
    const { target } = this.options
    return {
      id: this.id,
      title: this.options.title,
      host: target.host,
      port: target.port,
      username: target.username,
      state: this.state,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      exitReason: this.exitReason,
      dropped: this.dropped,
      hostKeyFingerprint: this.hostKeyFingerprint,
      recordingId: this.recording?.id ?? null,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      deviceId: this.options.deviceId,
      ticketId: this.options.ticketId,
    }
  }

  get isOpen(): boolean {
    return this.state !== 'closed' && this.state !== 'failed'
  }

  /** Connects in the background; progress and questions arrive as events. */
  start(): void {
    this.setState('connecting')
    this.connect().catch((error: unknown) => this.fail(error))
  }

  onData(listener: (data: Uint8Array) => void): () => void {
    this.output.on('data', listener)
    this.pump.attach()
    return () => this.output.off('data', listener)
  }

  write(data: string): void {
    if (!this.channel || this.state !== 'connected') {
      throw new DomainError('conflict', 'The session is not connected')
    }
    this.channel.write(data)
    this.bytesOut += Buffer.byteLength(data)
    if (!this.suppressInput) this.recording?.input(data)
    if (/[\r\n]/.test(data)) this.suppressInput = false
  }

  resize(cols: number, rows: number): void {
    this.cols = cols
    this.rows = rows
    if (this.channel) {
      this.channel.setWindow(rows, cols, 0, 0)
      this.recording?.resize(cols, rows)
    }
  }

  ack(bytes: number): void {
    this.pump.ack(bytes)
  }

  answerHostKey(decision: HostKeyDecision): void {
    const [first] = this.pendingHostKeys.entries()
    if (!first)
      throw new DomainError('conflict', 'No host key question is waiting for this session')
    this.pendingHostKeys.delete(first[0])
    first[1](decision)
  }

  answerPrompt(promptId: string, answers: string[] | null): void {
    const resolve = this.pendingPrompts.get(promptId)
    if (!resolve)
      throw new DomainError('conflict', 'That prompt is no longer waiting for an answer')
    this.pendingPrompts.delete(promptId)
    resolve(answers)
  }

  close(): void {
    this.closing = true
    if (!this.isOpen) return
    // Anything still waiting on the technician is refused, so no credential goes out now.
    for (const resolve of this.pendingHostKeys.values()) resolve('reject')
    for (const resolve of this.pendingPrompts.values()) resolve(null)
    this.pendingHostKeys.clear()
    this.pendingPrompts.clear()
    if (this.channel) this.channel.close()
    for (const client of [...this.clients].reverse()) client.end()
    if (!this.channel) this.finish('Cancelled', false)
  }

  /** Ends the session at once (the app is shutting down): nothing is left running after. */
  terminate(reason: string): void {
    this.close()
    this.finish(reason, false)
  }

  private async connect(): Promise<void> {
    const { target } = this.options
    const hops: SshEndpoint[] = [
      ...target.jumpHosts,
      {
        host: target.host,
        port: target.port,
        username: target.username,
        credentialId: target.credentialId,
      },
    ]
    const chainOptions: ChainOptions = {
      keepaliveIntervalMs: this.deps.keepaliveIntervalMs,
      keepaliveCountMax: this.deps.keepaliveCountMax,
      readyTimeoutMs: this.deps.readyTimeoutMs,
      agentForwarding: target.agentForwarding,
      agentSocket: this.deps.agentSocket,
      noDelay: true,
      preferredHostKeys: (hop) => this.deps.knownHosts.preferredKeyTypes(hop.host, hop.port),
    }
    const targetHop = hops[hops.length - 1] as SshEndpoint
    this.clients = await connectChain(
      hops,
      {
        verifyHostKey: (hop, key) => this.verifyHostKey(hop, key, hop === targetHop),
        authSteps: async (hop) => this.authSteps(hop),
        askPrompts: (hop, round) => this.askPrompts(hop, round),
        onAnnouncedKeys: (hop, keys) => this.learnAnnouncedKeys(hop, keys),
        authenticating: () => this.setState('authenticating'),
      },
      chainOptions,
      (client) => {
        // Errors after login (drops, keepalive timeouts) end the session instead of crashing.
        client.on('error', (error) => this.onConnectionError(error))
        client.on('close', () => this.onConnectionClosed())
        if (this.closing) client.end()
      },
    )
    if (this.closing) throw new Error('Cancelled')
    const client = this.clients[this.clients.length - 1] as Client
    this.channel = await new Promise<ClientChannel>((resolve, reject) =>
      client.shell(
        { term: 'xterm-256color', cols: this.cols, rows: this.rows },
        (error, channel) => (error ? reject(error) : resolve(channel)),
      ),
    )
    this.recording = this.deps.startRecording(this)
    this.channel.on('data', (chunk: Buffer) => this.onOutput(chunk))
    this.channel.stderr.on('data', (chunk: Buffer) => this.onOutput(chunk))
    this.channel.on('exit', (code: number | null, signal?: string) => {
      this.exitStatus =
        code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`
    })
    this.channel.on('close', () => {
      if (this.closing) this.finish('Closed', false)
      else if (this.exitStatus) this.finish(`The remote shell ${this.exitStatus}`, false)
      // No exit status and not closed by us: the connection went away under the shell.
      else this.finish('The connection was lost', true)
    })
    this.setState('connected')
  }

  private onOutput(chunk: Buffer): void {
    this.bytesIn += chunk.length
    this.pump.push(chunk)
    this.readText(this.textDecoder.write(chunk))
  }

  private readText(text: string): void {
    if (!text) return
    this.recording?.output(text)
    this.lastOutputTail = (this.lastOutputTail + text).slice(-200)
    if (SECRET_PROMPT.test(this.lastOutputTail)) this.suppressInput = true
  }

  private authSteps(hop: SshEndpoint): AuthStep[] {
    const secret = hop.credentialId ? this.deps.revealSecret(hop.credentialId) : null
    return planAuth({
      secret,
      agentSocket: this.deps.agentSocket,
      useAgent: this.options.target.useAgent,
    })
  }

  private async verifyHostKey(hop: SshEndpoint, key: Buffer, isTarget: boolean): Promise<boolean> {
    this.setState('verifying-host')
    const fingerprint = fingerprintOf(key)
    this.presentedKeys.set(hop, key)
    if (isTarget) this.hostKeyFingerprint = fingerprint
    const verdict = this.deps.knownHosts.check(hop.host, hop.port, key)
    if (verdict.status === 'trusted') return true
    const questionId = randomUUID()
    const decision = new Promise<HostKeyDecision>((resolve) =>
      this.pendingHostKeys.set(questionId, resolve),
    )
    this.deps.emit({
      type: 'host-key',
      sessionId: this.id,
      host: hop.host,
      port: hop.port,
      keyType: keyTypeOf(key) ?? 'unknown',
      fingerprint,
      status: verdict.status,
      knownFingerprint: verdict.status === 'changed' ? verdict.known.fingerprint : null,
    })
    if (verdict.status === 'changed') {
      // A hard stop: refused before any credential is sent, whatever the answer.
      this.pendingHostKeys.delete(questionId)
      this.exitReason = `The host key of ${hop.host}:${hop.port} has changed (now ${fingerprint}). Remove the old key under Known hosts only if you know why it changed.`
      return false
    }
    const answer = await decision
    if (answer === 'reject') {
      this.exitReason = `You did not trust the host key of ${hop.host}:${hop.port}`
      return false
    }
    if (answer === 'accept-and-save') this.deps.knownHosts.add(hop.host, hop.port, key, 'accepted')
    return true
  }

  private learnAnnouncedKeys(hop: SshEndpoint, keys: Buffer[]): void {
    // Only a server whose current key is stored as trusted may teach us more keys; a key
    // trusted "once" does not vouch for anything.
    const current = this.presentedKeys.get(hop)
    if (!current || this.deps.knownHosts.check(hop.host, hop.port, current).status !== 'trusted') {
      return
    }
    for (const key of keys) {
      const verdict = this.deps.knownHosts.check(hop.host, hop.port, key)
      // Only keys of types this host has no key for yet; never replace a trusted key.
      const type = keyTypeOf(key)
      const haveType = this.deps.knownHosts
        .keysFor(hop.host, hop.port)
        .some((row) => row.key_type === type)
      if (verdict.status !== 'trusted' && !haveType) {
        this.deps.knownHosts.add(hop.host, hop.port, key, 'learned')
      }
    }
  }

  private askPrompts(
    hop: SshEndpoint,
    round: {
      name: string
      instructions: string
      prompts: Array<{ prompt: string; echo: boolean }>
    },
  ): Promise<string[] | null> {
    const promptId = randomUUID()
    const answer = new Promise<string[] | null>((resolve) =>
      this.pendingPrompts.set(promptId, resolve),
    )
    this.deps.emit({
      type: 'prompt',
      sessionId: this.id,
      promptId,
      host: hop.host,
      name: round.name,
      instructions: round.instructions,
      prompts: round.prompts,
    })
    return answer
  }

  private onConnectionError(error: Error & { level?: string }): void {
    if (!this.isOpen) return
    if (this.state === 'connected') {
      const reason =
        error.level === 'client-timeout'
          ? 'The connection stopped answering (keepalive timeout)'
          : `The connection was lost: ${error.message}`
      this.finish(reason, true)
    }
    // Before login the connect() promise reports the error.
  }

  private onConnectionClosed(): void {
    if (this.state === 'connected' && !this.closing) {
      this.finish('The connection was closed by the remote host', true)
    }
  }

  private fail(error: unknown): void {
    if (!this.isOpen) return
    const message = error instanceof Error ? error.message : String(error)
    const reason = this.closing
      ? 'Cancelled'
      : (this.exitReason ?? describeConnectError(message, this.options.target))
    for (const client of this.clients) client.end()
    this.finish(reason, false, 'failed')
  }

  private finish(reason: string, dropped: boolean, state: 'closed' | 'failed' = 'closed'): void {
    if (!this.isOpen) return
    this.exitReason = reason
    this.dropped = dropped
    this.endedAt = this.deps.now()
    this.pump.end()
    this.readText(this.textDecoder.end())
    this.recording?.end()
    for (const client of this.clients) client.end()
    this.setState(state)
    this.deps.finished(this)
  }

  private setState(state: SessionSummary['state']): void {
    if (this.state === state && state !== 'connecting') return
    this.state = state
    this.deps.emit({ type: 'state', session: this.summary() })
  }
}

/** Turns ssh2's and the OS's errors into something a technician can act on. */
export function describeConnectError(
  message: string,
  target: Pick<SshEndpoint, 'host' | 'port' | 'username'>,
): string {
  const where = `${target.host}:${target.port}`
  if (/All configured authentication methods failed/i.test(message)) {
    return `Login to ${where} as ${target.username} failed: no credential was accepted`
  }
  if (/ECONNREFUSED/.test(message)) return `${where} refused the connection (is SSH running there?)`
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `${target.host} could not be found (DNS)`
  if (/EHOSTUNREACH|ENETUNREACH/.test(message)) return `${where} is unreachable from here`
  if (/Timed out while waiting for handshake|ETIMEDOUT/i.test(message))
    return `${where} did not answer in time`
  if (/Host denied/i.test(message)) return `The host key of ${where} was not trusted`
  if (/Cannot parse privateKey|Encrypted private key detected|bad passphrase/i.test(message)) {
    return 'The stored private key could not be used (wrong passphrase or unsupported format)'
  }
  return `Could not connect to ${where}: ${message}`
}
