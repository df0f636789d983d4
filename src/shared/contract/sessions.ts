import { z } from 'zod'
import { call, event } from '../rpc/define'

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[\w.:[\]%-]+$/, 'Host names and addresses only')
const Port = z.number().int().min(1).max(65535)
const Username = z.string().trim().min(1).max(256)
const Id = z.string().min(1).max(100)

/** One hop: where to connect and how to log in. */
export const SshEndpoint = z
  .object({
    host: Host,
    port: Port.default(22),
    username: Username,
    /** A vault credential; none means agent and interactive prompts only. */
    credentialId: Id.nullable().default(null),
  })
  .strict()
export type SshEndpoint = z.infer<typeof SshEndpoint>

/**
 * Where a quick connect goes, typed in by the technician. It never forwards the agent (whoever
 * has root on a host can use a forwarded agent, so that is a device's setting), and each hop's
 * credential must be global: an address does not say whose network it is in.
 */
export const QuickConnectTarget = SshEndpoint.extend({
  /** ProxyJump chain, first hop first. */
  jumpHosts: z.array(SshEndpoint).max(5).default([]),
  /** Try the local ssh-agent (SSH_AUTH_SOCK) before asking. */
  useAgent: z.boolean().default(true),
}).strict()
export type QuickConnectTarget = z.infer<typeof QuickConnectTarget>

const TerminalSize = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(2).max(1000),
}

/**
 * What to open a session to. The renderer names a device; main resolves where it goes, as whom,
 * with which credential and whether the agent is forwarded from its own store. Or it names an
 * address for a quick connect, which never forwards the agent.
 */
export const OpenSession = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('device'),
      deviceId: Id,
      /** The ticket the work is for; main checks it exists and concerns this device. */
      ticketId: Id.nullable().default(null),
      ...TerminalSize,
      /** Keystrokes are not recorded unless asked for; typed passwords never are. */
      recordInput: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('quick'),
      target: QuickConnectTarget,
      ...TerminalSize,
      title: z.string().max(200).optional(),
      recordInput: z.boolean().default(false),
    })
    .strict(),
])
export type OpenSession = z.infer<typeof OpenSession>

export const SessionState = z.enum([
  'connecting',
  'verifying-host',
  'authenticating',
  'connected',
  'closed',
  'failed',
])
export type SessionState = z.infer<typeof SessionState>

export const SessionSummary = z.object({
  id: Id,
  title: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string(),
  state: SessionState,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Why it ended, in words a technician can act on. */
  exitReason: z.string().nullable(),
  /** Whether an unexpected drop ended it (the UI offers Reconnect). */
  dropped: z.boolean(),
  hostKeyFingerprint: z.string().nullable(),
  recordingId: z.string().nullable(),
  bytesIn: z.number().int(),
  bytesOut: z.number().int(),
  deviceId: z.string().nullable(),
  ticketId: z.string().nullable(),
})
export type SessionSummary = z.infer<typeof SessionSummary>

export const HostKeyQuestion = z.object({
  type: z.literal('host-key'),
  sessionId: Id,
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** 'changed' is a hard stop: the old key must be removed explicitly first. */
  status: z.enum(['unknown', 'changed']),
  knownFingerprint: z.string().nullable(),
})
export type HostKeyQuestion = z.infer<typeof HostKeyQuestion>

export const AuthPrompt = z.object({
  type: z.literal('prompt'),
  sessionId: Id,
  promptId: z.string(),
  /** Which hop asks: the target or a jump host. */
  host: z.string(),
  name: z.string(),
  instructions: z.string(),
  prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
})
export type AuthPrompt = z.infer<typeof AuthPrompt>

/**
 * Terminal output as the remote sent it, not decoded: it travels as bytes (a binary WebSocket
 * frame, a Uint8Array over IPC) and xterm.js decodes its UTF-8, also across batches.
 */
export const TerminalBytes = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array,
  'Terminal output must be bytes (a Uint8Array)',
)

/** Everything a session tells the UI besides its output. */
export const SessionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), session: SessionSummary }),
  HostKeyQuestion,
  AuthPrompt,
])
export type SessionEvent = z.infer<typeof SessionEvent>

export const sessions = {
  open: call({
    doc: 'Opens an SSH session with a PTY; progress, questions and prompts arrive as events.',
    input: OpenSession,
    output: SessionSummary,
  }),
  list: call({
    doc: 'Sessions of this run of the app, newest first.',
    input: z.object({}).strict(),
    output: z.object({ sessions: z.array(SessionSummary) }),
  }),
  write: call({
    doc: 'Sends keystrokes or pasted text to the remote shell.',
    input: z.object({ id: Id, data: z.string().max(1024 * 1024) }).strict(),
    output: z.object({}),
  }),
  resize: call({
    doc: 'Tells the remote PTY its new size.',
    input: z
      .object({
        id: Id,
        cols: z.number().int().min(2).max(1000),
        rows: z.number().int().min(2).max(1000),
      })
      .strict(),
    output: z.object({}),
  }),
  ack: call({
    doc: 'Acknowledges output the terminal has rendered, in bytes, so main can resume a paused channel.',
    input: z
      .object({ id: Id, bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
      .strict(),
    output: z.object({}),
  }),
  close: call({
    doc: 'Ends a session (or cancels one still connecting).',
    input: z.object({ id: Id }).strict(),
    output: z.object({}),
  }),
  reconnect: call({
    doc: 'Opens a new session like an ended one; a device session is resolved from the store again.',
    input: z
      .object({
        id: Id,
        cols: z.number().int().min(2).max(1000),
        rows: z.number().int().min(2).max(1000),
      })
      .strict(),
    output: SessionSummary,
  }),
  answerHostKey: call({
    doc: 'Answers a host-key question: trust and remember, trust this once, or refuse.',
    input: z
      .object({ id: Id, decision: z.enum(['accept-and-save', 'accept-once', 'reject']) })
      .strict(),
    output: z.object({}),
  }),
  answerPrompt: call({
    doc: 'Answers a keyboard-interactive prompt round (null cancels the login).',
    input: z
      .object({
        id: Id,
        promptId: z.string().max(100),
        answers: z.array(z.string().max(4096)).max(20).nullable(),
      })
      .strict(),
    output: z.object({}),
  }),
  onData: event({
    doc: 'Terminal output of one session as raw bytes, batched; acknowledge it with sessions.ack.',
    input: z.object({ id: Id }).strict(),
    data: z.object({ data: TerminalBytes }),
  }),
  onEvent: event({
    doc: 'State changes, host-key questions and login prompts of every session.',
    input: z.object({}).strict(),
    data: SessionEvent,
  }),
}
