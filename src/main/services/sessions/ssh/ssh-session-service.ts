import { EventEmitter } from 'node:events'
import type {
  OpenSession,
  SessionEvent,
  SessionSummary,
} from '../../../../shared/contract/sessions'
import { DomainError } from '../../../../shared/domain/errors'
import type { AuditLog } from '../../audit/audit-log'
import type { HostPorts } from '../../ports'
import type { VaultService } from '../../vault/vault-service'
import type { RecordingStore } from '../recordings/recording-store'
import type { KnownHostStore } from './known-host-store'
import { execCommand, type ExecOptions, type ExecResult } from './ssh-exec'
import { SshSession, type HostKeyDecision } from './ssh-session'
import { deviceTarget, type SessionResolvers, type SshTarget } from './ssh-target'

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
   * A device's endpoint, credential and forwarding from the store, and the ticket check. Asked
   * at every open and reconnect, so a changed device holds from the next session.
   */
  resolvers: SessionResolvers
}

/** What a session was opened as: re-resolved from the store on reconnect. */
interface ResolvedSession {
  target: SshTarget
  title: string
  deviceId: string | null
  ticketId: string | null
}

/** Interactive SSH sessions held by main; the renderer only sees summaries, events and output. */
export class SshSessionService {
  private readonly sessions = new Map<string, SshSession>()
  private readonly events = new EventEmitter()

  constructor(private readonly options: SshSessionServiceOptions) {
    this.events.setMaxListeners(100)
  }

  /**
   * Opens a session to a device (everything about where and how from the store) or a quick
   * connect (never forwarding the agent, global credentials only). Refuses, before anything
   * connects, a credential whose scope does not cover the session.
   */
  open(request: OpenSession): SessionSummary {
    const { host, recordings } = this.options
    const { target, title, deviceId, ticketId } = this.resolve(request)
    const input = { cols: request.cols, rows: request.rows, recordInput: request.recordInput }
    const session = new SshSession(
      {
        request,
        target,
        cols: input.cols,
        rows: input.rows,
        title,
        deviceId,
        ticketId,
        recordInput: input.recordInput,
      },
      {
        knownHosts: this.options.knownHosts,
        // Checked again as the secret is read: the scope may have changed since the open.
        revealSecret: (credentialId) => this.options.vault.reveal(credentialId, target.use).secret,
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
   * Where the session goes and as what. A device's host, user, credential and agent
   * forwarding come from its stored settings, whatever the renderer believes them to be:
   * whoever has root on a host can use a forwarded agent, so only a device the technician
   * turned it on for gets it, and a stored password goes only where that device points.
   */
  private resolve(request: OpenSession): ResolvedSession {
    if (request.kind === 'quick') {
      const target: SshTarget = {
        ...request.target,
        agentForwarding: false,
        use: { kind: 'quick' },
      }
      this.checkCredentials(target)
      return {
        target,
        title: request.title?.trim() || `${target.username}@${target.host}`,
        deviceId: null,
        ticketId: null,
      }
    }
    const device = this.options.resolvers.deviceEndpoint(request.deviceId)
    if (request.ticketId !== null) {
      this.options.resolvers.checkSessionTicket(request.ticketId, device)
    }
    const target = deviceTarget(device)
    this.checkCredentials(target)
    return {
      target,
      title: `${device.username}@${device.hostname}`,
      deviceId: device.deviceId,
      ticketId: request.ticketId,
    }
  }

  /** Refuses (FORBIDDEN, in words) any hop's credential whose scope does not cover the use. */
  private checkCredentials(target: SshTarget): void {
    for (const hop of [...target.jumpHosts, target]) {
      if (hop.credentialId !== null) this.options.vault.checkUse(hop.credentialId, target.use)
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

  ack(id: string, bytes: number): void {
    this.session(id).ack(bytes)
  }

  close(id: string): void {
    this.session(id).close()
  }

  reconnect(id: string, cols: number, rows: number): SessionSummary {
    const previous = this.session(id)
    if (previous.isOpen) throw new DomainError('conflict', 'The session is still open')
    return this.open({ ...previous.options.request, cols, rows })
  }

  answerHostKey(id: string, decision: HostKeyDecision): void {
    this.session(id).answerHostKey(decision)
  }

  answerPrompt(id: string, promptId: string, answers: string[] | null): void {
    this.session(id).answerPrompt(promptId, answers)
  }

  /**
   * Runs one command non-interactively (trusted host keys and stored credentials only, each
   * within its scope); `options.signal` stops it on the server too.
   */
  async exec(target: SshTarget, command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.checkCredentials(target)
    return execCommand(
      {
        knownHosts: this.options.knownHosts,
        revealSecret: (credentialId) => this.options.vault.reveal(credentialId, target.use).secret,
        agentSocket: this.agentSocket(),
        readyTimeoutMs: this.options.readyTimeoutMs ?? 20_000,
      },
      target,
      command,
      options,
    )
  }

  onData(id: string, listener: (data: Uint8Array) => void): () => void {
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
    if (!session) throw new DomainError('not-found', 'No such session')
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
