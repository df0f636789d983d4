import { execFileSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  AuthPrompt,
  HostKeyQuestion,
  SessionTarget,
} from '../../../../shared/contract/sessions'
import type { Services } from '../..'
import {
  TEST_PASSWORD,
  TEST_USER,
  canRunSshd,
  currentTotp,
  startSshd,
  type TestSshd,
} from '../../../testing/sshd'
import {
  collectOutput,
  isHostKey,
  makeClientKey,
  openTestSession,
  sessionServices,
  startAgent,
  storeTestPassword,
  trustAndLogin as trustAndLoginTo,
  watch,
} from '../../../testing/ssh-fixtures'
import { useTempDirs } from '../../../testing/temp-dir'

const tempDir = useTempDirs()
const isPrompt = (e: { type: string }): e is AuthPrompt => e.type === 'prompt'
const unavailable = canRunSshd()

describe.skipIf(unavailable !== null)(
  `SSH sessions against a real sshd${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let sshd: TestSshd
    const open: Services[] = []
    const servers: TestSshd[] = []
    beforeAll(async () => {
      sshd = await startSshd()
    })
    afterAll(async () => {
      await sshd?.stop()
    })
    afterEach(async () => {
      for (const s of open.splice(0)) s.dispose()
      for (const s of servers.splice(0)) await s.stop()
    })

    async function services(agentSocket: string | null = null): Promise<Services> {
      const s = await sessionServices(tempDir(), agentSocket)
      open.push(s)
      return s
    }

    // The shared sshd unless a test passes its own server.
    const connect = (s: Services, target: Partial<SessionTarget>, server = sshd) =>
      openTestSession(s, server, target)
    const trustAndLogin = (s: Services, target: Partial<SessionTarget>, server = sshd) =>
      trustAndLoginTo(s, server, target)

    async function runs(s: Services, id: string, command: string, expected: RegExp) {
      const out = collectOutput(s, id)
      s.sessions.write(id, `${command}\r`)
      const match = await out.waitFor(expected)
      out.stop()
      return match
    }

    it('logs in with a stored password after the technician trusts the host key', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { question, connected, id } = await trustAndLogin(s, { credentialId: credential.id })
      expect(question).toMatchObject({
        status: 'unknown',
        host: '127.0.0.1',
        port: sshd.port,
        keyType: 'ssh-ed25519',
      })
      expect(question.fingerprint).toBe(sshd.fingerprints()['ssh-ed25519'])
      expect(connected.state).toBe('connected')
      await runs(s, id, 'echo "sum=$((20+22))"', /sum=42/)
      expect(s.knownHosts.list()).toMatchObject([
        { port: sshd.port, source: 'accepted', fingerprint: question.fingerprint },
      ])
    })

    it('logs in with a key, an encrypted key and the agent', async () => {
      const dir = tempDir()
      const plain = makeClientKey(dir, 'plain')
      const encrypted = makeClientKey(dir, 'encrypted', 'key passphrase 1')
      const agentKey = makeClientKey(dir, 'agentkey')
      for (const k of [plain, encrypted, agentKey]) sshd.authorize(k.publicKey)
      const agent = await startAgent(dir, [agentKey.path])
      try {
        const s = await services(agent.socket)
        const keyCredential = s.vault.createCredential({
          name: 'k',
          username: TEST_USER,
          clientId: null,
          secret: { kind: 'private-key', privateKey: plain.privateKey },
        })
        const encCredential = s.vault.createCredential({
          name: 'e',
          username: TEST_USER,
          clientId: null,
          secret: {
            kind: 'private-key',
            privateKey: encrypted.privateKey,
            passphrase: 'key passphrase 1',
          },
        })
        const agentCredential = s.vault.createCredential({
          name: 'a',
          username: TEST_USER,
          clientId: null,
          secret: { kind: 'agent' },
        })

        const first = await trustAndLogin(s, { credentialId: keyCredential.id })
        expect(first.connected.state).toBe('connected')
        for (const credentialId of [encCredential.id, agentCredential.id]) {
          const { w, id } = await connect(s, { credentialId })
          expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
          expect(w.events.some(isHostKey)).toBe(false)
          await runs(s, id, 'whoami', new RegExp(`[\\r\\n]${TEST_USER}\\r`))
        }
        const log = sshd.log()
        expect(log).toMatch(/Accepted publickey for sbtest/)
      } finally {
        agent.stop()
      }
    })

    it('forwards the agent only to a device it is turned on for', async () => {
      const dir = tempDir()
      const agentKey = makeClientKey(dir, 'forwarded')
      sshd.authorize(agentKey.publicKey)
      const fingerprint = /SHA256:\S+/.exec(
        execFileSync('ssh-keygen', ['-lf', agentKey.path]).toString(),
      )?.[0]
      if (!fingerprint) throw new Error('ssh-keygen printed no fingerprint')
      const agent = await startAgent(dir, [agentKey.path])
      try {
        const s = await services(agent.socket)
        const credential = s.vault.createCredential({
          name: 'a',
          username: TEST_USER,
          clientId: null,
          secret: { kind: 'agent' },
        })
        const client = s.inventory.createClient({
          name: 'Smile Dental',
          shortCode: 'SMILE',
          contractTier: 'Managed',
          notes: '',
          onlineMinutes: 15,
          staleMinutes: 1440,
        })
        const device = (hostname: string, sshAgentForwarding: boolean) =>
          s.inventory.createDevice({ clientId: client.id, hostname, sshAgentForwarding }).id
        const trusted = device('jump-box', true)
        const other = device('front-desk', false)
        const target = { credentialId: credential.id, agentForwarding: true }
        const listAgent = 'ssh-add -l; echo "agent-exit=$?"'

        const forwarded = await trustAndLoginTo(s, sshd, target, { deviceId: trusted })
        expect(forwarded.connected.state).toBe('connected')
        // The remote lists the key held by the agent on this side.
        const escaped = fingerprint.replace(/[+]/g, '\\+')
        const listed = await runs(
          s,
          forwarded.id,
          listAgent,
          new RegExp(`${escaped}[^]*agent-exit=(\\d)`),
        )
        expect(listed[1]).toBe('0')

        // Asked for a device without the setting, or for no device, a session is refused.
        for (const deviceId of [other, null]) {
          expect(() => openTestSession(s, sshd, target, { deviceId })).toThrow(
            expect.objectContaining({ code: 'FORBIDDEN' }),
          )
        }
        // Turned off on the device: a reconnect of the forwarded session is refused too.
        s.sessions.close(forwarded.id)
        await forwarded.w.state(forwarded.id, ['closed'])
        s.inventory.updateDevice({ id: trusted, sshAgentForwarding: false })
        expect(() => s.sessions.reconnect(forwarded.id, 80, 24)).toThrow(
          expect.objectContaining({ code: 'FORBIDDEN' }),
        )

        // Without forwarding the remote finds no agent at all (2), not an empty one (1).
        const { w, id } = await connect(s, { credentialId: credential.id })
        expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
        const refused = await runs(s, id, listAgent, /agent-exit=(\d)/)
        expect(refused[1]).toBe('2')
      } finally {
        agent.stop()
      }
    })

    it('after a partial success, sends the stored password only in a method the server lists', async () => {
      const dir = tempDir()
      const agentKey = makeClientKey(dir, 'first-factor')
      const agent = await startAgent(dir, [agentKey.path])
      try {
        for (const [second, accepted] of [
          ['keyboard-interactive', /Accepted keyboard-interactive\/pam for sbtest/],
          ['password', /Accepted password for sbtest/],
        ] as const) {
          const server = await startSshd({
            authenticationMethods: `publickey,${second}`,
            logLevel: 'DEBUG1',
          })
          servers.push(server)
          server.authorize(agentKey.publicKey)
          const s = await services(agent.socket)
          const credential = storeTestPassword(s)
          // The agent's key is the first factor; the stored password answers the second.
          const { connected } = await trustAndLogin(
            s,
            { credentialId: credential.id, useAgent: true },
            server,
          )
          expect(connected.state).toBe('connected')
          const log = server.log()
          expect(log).toMatch(/Partial publickey for sbtest/)
          expect(log).toMatch(accepted)
          // At DEBUG1 sshd logs every request's method, offered or not (a password sent in a
          // method it did not offer is dropped without a "Failed password" line).
          const passwordRequests = log.match(/userauth-request for user sbtest .* method password/g)
          expect(passwordRequests ?? []).toHaveLength(second === 'password' ? 1 : 0)
        }
      } finally {
        agent.stop()
      }
    })

    it('routes every keyboard-interactive prompt to the technician (publickey, then password + one-time code)', async () => {
      const server = await startSshd({
        authenticationMethods: 'publickey,keyboard-interactive',
        otp: true,
      })
      servers.push(server)
      const key = makeClientKey(tempDir(), 'k')
      server.authorize(key.publicKey)
      const s = await services()
      // The stored key covers the first factor; nothing stored may answer the prompts.
      const credential = s.vault.createCredential({
        name: 'k',
        username: TEST_USER,
        clientId: null,
        secret: { kind: 'private-key', privateKey: key.privateKey },
      })
      const { w, id } = await connect(s, { credentialId: credential.id }, server)
      await w.until(isHostKey)
      s.sessions.answerHostKey(id, 'accept-once')
      const passwordRound = await w.until(isPrompt)
      expect(passwordRound.prompts).toEqual([{ prompt: 'Password: ', echo: false }])
      s.sessions.answerPrompt(id, passwordRound.promptId, [TEST_PASSWORD])
      const otpRound = await w.until(
        (e): e is AuthPrompt => isPrompt(e) && e.promptId !== passwordRound.promptId,
      )
      expect(otpRound.prompts).toHaveLength(1)
      expect(otpRound.prompts[0]?.prompt).toMatch(/One-time password/)
      expect(otpRound.prompts[0]?.echo).toBe(false)
      s.sessions.answerPrompt(id, otpRound.promptId, [currentTotp()])
      expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
      expect(server.log()).toMatch(/Accepted keyboard-interactive\/pam for sbtest/)
      // accept-once stores nothing
      expect(s.knownHosts.list()).toEqual([])
    })

    it('never sends a stored password to a prompt that is not the password prompt', async () => {
      const server = await startSshd({ authenticationMethods: 'keyboard-interactive', otp: true })
      servers.push(server)
      const s = await services()
      const credential = storeTestPassword(s)
      const { w, id } = await connect(s, { credentialId: credential.id }, server)
      await w.until(isHostKey)
      s.sessions.answerHostKey(id, 'accept-once')
      // The password prompt is answered from the vault; the one-time code must come to us.
      const round = await w.until(isPrompt)
      expect(round.prompts[0]?.prompt).toMatch(/One-time password/)
      s.sessions.answerPrompt(id, round.promptId, [currentTotp()])
      expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
    })

    it('connects through a jump host', async () => {
      const jump = await startSshd({ logLevel: 'DEBUG1' })
      servers.push(jump)
      const s = await services()
      const credential = storeTestPassword(s)
      const w = watch(s)
      const { id } = s.sessions.open({
        target: {
          host: sshd.host,
          port: sshd.port,
          username: TEST_USER,
          credentialId: credential.id,
          jumpHosts: [
            { host: jump.host, port: jump.port, username: TEST_USER, credentialId: credential.id },
          ],
          agentForwarding: false,
          useAgent: false,
        },
        cols: 80,
        rows: 24,
        deviceId: null,
        ticketId: null,
        recordInput: false,
      })
      // Both hops are verified: the jump host first, then the target through it.
      const first = await w.until(isHostKey)
      expect(first.port).toBe(jump.port)
      s.sessions.answerHostKey(id, 'accept-and-save')
      const second = await w.until(
        (e): e is HostKeyQuestion => isHostKey(e) && e.port === sshd.port,
      )
      s.sessions.answerHostKey(second.sessionId, 'accept-and-save')
      expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
      expect(jump.log()).toMatch(
        new RegExp(`server_request_direct_tcpip: .*target 127\\.0\\.0\\.1 port ${sshd.port}`),
      )
      await runs(s, id, 'echo via-jump-$((6*7))', /via-jump-42/)
    })

    it('refuses a changed host key before sending any credential, until the old key is removed', async () => {
      const server = await startSshd()
      servers.push(server)
      const s = await services()
      const credential = storeTestPassword(s)
      const first = await trustAndLogin(s, { credentialId: credential.id }, server)
      s.sessions.close(first.id)
      await first.w.state(first.id, ['closed'])

      await server.rotateHostKeys(['ed25519'])
      const logBefore = server.log().length
      const { w, id } = await connect(s, { credentialId: credential.id }, server)
      const question = await w.until(isHostKey)
      expect(question.status).toBe('changed')
      expect(question.knownFingerprint).toBe(first.question.fingerprint)
      expect(question.fingerprint).toBe(server.fingerprints()['ssh-ed25519'])
      const failed = await w.state(id, ['failed'])
      expect(failed.exitReason).toMatch(/host key .* has changed/)
      // sshd saw no login attempt at all on that connection: no user name, no method.
      await new Promise((r) => setTimeout(r, 200))
      const attempt = server.log().slice(logBefore)
      expect(attempt).not.toMatch(/sbtest|Failed|Accepted|password/i)

      const stale = s.knownHosts.list().find((h) => h.port === server.port)
      if (!stale) throw new Error('the trusted key is missing')
      s.knownHosts.remove(stale.id)
      const retry = await trustAndLogin(s, { credentialId: credential.id }, server)
      expect(retry.question.status).toBe('unknown')
      expect(retry.connected.state).toBe('connected')
    })

    it('learns a rotated-in key announced by a trusted server, never replacing a trusted one', async () => {
      const server = await startSshd({ hostKeyTypes: ['ed25519'] })
      servers.push(server)
      const s = await services()
      const credential = storeTestPassword(s)
      const first = await trustAndLogin(s, { credentialId: credential.id }, server)
      s.sessions.close(first.id)
      await server.addHostKeys(['ecdsa'])
      const { w, id } = await connect(s, { credentialId: credential.id }, server)
      expect((await w.state(id, ['connected', 'failed'])).state).toBe('connected')
      const deadline = Date.now() + 5000
      while (s.knownHosts.list().length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      const keys = s.knownHosts.list().filter((h) => h.port === server.port)
      expect(keys.map((k) => [k.keyType, k.source]).sort()).toEqual([
        ['ecdsa-sha2-nistp256', 'learned'],
        ['ssh-ed25519', 'accepted'],
      ])
      expect(keys.find((k) => k.keyType === 'ecdsa-sha2-nistp256')?.fingerprint).toBe(
        server.fingerprints()['ecdsa-sha2-nistp256'],
      )
    })

    it('resizes the remote PTY', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { id } = await trustAndLogin(s, { credentialId: credential.id })
      await runs(s, id, 'stty size', /[\r\n]24 80\r/)
      s.sessions.resize(id, 132, 43)
      await runs(s, id, 'stty size', /[\r\n]43 132\r/)
    })

    it('shows a dropped connection and reconnects', async () => {
      const server = await startSshd()
      servers.push(server)
      const s = await services()
      const credential = storeTestPassword(s)
      const { w, id } = await trustAndLogin(s, { credentialId: credential.id }, server)
      server.killAll()
      const dropped = await w.state(id, ['closed', 'failed'], 15_000)
      expect(dropped).toMatchObject({ state: 'closed', dropped: true })
      expect(dropped.exitReason).toMatch(/lost|stopped answering|closed by the remote/)
      await server.restart()
      const again = s.sessions.reconnect(id, 100, 30)
      expect(again.id).not.toBe(id)
      expect((await w.state(again.id, ['connected', 'failed'])).state).toBe('connected')
      await runs(s, again.id, 'stty size', /[\r\n]30 100\r/)
    })

    it('records the session as asciicast v2 and audits it', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { w, id } = await trustAndLogin(s, { credentialId: credential.id })
      await runs(s, id, 'echo recorded-$((1+1))', /recorded-2/)
      s.sessions.close(id)
      const closed = await w.state(id, ['closed'])
      const recordingId = closed.recordingId
      if (!recordingId) throw new Error('no recording')
      const { asciicast, recording } = await s.recordings.get(recordingId)
      const [header, ...events] = asciicast
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown)
      expect(header).toMatchObject({ version: 2, width: 80, height: 24 })
      expect(
        events.every((e) => Array.isArray(e) && typeof e[0] === 'number' && e[1] === 'o'),
      ).toBe(true)
      expect(asciicast).toContain('recorded-2')
      expect(recording.inputRecorded).toBe(false)
      const [entry] = s.audit.list({ limit: 10 }).filter((e) => e.action === 'session.ssh')
      expect(entry).toMatchObject({
        actor: 'test-tech',
        subject: `${TEST_USER}@127.0.0.1:${sshd.port}`,
        detail: {
          hostKeyFingerprint: sshd.fingerprints()['ssh-ed25519'],
          exitReason: 'Closed',
          recordingId,
        },
      })
      expect((entry?.detail as { bytesIn: number }).bytesIn).toBeGreaterThan(0)
    })

    it('records typed input when asked, but never what is typed at a password prompt', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { w, id } = await trustAndLoginTo(
        s,
        sshd,
        { credentialId: credential.id },
        { recordInput: true },
      )
      await runs(s, id, 'echo typed-$((2+3))', /typed-5/)
      const out = collectOutput(s, id)
      s.sessions.write(id, 'read -rs -p \'Password: \' secret; echo "got-${#secret}"\r')
      await out.waitFor(/Password: $/)
      // Key by key, as a technician types it, then Enter.
      for (const key of 'hunter2-canary') s.sessions.write(id, key)
      s.sessions.write(id, '\r')
      await out.waitFor(/got-14/)
      out.stop()
      await runs(s, id, 'echo after-$((3+4))', /after-7/)
      s.sessions.close(id)
      const closed = await w.state(id, ['closed'])
      if (!closed.recordingId) throw new Error('no recording')
      const { asciicast, recording } = await s.recordings.get(closed.recordingId)
      expect(recording.inputRecorded).toBe(true)
      const typed = asciicast
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l) as [number, string, string])
        .filter(([, code]) => code === 'i')
        .map(([, , data]) => data)
        .join('')
      expect(typed).toContain('echo typed-$((2+3))')
      expect(typed).toContain('echo after-$((3+4))')
      // Neither among the keys (one event each, so joined first) nor anywhere in the file.
      expect(typed).not.toContain('hunter2')
      expect(typed).not.toContain('canary')
      expect(asciicast).not.toContain('hunter2')
    })

    it('runs a command non-interactively only against a trusted host key', async () => {
      const server = await startSshd()
      servers.push(server)
      const s = await services()
      const credential = storeTestPassword(s)
      const target = {
        host: server.host,
        port: server.port,
        username: TEST_USER,
        credentialId: credential.id,
        jumpHosts: [],
        agentForwarding: false,
        useAgent: false,
      }
      const logBefore = server.log().length
      await expect(s.sessions.exec(target, 'true')).rejects.toThrow(/not trusted yet/)
      expect(server.log().slice(logBefore)).not.toMatch(/sbtest|Accepted|Failed/)

      const first = await trustAndLogin(s, { credentialId: credential.id }, server)
      s.sessions.close(first.id)
      const chunks: Buffer[] = []
      const result = await s.sessions.exec(
        target,
        'head -c 1000000 /dev/zero; echo done >&2; exit 3',
        {
          onStdout: (c) => chunks.push(c),
        },
      )
      expect(result).toMatchObject({ code: 3, stdoutBytes: 1_000_000 })
      expect(result.stderr).toBe('done\n')
      expect(Buffer.concat(chunks).every((b) => b === 0)).toBe(true)
      expect(result.hostKeyFingerprint).toBe(server.fingerprints()['ssh-ed25519'])
    })
  },
)
