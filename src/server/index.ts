/**
 * The team server's composition root: `npm run server` serves; `npm run server -- create-admin`
 * makes the first admin. Migrations run on start.
 */
import { NewPassword } from '../shared/sync/auth'
import { buildTeamServer } from './app'
import { AuthService } from './auth/auth-service'
import { readConfig, UsageError, USAGE, type ServerConfig } from './config'
import { openDatabase } from './db/open-database'

async function readPassword(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.SWITCHBOARD_ADMIN_PASSWORD) return env.SWITCHBOARD_ADMIN_PASSWORD
  if (process.stdin.isTTY) process.stderr.write('Password for the first admin: ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer)
    if (chunks.join('').includes('\n')) break
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? ''
}

async function createAdmin(config: ServerConfig): Promise<void> {
  const password = NewPassword.safeParse(await readPassword(process.env))
  if (!password.success) throw new UsageError('The password needs at least 12 characters')
  const { database } = await openDatabase(config.database)
  try {
    const id = await new AuthService(database).createFirstAdmin({
      email: config.admin?.email ?? '',
      displayName: config.admin?.name ?? '',
      password: password.data,
    })
    process.stdout.write(
      `Created admin ${config.admin?.email} (${id}). Sign in from the app; it will ask you to set up a one-time-code app.\n`,
    )
  } finally {
    await database.close()
  }
}

async function serve(config: ServerConfig): Promise<void> {
  const { database, schemaVersion } = await openDatabase(config.database)
  const app = buildTeamServer({
    database,
    schemaVersion,
    fastify: {
      logger: { level: process.env.SWITCHBOARD_SERVER_LOG ?? 'info' },
      trustProxy: config.trustProxy,
      ...(config.tls ? { https: config.tls } : {}),
    },
  })
  const close = async (): Promise<void> => {
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void close())
  process.once('SIGTERM', () => void close())
  const address = await app.listen({ host: config.host, port: config.port })
  const scheme = config.tls ? 'https' : 'http'
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', url: address.replace(/^https?/, scheme), database: database.mode, schema: schemaVersion })}\n`,
  )
  if (!config.tls && !['127.0.0.1', 'localhost', '::1'].includes(config.host)) {
    app.log.warn(
      'serving plain HTTP on a network address: run behind TLS (--tls-cert/--tls-key or a proxy)',
    )
  }
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env)
  if (config.command === 'create-admin') await createAdmin(config)
  else await serve(config)
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    // --help is an answer, not a failure.
    if (!error.message) {
      process.stdout.write(USAGE)
      process.exit(0)
    }
    process.stderr.write(`${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  process.stderr.write(
    `switchboard server: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
})
