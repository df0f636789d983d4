import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { skipReasonOrFail } from '../../shared/testing/required-servers'

/**
 * A real PostgreSQL for tests: initdb in a temp dir, started on 127.0.0.1 on a free port with
 * its socket in that dir, stopped and removed by stop(). initdb refuses root, so as root (as
 * CI runs) the cluster belongs to the `postgres` user Debian's package creates.
 */
export interface TestPostgres {
  host: '127.0.0.1'
  port: number
  /** The bootstrap superuser's connection string (the server's migrations run as it). */
  superuserUrl: string
  /** A connection string for another role and database on the same server. */
  urlFor(user: string, password: string, database?: string): string
  stop(): Promise<void>
}

const SUPERUSER = 'postgres'

function binDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : null
}

function unavailableReason(): string | null {
  if (!binDir()) return 'PostgreSQL is not installed (apt-get install postgresql)'
  if (process.getuid?.() === 0) {
    const hasUser = spawnSync('id', [SUPERUSER], { stdio: 'ignore' }).status === 0
    if (!hasUser) return `initdb refuses root and there is no '${SUPERUSER}' user to run it as`
  }
  return null
}

/** Why the PostgreSQL tests cannot run here (they skip), or null; under CI's strict rule it throws. */
export function canRunPostgres(): string | null {
  return skipReasonOrFail(unavailableReason(), process.env)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startPostgres(): Promise<TestPostgres> {
  const reason = unavailableReason()
  if (reason) throw new Error(reason)
  const bin = binDir() as string
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]): void => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', SUPERUSER, '--', join(bin, command), ...args]]
      : [join(bin, command), args]
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  }

  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'))
  const password = randomBytes(18).toString('base64url')
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 })
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim())
    const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim())
    chownSync(dir, uid, gid)
    chownSync(pwfile, uid, gid)
  }
  chmodSync(dir, 0o700)
  const data = join(dir, 'data')
  const port = await freePort()
  const stop = async (): Promise<void> => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } catch {
        // Already gone: the directory is removed below either way.
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--locale=C',
    ])
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-k ${dir}`,
      // Tests never survive a crash of their own database; crash tests start one without this.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ')
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', options, 'start'])
  } catch (error) {
    await stop()
    throw error
  }
  const urlFor = (user: string, pass: string, database = 'postgres'): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`
  return {
    host: '127.0.0.1',
    port,
    superuserUrl: urlFor(SUPERUSER, password),
    urlFor,
    stop,
  }
}
