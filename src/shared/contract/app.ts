import { z } from 'zod'
import { call } from '../rpc/define'

/** How the renderer is attached to the services. */
export const HostMode = z.enum(['electron', 'browser'])
export type HostMode = z.infer<typeof HostMode>

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: HostMode,
  platform: z.string(),
  /** The schema version of the local SQLite store. */
  schemaVersion: z.number().int(),
  dataDir: z.string(),
  technician: z.string(),
})
export type AppInfo = z.infer<typeof AppInfo>

/** A warning or error from the host's log, censored as the log file holds it. */
export const LogProblem = z.object({
  time: z.string(),
  level: z.enum(['warn', 'error']),
  message: z.string(),
  detail: z.string().nullable(),
})
export type LogProblem = z.infer<typeof LogProblem>

/** What a technician sends to support: versions, where things are, what went wrong lately. */
export const Diagnostics = AppInfo.extend({
  arch: z.string(),
  osRelease: z.string(),
  nodeVersion: z.string(),
  /** Null in browser mode. */
  electronVersion: z.string().nullable(),
  /** The current log file (older ones sit beside it as .1, .2, …); null when there is none. */
  logFile: z.string().nullable(),
  recentProblems: z.array(LogProblem),
  generatedAt: z.number(),
})
export type Diagnostics = z.infer<typeof Diagnostics>

export const app = {
  info: call({
    doc: 'Facts about the running host: version, mode, store schema version, data directory.',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
  diagnostics: call({
    doc: 'Versions, platform, store schema, data directory, log file and recent log problems.',
    input: z.object({}).strict(),
    output: Diagnostics,
  }),
  ping: call({
    doc: 'Round-trips a short text; used for liveness and latency checks.',
    input: z.object({ echo: z.string().max(1000).default('') }).strict(),
    output: z.object({ echo: z.string(), at: z.number() }),
  }),
}
