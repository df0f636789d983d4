import { execFileSync, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { skipReasonOrFail } from '../../shared/testing/required-servers'

/**
 * A real OpenSSH sshd for tests, on 127.0.0.1 with its own host keys, config and log.
 * It runs as root (as CI does) so it can log in the test user. Nothing here touches the
 * machine's own sshd; the PAM service file it may add is removed on stop.
 */

export const TEST_USER = 'sbtest'
export const TEST_PASSWORD = 'sb-test-pass-7Q2'
/** RFC 6238's test secret ("12345678901234567890"), for the one-time-password prompt. */
export const TEST_TOTP_SECRET_HEX = '3132333435363738393031323334353637383930'

const SSHD = '/usr/sbin/sshd'
const PAM_OATH = '/lib/x86_64-linux-gnu/security/pam_oath.so'

export interface SshdOptions {
  /** sshd's AuthenticationMethods, e.g. 'publickey,keyboard-interactive'. */
  authenticationMethods?: string
  /** Keyboard-interactive asks for the password and then a one-time code (two prompts). */
  otp?: boolean
  hostKeyTypes?: Array<'ed25519' | 'ecdsa' | 'rsa'>
  /** VERBOSE by default; DEBUG1 also logs forwarding requests. */
  logLevel?: 'VERBOSE' | 'DEBUG1'
  extraConfig?: string
}

export interface TestSshd {
  host: '127.0.0.1'
  port: number
  dir: string
  /** `ssh-keygen -lf` fingerprints of the current host keys, by type (e.g. 'ssh-ed25519'). */
  fingerprints(): Record<string, string>
  /** Adds a public key to the test user's authorized keys for this server. */
  authorize(publicKey: string): void
  /** The sshd log so far (-E), to see what the server did. */
  log(): string
  /** Replaces the host keys and restarts on the same port. */
  rotateHostKeys(types?: Array<'ed25519' | 'ecdsa' | 'rsa'>): Promise<void>
  /** Adds host keys (rotation: old and new served together) and restarts. */
  addHostKeys(types: Array<'ed25519' | 'ecdsa' | 'rsa'>): Promise<void>
  /** Kills every sshd process of this server, sessions included (a dropped connection). */
  killAll(): void
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Why the sshd tests cannot run here (they skip), or null; under CI's strict variable it throws. */
export function canRunSshd(): string | null {
  return skipReasonOrFail(sshdUnavailableReason(), process.env)
}

function sshdUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return 'the sshd tests need root (CI runs as root)'
  if (!existsSync(SSHD)) return 'openssh-server is not installed (apt-get install openssh-server)'
  return null
}

export function ensureTestUser(): void {
  try {
    execFileSync('id', [TEST_USER], { stdio: 'ignore' })
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/bash', TEST_USER])
  }
  execFileSync('chpasswd', { input: `${TEST_USER}:${TEST_PASSWORD}\n` })
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The current TOTP for the test secret (RFC 6238, SHA-1, 6 digits, 30 s). */
export function currentTotp(now = Date.now()): string {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)))
  const hmac = createHmac('sha1', Buffer.from(TEST_TOTP_SECRET_HEX, 'hex')).update(counter).digest()
  const offset = (hmac[hmac.length - 1] ?? 0) & 0xf
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000
  return String(code).padStart(6, '0')
}

function homeOf(user: string): string {
  return execFileSync('getent', ['passwd', user]).toString().split(':')[5] ?? `/home/${user}`
}

function generateHostKey(
  dir: string,
  type: 'ed25519' | 'ecdsa' | 'rsa',
  generation: number,
): string {
  const path = join(dir, `host_${type}_${generation}`)
  const bits = type === 'rsa' ? ['-b', '2048'] : []
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, '-N', '', '-f', path])
  return path
}

export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const reason = sshdUnavailableReason()
  if (reason) throw new Error(reason)
  ensureTestUser()
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })

  const dir = mkdtempSync(join(tmpdir(), 'switchboard-sshd-'))
  chmodSync(dir, 0o755)
  const port = await freePort()
  let generation = 0
  let hostKeys = (options.hostKeyTypes ?? ['ed25519']).map((t) =>
    generateHostKey(dir, t, generation),
  )

  // Per-server authorized keys under the user's ~/.ssh (sshd's StrictModes insists on it).
  const home = homeOf(TEST_USER)
  const sshDir = join(home, '.ssh')
  mkdirSync(sshDir, { recursive: true, mode: 0o700 })
  const uid = Number(execFileSync('id', ['-u', TEST_USER]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', TEST_USER]).toString().trim())
  chownSync(sshDir, uid, gid)
  const authorizedKeys = join(sshDir, `authorized_keys.switchboard-${port}`)
  writeFileSync(authorizedKeys, '', { mode: 0o600 })
  chownSync(authorizedKeys, uid, gid)

  // PAM picks its service by sshd's program name: a symlink gives this server its own stack.
  const program = join(dir, `sbtest-sshd-${port}`)
  symlinkSync(SSHD, program)
  const pamService = `/etc/pam.d/sbtest-sshd-${port}`
  if (options.otp) {
    if (!existsSync(PAM_OATH))
      throw new Error('libpam-oath is not installed (apt-get install libpam-oath)')
    const oathFile = join(dir, 'users.oath')
    writeFileSync(oathFile, `HOTP/T30/6 ${TEST_USER} - ${TEST_TOTP_SECRET_HEX}\n`, { mode: 0o600 })
    writeFileSync(
      pamService,
      [
        'auth required pam_unix.so',
        `auth required ${PAM_OATH} usersfile=${oathFile} window=4`,
        'account required pam_unix.so',
        'session required pam_unix.so',
        '',
      ].join('\n'),
    )
  } else {
    // The machine's own sshd stack: password via pam_unix.
    writeFileSync(pamService, '@include sshd\n')
  }

  const configFile = join(dir, 'sshd_config')
  const logFile = join(dir, 'sshd.log')
  const pidFile = join(dir, 'sshd.pid')
  const writeConfig = (): void => {
    writeFileSync(
      configFile,
      [
        'ListenAddress 127.0.0.1',
        `Port ${port}`,
        ...hostKeys.map((k) => `HostKey ${k}`),
        `PidFile ${pidFile}`,
        `AuthorizedKeysFile .ssh/authorized_keys.switchboard-${port}`,
        'UsePAM yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication yes',
        'PubkeyAuthentication yes',
        'PermitRootLogin no',
        `AllowUsers ${TEST_USER}`,
        'AllowAgentForwarding yes',
        'AllowTcpForwarding yes',
        'MaxStartups 200:30:400',
        'MaxSessions 50',
        `LogLevel ${options.logLevel ?? 'VERBOSE'}`,
        'Subsystem sftp internal-sftp',
        // PAM's motd module already prints it; twice is noise in every test terminal.
        'PrintMotd no',
        ...(options.authenticationMethods
          ? [`AuthenticationMethods ${options.authenticationMethods}`]
          : []),
        options.extraConfig ?? '',
        '',
      ].join('\n'),
    )
  }

  const launch = async (): Promise<void> => {
    writeConfig()
    // sshd daemonises; it exits 0 even when it could not bind, so wait for its log line.
    const before = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0
    await new Promise<void>((resolve, reject) => {
      const child = spawn(program, ['-f', configFile, '-E', logFile], { stdio: 'ignore' })
      child.once('error', reject)
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`sshd exited ${code}`)),
      )
    })
    const deadline = Date.now() + 5000
    for (;;) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(before) : ''
      if (log.includes('Server listening on 127.0.0.1')) return
      if (/Bind to port .* failed|fatal/i.test(log)) throw new Error(`sshd did not start:\n${log}`)
      if (Date.now() > deadline) throw new Error(`sshd did not start in time:\n${log}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  const stopDaemon = (): void => {
    if (!existsSync(pidFile)) return
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // already gone
    }
    rmSync(pidFile, { force: true })
  }

  // Every process of this server: the listener and its per-connection children.
  const killAll = (): void => {
    stopDaemon()
    try {
      execFileSync('pkill', ['-KILL', '-f', `sbtest-sshd-${port}`])
    } catch {
      // none left
    }
  }

  await launch()

  const waitForPortFree = async (): Promise<void> => {
    const deadline = Date.now() + 3000
    while (Date.now() < deadline) {
      try {
        execFileSync('sh', ['-c', `ss -ltn | grep -q '127.0.0.1:${port} '`])
      } catch {
        return
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  const server: TestSshd = {
    host: '127.0.0.1',
    port,
    dir,
    fingerprints() {
      const result: Record<string, string> = {}
      for (const key of hostKeys) {
        const [, , fingerprint, type] =
          execFileSync('ssh-keygen', ['-lf', `${key}.pub`])
            .toString()
            .trim()
            .match(/^(\d+) (\S+) .* \((\w+)\)$/) ?? []
        const name =
          type === 'ED25519' ? 'ssh-ed25519' : type === 'RSA' ? 'ssh-rsa' : 'ecdsa-sha2-nistp256'
        if (fingerprint) result[name] = fingerprint
      }
      return result
    },
    authorize(publicKey) {
      writeFileSync(authorizedKeys, `${publicKey.trim()}\n`, { flag: 'a' })
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async rotateHostKeys(types = ['ed25519']) {
      generation += 1
      hostKeys = types.map((t) => generateHostKey(dir, t, generation))
      await server.restart()
    },
    async addHostKeys(types) {
      generation += 1
      hostKeys = [...hostKeys, ...types.map((t) => generateHostKey(dir, t, generation))]
      await server.restart()
    },
    killAll,
    async restart() {
      stopDaemon()
      await waitForPortFree()
      await launch()
    },
    async stop() {
      killAll()
      rmSync(pamService, { force: true })
      rmSync(authorizedKeys, { force: true })
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}

export { homeOf as testUserHome }
