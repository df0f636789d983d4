/**
 * The team server on an in-memory PGlite with its first admin, for tests in other processes
 * (the app's sync tests may not import src/server). Prints the same ready line as `npm run
 * server`. In memory rather than `create-admin` and then serve on one --data-dir (as an
 * administrator does): that way PGlite 0.6.1 fails pushes part-way through the app's sync
 * test with `could not create directory "base/5": File exists`, every time, and every later
 * push stops. One process on a data dir passes; the server's own tests all run in memory.
 */
import { buildTeamServer } from '../app'
import { AuthService } from '../auth/auth-service'
import { openDatabase } from '../db/open-database'

async function main(): Promise<void> {
  const email = process.env.SWITCHBOARD_ADMIN_EMAIL
  const password = process.env.SWITCHBOARD_ADMIN_PASSWORD
  if (!email || !password) throw new Error('SWITCHBOARD_ADMIN_EMAIL and _PASSWORD are needed')
  const { database, schemaVersion } = await openDatabase({ mode: 'embedded' })
  await new AuthService(database).createFirstAdmin({ email, displayName: 'Ada Admin', password })
  const app = buildTeamServer({ database, schemaVersion, fastify: { logger: false } })
  const close = async (): Promise<void> => {
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void close())
  process.once('SIGTERM', () => void close())
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  process.stdout.write(`${JSON.stringify({ event: 'ready', url })}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
