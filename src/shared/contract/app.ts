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

export const app = {
  info: call({
    doc: 'Facts about the running host: version, mode, store schema version, data directory.',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
  ping: call({
    doc: 'Round-trips a short text; used for liveness and latency checks.',
    input: z.object({ echo: z.string().max(1000).default('') }).strict(),
    output: z.object({ echo: z.string(), at: z.number() }),
  }),
}
