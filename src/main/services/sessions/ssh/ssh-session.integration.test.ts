import { execFileSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  AuthPrompt,
  HostKeyQuestion,
  QuickConnectTarget,
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
  openDeviceSession,
  openTestSession,
  sessionServices,
  startAgent,
  storeTestPassword,
  testClient,
  testDevice,
  trustAndLogin as trustAndLoginTo,
  trustAndWait,
  watch,
} from '../../../testing/ssh-fixtures'
import { serveOverMemory } from '../../../testing/rpc-harness'
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
    const connect = (s: Services, target: Partial<QuickConnectTarget>, server = sshd) =>
      openTestSession(s, server, target)
    const trustAndLogin = (s: Services, target: Partial<QuickConnectTarget>, server = sshd) =>
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
          scope: { kind: 'global' },
          secret: { kind: 'private-key', privateKey: plain.privateKey },
        })
        const encCredential = s.vault.createCredential({
          name: 'e',
          username: TEST_USER,
          scope: { kind: 'global' },
          secret: {
            kind: 'private-key',
            privateKey: encrypted.privateKey,
            passphrase: 'key passphrase 1',
          },
        })
        const agentCredential = s.vault.createCredential({
          name: 'a',
          username: TEST_USER,
          scope: { kind: 'global' },
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

    it('forwards the agent only to a device it is turned on for, as stored, at open and reconnect', async () => {
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
          scope: { kind: 'global' },
          secret: { kind: 'agent' },
        })
        const client = testClient(s)
        const device = (hostname: string, sshAgentForwarding: boolean) =>
          testDevice(s, sshd, {
            clientId: client.id,
            hostname,
            credentialId: credential.id,
            sshAgentForwarding,
          }).id
        const trusted = device('jump-box', true)
        const other = device('front-desk', false)
        const agentExit = async (id: string) =>
          (await runs(s, id, 'ssh-add -l; echo "agent-exit=$?"', /agent-exit=(\d)/))[1]

        // The renderer names the device and nothing else; main knows it forwards.
        const forwarded = await trustAndWait(s, openDeviceSession(s, trusted))
        expect(forwarded.connected.state).toBe('connected')
        // The remote lists the key held by the agent on this side.
        const escaped = fingerprint.replace(/[+]/g, '\\+')
        const listed = await runs(
          s,
          forwarded.id,
          'ssh-add -l; echo "agent-exit=$?"',
          new RegExp(`${escaped}[^]*agent-exit=(\\d)`),
        )
        expect(listed[1]).toBe('0')

        // A device without the setting, and a quick connect, find no agent at all (2), not an
        // empty one (1).
        for (const opened of [
          openDeviceSession(s, other),
          openTestSession(s, sshd, { credentialId: credential.id }),
        ]) {
          expect((await opened.w.state(opened.id, ['connected', 'failed'])).state).toBe('connected')
          expect(await agentExit(opened.id)).toBe('2')
        }

        // Turned off on the device: its reconnect is resolved from the store again.
        s.sessions.close(forwarded.id)
        await forwarded.w.state(forwarded.id, ['closed'])
        s.inventory.updateDevice({ id: trusted, sshAgentForwarding: false })
        const again = s.sessions.reconnect(forwarded.id, 80, 24)
        expect((await forwarded.w.state(again.id, ['connected', 'failed'])).state).toBe('connected')
        expect(await agentExit(again.id)).toBe('2')
      } finally {
        agent.stop()
      }
    })

    it('opens a device session from the store alone: endpoint, user, credential, audit link', async () => {
      const elsewhere = await startSshd({ logLevel: 'DEBUG1' })
      servers.push(elsewhere)
      const s = await services()
      const credential = storeTestPassword(s)
      const client = testClient(s)
      const device = testDevice(s, sshd, {
        clientId: client.id,
        hostname: 'front-desk',
        credentialId: credential.id,
      })
      const { w, id, connected } = await trustAndWait(s, openDeviceSession(s, device.id))
      expect(connected).toMatchObject({
        state: 'connected',
        host: sshd.host,
        port: sshd.port,
        username: TEST_USER,
        title: `${TEST_USER}@front-desk`,
        deviceId: device.id,
      })
      await runs(s, id, 'echo from-store-$((40+2))', /from-store-42/)
      s.sessions.close(id)
      await w.state(id, ['closed'])
      const [entry] = s.audit.list({ limit: 10 }).filter((e) => e.action === 'session.ssh')
      expect(entry?.detail).toMatchObject({
        deviceId: device.id,
        address: `${sshd.host}:${sshd.port}`,
      })

      // Pointed elsewhere on the device, its reconnect goes there: main asks the store again.
      s.inventory.updateDevice({ id: device.id, sshPort: elsewhere.port })
      const moved = s.sessions.reconnect(id, 80, 24)
      expect(moved).toMatchObject({ port: elsewhere.port, deviceId: device.id })
      const question = await w.until(
        (e): e is HostKeyQuestion => isHostKey(e) && e.sessionId === moved.id,
      )
      expect(question.port).toBe(elsewhere.port)
      s.sessions.answerHostKey(moved.id, 'accept-once')
      expect((await w.state(moved.id, ['connected', 'failed'])).state).toBe('connected')

      // Only a device id and a size reach main: a host or forwarding beside it is refused,
      // and a quick connect has no forwarding to ask for.
      const { client: rpc } = serveOverMemory(s)
      const size = { cols: 80, rows: 24 }
      const quickTarget = { host: sshd.host, port: sshd.port, username: TEST_USER }
      for (const input of [
        { kind: 'device', deviceId: device.id, ...size, target: { ...quickTarget, port: 22 } },
        { kind: 'device', deviceId: device.id, ...size, agentForwarding: true },
        { kind: 'quick', target: { ...quickTarget, agentForwarding: true }, ...size },
      ]) {
        await expect(
          rpc.sessions.open(input as unknown as Parameters<typeof rpc.sessions.open>[0]),
        ).rejects.toEqual(expect.objectContaining({ code: 'BAD_REQUEST' }))
      }
      await expect(
        rpc.sessions.open({ kind: 'device', deviceId: 'no-such-device', cols: 80, rows: 24 }),
      ).rejects.toEqual(expect.objectContaining({ code: 'NOT_FOUND' }))
    })

    it('sends a credential only within its scope: its client’s devices, never another client or quick connect', async () => {
      const s = await services()
      const acme = testClient(s, 'Acme Dental')
      const beta = testClient(s, 'Beta Bakery')
      const acmeOnly = storeTestPassword(s, 'acme admin', { kind: 'client', clientId: acme.id })
      const acmeDevice = testDevice(s, sshd, {
        clientId: acme.id,
        hostname: 'acme-web',
        credentialId: acmeOnly.id,
      })
      const betaDevice = testDevice(s, sshd, {
        clientId: beta.id,
        hostname: 'beta-pos',
        credentialId: acmeOnly.id,
      })
      const logBefore = sshd.log().length

      // Refused at open, before anything connects, in words that say how to widen it.
      expect(() => openDeviceSession(s, betaDevice.id)).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message:
            'Credential “acme admin” is scoped to client Acme Dental, so it is not sent to ' +
            'beta-pos. To use it there, edit it under Sessions → Credentials and set its scope ' +
            'to Global or to beta-pos’s client.',
        }),
      )
      expect(() => openTestSession(s, sshd, { credentialId: acmeOnly.id })).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message: expect.stringMatching(
            /^Credential “acme admin” is scoped to client Acme Dental, and quick connect only uses global credentials/,
          ) as unknown,
        }),
      )
      // A jump host's credential too.
      expect(() =>
        openTestSession(s, sshd, {
          jumpHosts: [
            { host: sshd.host, port: sshd.port, username: TEST_USER, credentialId: acmeOnly.id },
          ],
        }),
      ).toThrow(expect.objectContaining({ code: 'forbidden' }))
      // Collection asks for it the same way, and is refused the same way.
      const failures: unknown[] = []
      const stop = s.inventory.collection.onProgress((event) => {
        if (event.type === 'device' && event.state === 'failed') failures.push(event.failure)
      })
      const run = s.inventory.collection.collect([betaDevice.id])
      expect(await run.finished).toMatchObject({ failed: 1 })
      stop()
      expect(failures).toEqual([
        {
          reason: 'credential-scope',
          message: expect.stringMatching(
            /^Credential “acme admin” is scoped to client Acme Dental, so it is not sent to beta-pos/,
          ) as unknown,
        },
      ])
      expect(sshd.log().slice(logBefore)).not.toMatch(/sbtest/)

      // Its own client's device logs in with it.
      const { connected } = await trustAndWait(s, openDeviceSession(s, acmeDevice.id))
      expect(connected.state).toBe('connected')

      // Widened to global, the same session to the other client's device works.
      s.vault.updateCredential({ id: acmeOnly.id, scope: { kind: 'global' } })
      const widened = openDeviceSession(s, betaDevice.id)
      expect((await widened.w.state(widened.id, ['connected', 'failed'])).state).toBe('connected')
    })

    it('links a device session only to a ticket that exists and concerns the device', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const acme = testClient(s, 'Acme Dental')
      const beta = testClient(s, 'Beta Bakery')
      const device = testDevice(s, sshd, {
        clientId: acme.id,
        hostname: 'acme-web',
        credentialId: credential.id,
      })
      const ticketFor = (clientId: string) =>
        s.tickets.create({
          clientId,
          deviceIds: [],
          subject: 'Disk full',
          description: '',
          type: 'incident',
          board: 'Service',
          impact: 'low',
          urgency: 'low',
        }).ticket
      const other = ticketFor(beta.id)
      expect(() => openDeviceSession(s, device.id, { ticketId: 'no-such-ticket' })).toThrow(
        expect.objectContaining({ code: 'not-found', message: 'No such ticket' }),
      )
      expect(() => openDeviceSession(s, device.id, { ticketId: other.id })).toThrow(
        expect.objectContaining({
          code: 'forbidden',
          message: expect.stringContaining(`not linked to it`) as unknown,
        }),
      )
      const own = ticketFor(acme.id)
      const { connected } = await trustAndWait(
        s,
        openDeviceSession(s, device.id, { ticketId: own.id }),
      )
      expect(connected).toMatchObject({ state: 'connected', ticketId: own.id, deviceId: device.id })
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
        scope: { kind: 'global' },
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
        kind: 'quick',
        target: {
          host: sshd.host,
          port: sshd.port,
          username: TEST_USER,
          credentialId: credential.id,
          jumpHosts: [
            { host: jump.host, port: jump.port, username: TEST_USER, credentialId: credential.id },
          ],
          useAgent: false,
        },
        cols: 80,
        rows: 24,
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

    it('sends output as bytes and records it as text, a character split between batches included', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { w, id } = await trustAndLogin(s, { credentialId: credential.id })
      const out = collectOutput(s, id)
      // The first byte of "€" goes out alone; the rest only once the test has seen it arrive, so
      // the character is split between two batches every time. No echo: a typed Enter would
      // land between the halves.
      const lead = out.nextBatch((batch) => batch.at(-1) === 0xe2)
      s.sessions.write(
        id,
        "stty -echo; printf 'split:\\342'; read -r _; printf '\\202\\254:done\\n'; stty echo\r",
      )
      await lead
      s.sessions.write(id, '\r')
      await out.waitFor(/split:€:done/)
      out.stop()
      const all = Buffer.concat(out.batches)
      expect(all.includes(Buffer.from('split:€:done', 'utf8'))).toBe(true)
      s.sessions.close(id)
      const closed = await w.state(id, ['closed'])
      if (!closed.recordingId) throw new Error('no recording')
      const { asciicast } = await s.recordings.get(closed.recordingId)
      const recorded = asciicast
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => (JSON.parse(l) as [number, string, string])[2])
        .join('')
      expect(recorded).toContain('split:€:done')
      expect(recorded).not.toContain('\ufffd')
    })

    it('carries output through RPC as bytes (structured clone, as over IPC), acknowledged in bytes', async () => {
      const s = await services()
      const credential = storeTestPassword(s)
      const { id } = await trustAndLogin(s, { credentialId: credential.id })
      const { client: rpc } = serveOverMemory(s)
      const decoder = new TextDecoder()
      let text = ''
      const arrived = new Promise<Uint8Array>((resolve) => {
        rpc.sessions.onData({ id }, ({ data }) => {
          text += decoder.decode(data, { stream: true })
          void rpc.sessions.ack({ id, bytes: data.length })
          if (text.includes('rpc-€-42')) resolve(data)
        })
      })
      await rpc.sessions.write({ id, data: 'echo "rpc-€-$((40+2))"\r' })
      expect(await arrived).toBeInstanceOf(Uint8Array)
      await expect(rpc.sessions.ack({ id, bytes: 3 })).resolves.toEqual({})
      await expect(
        rpc.sessions.ack({ id, chars: 3 } as unknown as { id: string; bytes: number }),
      ).rejects.toEqual(expect.objectContaining({ code: 'BAD_REQUEST' }))
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
        use: { kind: 'quick' } as const,
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
