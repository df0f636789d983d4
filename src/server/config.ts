import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { DatabaseConfig } from './db/open-database'

export interface ServerConfig {
  command: 'serve' | 'create-admin'
  host: string
  port: number
  database: DatabaseConfig
  tls: { cert: Buffer; key: Buffer } | null
  /** Behind a TLS-terminating proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean
  admin: { email: string; name: string } | null
}

export const USAGE = `Usage: npm run server [-- options]
       npm run server -- create-admin --email EMAIL --name "NAME"   (password from SWITCHBOARD_ADMIN_PASSWORD or stdin)

Options:
  --host ADDR        listen address (default 127.0.0.1; SWITCHBOARD_SERVER_HOST)
  --port N           listen port (default 4790; SWITCHBOARD_SERVER_PORT)
  --data-dir DIR     embedded database directory when DATABASE_URL is not set
                     (default ./switchboard-team-data; SWITCHBOARD_SERVER_DATA_DIR)
  --tls-cert FILE    PEM certificate chain, with --tls-key: serve HTTPS (SWITCHBOARD_TLS_CERT)
  --tls-key FILE     PEM private key (SWITCHBOARD_TLS_KEY)
  --trust-proxy      behind a reverse proxy that terminates TLS

Environment:
  DATABASE_URL        PostgreSQL as the app role switchboard_app (any number of server processes)
  DATABASE_OWNER_URL  PostgreSQL as the schema owner, to migrate at start
`

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) throw new UsageError('')
  const command = positionals[0] ?? 'serve'
  if (command !== 'serve' && command !== 'create-admin') {
    throw new UsageError(`Unknown command ${command}`)
  }
  const port = Number(values.port ?? env.SWITCHBOARD_SERVER_PORT ?? 4790)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`Bad port ${port}`)
  const certFile = values['tls-cert'] ?? env.SWITCHBOARD_TLS_CERT
  const keyFile = values['tls-key'] ?? env.SWITCHBOARD_TLS_KEY
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new UsageError('TLS needs both --tls-cert and --tls-key')
  }
  const url = env.DATABASE_URL
  const database: DatabaseConfig = url
    ? {
        mode: 'postgres',
        url,
        ...(env.DATABASE_OWNER_URL ? { ownerUrl: env.DATABASE_OWNER_URL } : {}),
      }
    : {
        mode: 'embedded',
        dataDir: resolve(
          values['data-dir'] ?? env.SWITCHBOARD_SERVER_DATA_DIR ?? 'switchboard-team-data',
        ),
      }
  let admin: ServerConfig['admin'] = null
  if (command === 'create-admin') {
    if (!values.email || !values.name) throw new UsageError('create-admin needs --email and --name')
    admin = { email: values.email, name: values.name }
  }
  return {
    command,
    host: values.host ?? env.SWITCHBOARD_SERVER_HOST ?? '127.0.0.1',
    port,
    database,
    tls: certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null,
    trustProxy: values['trust-proxy'] ?? false,
    admin,
  }
}

export class UsageError extends Error {}
