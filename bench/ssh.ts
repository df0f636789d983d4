/**
 * SSH figures against a real sshd on loopback (needs root, like the integration tests):
 *  (b) keystroke echo latency p50/p99 through the app's layers (WebSocket RPC → session service
 *      → output pump → event) beside bare ssh2 on the same server;
 *  (c) `cat` of 1 GiB through the session service's exec beside the OpenSSH client.
 * Run with `npm run bench:ssh`.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, type ClientChannel } from 'ssh2'
import WebSocket from 'ws'
import { contract } from '../src/shared/contract'
import type { Channel } from '../src/shared/rpc/channel'
import { createRpcClient } from '../src/shared/rpc/client'
import { startHeadlessHost } from '../src/main/headless/host'
import { createServices } from '../src/main/services'
import { makeClientKey } from '../src/main/testing/ssh-fixtures'
import { TEST_USER, canRunSshd, startSshd, testUserHome } from '../src/main/testing/sshd'
import { benchPorts } from './host-ports'
import { median, ms, percentile, printTable } from './stats'

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400)
const CAT_BYTES = Number(process.env.BENCH_CAT_BYTES ?? 1024 ** 3)
const CAT_RUNS = 3

function wsChannel(url: string, origin: string): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { Origin: origin } })
    const listeners = new Set<(m: unknown) => void>()
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as unknown
      for (const l of listeners) l(message)
    })
    ws.once('open', () =>
      resolve({
        send: (m) => ws.send(JSON.stringify(m)),
        onMessage: (l) => {
          listeners.add(l)
          return () => listeners.delete(l)
        },
      }),
    )
    ws.once('error', reject)
  })
}

/** Sends one printable char at a time and waits for its echo; returns per-key latencies. */
async function echoLatencies(
  write: (data: string) => void,
  subscribe: (listener: (data: string) => void) => void,
): Promise<number[]> {
  let received = ''
  let waiting: { char: string; resolve: () => void } | null = null
  subscribe((data) => {
    received += data
    if (waiting && received.includes(waiting.char)) {
      const done = waiting.resolve
      waiting = null
      done()
    }
  })
  const latencies: number[] = []
  for (let i = 0; i < KEYSTROKES; i++) {
    // Letters cycle so each echo is recognisable; the line is cleared now and then.
    const char = String.fromCharCode(97 + (i % 26))
    received = ''
    const started = performance.now()
    await new Promise<void>((resolve) => {
      waiting = { char, resolve }
      write(char)
    })
    latencies.push(performance.now() - started)
    if (i % 50 === 49) {
      write('\u0015') // Ctrl-U: clear the line so it never wraps
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return latencies
}

async function main(): Promise<void> {
  const reason = canRunSshd()
  if (reason) throw new Error(`bench:ssh needs a local sshd: ${reason}`)
  const root = mkdtempSync(join(tmpdir(), 'switchboard-bench-ssh-'))
  const sshd = await startSshd()
  const key = makeClientKey(root, 'bench-key')
  sshd.authorize(key.publicKey)
  const bigFile = join(testUserHome(TEST_USER), `switchboard-bench-${sshd.port}.bin`)
  try {
    // ---- (b) keystroke echo: the app's layers ----
    const dataDir = join(root, 'data')
    const host = await startHeadlessHost({
      ports: benchPorts(dataDir),
      rendererDir: root,
      port: 0,
      token: 'bench',
    })
    const origin = `http://127.0.0.1:${host.port}`
    const channel = await wsChannel(`ws://127.0.0.1:${host.port}/rpc?token=bench`, origin)
    const { client } = createRpcClient(contract, channel)
    await client.vault.setup({ protection: 'passphrase', passphrase: 'bench passphrase' })
    const credential = await client.credentials.create({
      name: 'bench',
      username: TEST_USER,
      secret: { kind: 'private-key', privateKey: key.privateKey },
    })
    const target = {
      host: sshd.host,
      port: sshd.port,
      username: TEST_USER,
      credentialId: credential.id,
      useAgent: false,
    }
    const ready = new Promise<string>((resolve) => {
      client.sessions.onEvent({}, (event) => {
        if (event.type === 'host-key')
          void client.sessions.answerHostKey({ id: event.sessionId, decision: 'accept-and-save' })
        if (event.type === 'state' && event.session.state === 'connected') resolve(event.session.id)
      })
    })
    await client.sessions.open({ target, cols: 200, rows: 50 })
    const sessionId = await ready
    let appSubscribe: ((data: string) => void) | null = null
    client.sessions.onData({ id: sessionId }, ({ data }) => {
      appSubscribe?.(data)
      void client.sessions.ack({ id: sessionId, chars: data.length })
    })
    await new Promise((r) => setTimeout(r, 500)) // let the login banner and prompt pass
    const appLatencies = await echoLatencies(
      (data) => void client.sessions.write({ id: sessionId, data }),
      (listener) => (appSubscribe = listener),
    )
    await client.sessions.close({ id: sessionId })

    // ---- (b) reference: bare ssh2 shell ----
    const bare = new Client()
    await new Promise<void>((resolve, reject) => {
      bare.once('ready', () => resolve()).once('error', reject)
      bare.connect({
        host: sshd.host,
        port: sshd.port,
        username: TEST_USER,
        privateKey: key.privateKey,
        hostVerifier: () => true,
      })
    })
    bare.setNoDelay(true) // as the session service does for interactive sessions
    const stream = await new Promise<ClientChannel>((resolve, reject) =>
      bare.shell({ term: 'xterm-256color', cols: 200, rows: 50 }, (e, s) =>
        e ? reject(e) : resolve(s),
      ),
    )
    let bareListener: ((data: string) => void) | null = null
    stream.on('data', (chunk: Buffer) => bareListener?.(chunk.toString('utf8')))
    await new Promise((r) => setTimeout(r, 500))
    const bareLatencies = await echoLatencies(
      (data) => stream.write(data),
      (listener) => (bareListener = listener),
    )
    bare.end()

    // ---- (c) exec cat 1 GiB ----
    execFileSync('truncate', ['-s', String(CAT_BYTES), bigFile])
    execFileSync('chown', [`${TEST_USER}:`, bigFile])
    const services = host.services
    const catTarget = {
      ...target,
      jumpHosts: [],
      agentForwarding: false,
      credentialId: credential.id,
    }
    const serviceRuns: number[] = []
    const opensshRuns: number[] = []
    const knownHostsFile = join(root, 'known_hosts')
    writeFileSync(
      knownHostsFile,
      `[${sshd.host}]:${sshd.port} ${execFileSync('cat', [`${sshd.dir}/host_ed25519_0.pub`])
        .toString()
        .split(' ')
        .slice(0, 2)
        .join(' ')}\n`,
    )
    for (let i = 0; i < CAT_RUNS; i++) {
      let started = performance.now()
      const result = await services.sessions.exec(catTarget, `cat ${bigFile}`)
      if (result.stdoutBytes !== CAT_BYTES)
        throw new Error(`exec cat delivered ${result.stdoutBytes} bytes`)
      serviceRuns.push(performance.now() - started)

      started = performance.now()
      await new Promise<void>((resolve, reject) => {
        const ssh = spawn(
          'ssh',
          [
            '-p',
            String(sshd.port),
            '-i',
            key.path,
            '-o',
            'BatchMode=yes',
            '-o',
            `UserKnownHostsFile=${knownHostsFile}`,
            '-o',
            'StrictHostKeyChecking=yes',
            '-o',
            'Ciphers=aes128-gcm@openssh.com',
            `${TEST_USER}@${sshd.host}`,
            `cat ${bigFile}`,
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        )
        ssh.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`ssh exited ${code}`)),
        )
      })
      opensshRuns.push(performance.now() - started)
    }
    channel.send({ t: 'unsub', id: 0 })
    await host.close()
    void createServices

    const gib = CAT_BYTES / 1024 ** 3
    const rate = (runMs: number) => `${(CAT_BYTES / 1024 ** 2 / (runMs / 1000)).toFixed(0)} MiB/s`
    const appP99 = percentile(appLatencies, 99)
    const bareP99 = percentile(bareLatencies, 99)
    console.log(
      `\nSwitchboard SSH, against OpenSSH sshd on 127.0.0.1 (${KEYSTROKES} keystrokes; cat ${gib} GiB × ${CAT_RUNS})\n`,
    )
    printTable([
      ['figure', 'Switchboard', 'reference', 'result'],
      [
        'keystroke echo p50',
        ms(percentile(appLatencies, 50)),
        `${ms(percentile(bareLatencies, 50))} (bare ssh2)`,
        `+${ms(percentile(appLatencies, 50) - percentile(bareLatencies, 50))}`,
      ],
      [
        'keystroke echo p99',
        ms(appP99),
        `${ms(bareP99)} (bare ssh2)`,
        `+${ms(appP99 - bareP99)} (goal ≤ +2 ms)`,
      ],
      [
        'exec cat 1 GiB',
        rate(median(serviceRuns)),
        `${rate(median(opensshRuns))} (OpenSSH ssh)`,
        `${(median(opensshRuns) / median(serviceRuns)).toFixed(2)}× (goal ≥ 0.8×)`,
      ],
    ])
  } finally {
    rmSync(bigFile, { force: true })
    await sshd.stop()
    rmSync(root, { recursive: true, force: true })
  }
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
