import { EventEmitter } from 'node:events'
import type {
  SessionEvent,
  SessionSummary,
  SessionTarget,
} from '../../../../shared/contract/sessions'
import { RpcError } from '../../../../shared/rpc/errors'
import type { AuditLog } from '../../audit/audit-log'
import type { HostPorts } from '../../ports'
import type { VaultService } from '../../vault/vault-service'
import type { RecordingStore } from '../recordings/recording-store'
import type { KnownHostStore } from './known-host-store'
import { execCommand, type ExecOptions, type ExecResult } from './ssh-exec'
import { SshSession, type HostKeyDecision } from './ssh-session'

export interface SshSessionServiceOptions {
  host: HostPorts
  audit: AuditLog
  vault: VaultService
  knownHosts: KnownHostStore
  recordings: RecordingStore
  /** Defaults: 10 s × 3 keepalives, 20 s to log in; tests shorten them. */
  keepaliveIntervalMs?: number
  keepaliveCountMax?: number
  readyTimeoutMs?: number
  /** The ssh-agent socket; defaults to SSH_AUTH_SOCK. */
  agentSocket?: string | null
  /**
   * Whether the device's own setting lets its sessions forward the agent. Asked at every open
   * and reconnect, so turning it off holds from the next one; without it, nothing forwards.
   */
  agentForwardingAllowed?: (deviceId: string) => boolean
}

/** Interactive SSH sessions held by main; the renderer only sees summaries, events and output. */
export class SshSessionService {
  private readonly sessions = new Map<string, SshSession>()
  private readonly events = new EventEmitter()

  constructor(private readonly options: SshSessionServiceOptions) {
    this.events.setMaxListeners(100)
  }

  open(input: {
    target: SessionTarget
    cols: number
    rows: number
    title?: string | undefined
    deviceId: string | null
    ticketId: string | null
    recordInput: boolean
  }): SessionSummary {
    const { host, recordings } = this.options
    const target = input.target
    if (target.agentForwarding) this.checkAgentForwarding(input.deviceId)
    const session = new SshSession(
      {
        target,
        cols: input.cols,
        rows: input.rows,
        title: input.title?.trim() || `${target.username}@${target.host}`,
        deviceId: input.deviceId,
        ticketId: input.ticketId,
        recordInput: input.recordInput,
      },
      {
        knownHosts: this.options.knownHosts,
        revealSecret: (credentialId) => this.options.vault.reveal(credentialId).secret,
        startRecording: (s) =>
          recordings.start({
            sessionId: s.id,
            title: s.options.title,
            host: `${target.username}@${target.host}:${target.port}`,
            cols: input.cols,
            rows: input.rows,
            recordInput: input.recordInput,
          }),
        finished: (s) => this.audit(s),
        emit: (event) => this.events.emit('event', event),
        now: () => host.clock.now(),
        agentSocket: this.agentSocket(),
        keepaliveIntervalMs: this.options.keepaliveIntervalMs ?? 10_000,
        keepaliveCountMax: this.options.keepaliveCountMax ?? 3,
        readyTimeoutMs: this.options.readyTimeoutMs ?? 20_000,
      },
    )
    this.sessions.set(session.id, session)
    session.start()
    return session.summary()
  }

  /**
   * Whoever has root on a host can use a forwarded agent while the session lasts, so a session
   * forwards it only to a device the technician turned it on for, whatever the caller asks.
   */
  private checkAgentForwarding(deviceId: string | null): void {
    if (deviceId === null) {
      throw new RpcError(
        'FORBIDDEN',
        'Agent forwarding is turned on per device: connect from a device that has it on',
      )
    }
    if (!this.options.agentForwardingAllowed?.(deviceId)) {
      throw new RpcError(
        'FORBIDDEN',
        'Agent forwarding is off for this device: turn it on under Edit on its page',
      )
    }
  }

  list(): SessionSummary[] {
    return [...this.sessions.values()]
      .map((s) => s.summary())
      .sort((a, b) => b.startedAt - a.startedAt)
  }

  get(id: string): SessionSummary {
    return this.session(id).summary()
  }

  write(id: string, data: string): void {
    this.session(id).write(data)
  }

  resize(id: string, cols: number, rows: number): void {
    this.session(id).resize(cols, rows)
  }

  ack(id: string, chars: number): void {
    this.session(id).ack(chars)
  }

  close(id: string): void {
    this.session(id).close()
  }

  reconnect(id: string, cols: number, rows: number): SessionSummary {
    const previous = this.session(id)
    if (previous.isOpen) throw new RpcError('CONFLICT', 'The session is still open')
    const { options } = previous
    return this.open({ ...options, title: options.title, cols, rows })
  }

  answerHostKey(id: string, decision: HostKeyDecision): void {
    this.session(id).answerHostKey(decision)
  }

  answerPrompt(id: string, promptId: string, answers: string[] | null): void {
    this.session(id).answerPrompt(promptId, answers)
  }

  /**
   * Runs one command non-interactively (trusted host keys and stored credentials only);
   * `options.signal` stops it on the server too.
   */
  exec(target: SessionTarget, command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return execCommand(
      {
        knownHosts: this.options.knownHosts,
        revealSecret: (credentialId) => this.options.vault.reveal(credentialId).secret,
        agentSocket: this.agentSocket(),
        readyTimeoutMs: this.options.readyTimeoutMs ?? 20_000,
      },
      target,
      command,
      options,
    )
  }

  onData(id: string, listener: (data: string) => void): () => void {
    return this.session(id).onData(listener)
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    this.events.on('event', listener)
    return () => this.events.off('event', listener)
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.terminate('Switchboard was closed')
  }

  private agentSocket(): string | null {
    return this.options.agentSocket === undefined
      ? (process.env.SSH_AUTH_SOCK ?? null)
      : this.options.agentSocket
  }

  private session(id: string): SshSession {
    const session = this.sessions.get(id)
    if (!session) throw new RpcError('NOT_FOUND', 'No such session')
    return session
  }

  /** One audit row per session: who, where, which host key, how long, how much, why it ended. */
  private audit(session: SshSession): void {
    const s = session.summary()
    this.options.audit.append(this.options.host.clock.now(), {
      actor: this.options.host.technician,
      action: 'session.ssh',
      subject: `${s.username}@${s.host}:${s.port}`,
      detail: {
        sessionId: s.id,
        deviceId: s.deviceId,
        ticketId: s.ticketId,
        address: `${s.host}:${s.port}`,
        jumpHosts: session.options.target.jumpHosts.map((h) => `${h.username}@${h.host}:${h.port}`),
        hostKeyFingerprint: s.hostKeyFingerprint,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
        exitReason: s.exitReason,
        dropped: s.dropped,
        recordingId: s.recordingId,
      },
    })
  }
}
