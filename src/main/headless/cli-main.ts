import { userInfo } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppLog } from '../logger'
import { defaultDataDir } from '../paths'
import { systemClock, type HostPorts } from '../services/ports'
import { APP_VERSION } from '../version'
import { startHeadlessHost } from './host'

const usage = `Usage: npm run web -- [--port N] [--data-dir DIR] [--json] [--allow-origin URL]

  --port N           Port on 127.0.0.1 (default 4780; 0 picks a free one)
  --data-dir DIR     Where the store lives (default: the desktop app's data directory,
                     or $SWITCHBOARD_DATA_DIR)
  --json             Print one JSON line {"event":"ready",...} when ready (for tools)
  --allow-origin URL Also accept connections from this page origin (the Vite dev server)
`

/**
 * The headless host's command line: `npm run web`'s entry (cli.ts) runs it as is; a test entry
 * may pass seams for the services (the crash tooling's deliberate faults) and nothing else.
 */
export function runHeadlessCli(seams: HeadlessSeams = {}): void {
  main(seams).catch((error: unknown) => {
    process.stderr.write(
      `Switchboard could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(1)
  })
}

/** What a test entry may change in the services it starts; the app passes none. */
export type HeadlessSeams = Pick<HostPorts, 'intentCommit'>

async function main(seams: HeadlessSeams): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4780' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(usage)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`)
  }
  const dataDir = values['data-dir'] ?? defaultDataDir()
  const appLog = createAppLog({ scope: 'headless', dir: join(dataDir, 'logs'), quiet: values.json })
  const { logger } = appLog
  const ports = {
    mode: 'browser' as const,
    version: APP_VERSION,
    paths: { dataDir },
    clock: systemClock,
    logger,
    log: appLog,
    technician: userInfo().username,
    opener: { kind: 'renderer' as const, open: async () => {} },
    // No OS keychain without a desktop session: the vault uses a master passphrase.
    osKeychain: null,
    ...seams,
  }
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
  const start = (p: number) =>
    startHeadlessHost({ ports, rendererDir, port: p, extraOrigins: values['allow-origin'] })
  const host = await start(port).catch((error: NodeJS.ErrnoException) => {
    // The default port being taken should not stop a technician; an explicit one should.
    if (error.code === 'EADDRINUSE' && values.port === '4780') return start(0)
    throw error
  })

  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ event: 'ready', url: host.url, port: host.port, token: host.token, dataDir })}\n`,
    )
  } else {
    process.stdout.write(
      `\nSwitchboard is running in browser mode.\n  Open: ${host.url}\n  Data: ${dataDir}\n  Stop: Ctrl+C\n\n`,
    )
  }

  // The last resort once the host serves: an error no request handler caught (a library
  // throwing from a callback, say) is logged, and the other sessions keep their host. Installed
  // here, in the entry only, so tests of the host itself still see every such error.
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception; the host keeps serving', error)
  })
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection; the host keeps serving', reason)
  })

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    // The log is closed last so what closing said is in the file too.
    const exit = (code: number) => () => appLog.close().finally(() => process.exit(code))
    host.close().then(exit(0), exit(1))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
