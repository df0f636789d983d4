/**
 * Fuzzes the whole RPC surface of a real headless host, running as its own process as
 * `npm run web` starts it: for every contract method, inputs drawn from its schema and mutated,
 * plus envelopes wrong in every way, duplicate ids, wrong kinds and a subscription storm. Every
 * message that carries a usable id and is not a subscription must get exactly one reply, none
 * of them INTERNAL (bad input is the caller's error, named as such; INTERNAL means a handler
 * threw something it should have answered with a reason), and afterwards the process is still
 * there and a fresh connection is served.
 *
 * The seed is printed when the test fails; FUZZ_SEED=<seed> replays it, FUZZ_MESSAGES=<n>
 * changes the count.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import WebSocket from 'ws'
import { contract } from '../../shared/contract'
import { RPC_MESSAGE_MAX_BYTES } from '../../shared/rpc/limits'
import { flattenContract } from '../../shared/rpc/define'
import { RequestMessage, ResponseMessage } from '../../shared/rpc/envelope'
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../shared/rpc/server'
import { bundleHeadlessHost } from '../testing/headless-bundle'
import { startHeadlessChild, type HeadlessChild } from '../testing/headless-child'
import { passes, RpcFuzzer } from '../testing/rpc-fuzz'
import { connectRpc } from '../testing/ws-rpc-client'

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 2000)
/** Messages sent before waiting for their replies (so later inputs can use ids they returned). */
const BATCH = 25

/**
 * Methods whose valid input would reach past this process (an SSH connection to whatever host
 * the input names: only loopback may be touched here) or cost seconds of CPU (scrypt, the
 * 6,000-device sample): they only ever get input their own schema refuses.
 */
const REFUSED_INPUT_ONLY = new Set([
  'sessions.open',
  'sessions.reconnect',
  'inventory.collect',
  'vault.setup',
  'vault.unlock',
  'inventory.openSample',
])

const methods = flattenContract(contract)
const calls = [...methods].filter(([, spec]) => spec.kind === 'call').map(([name]) => name)
const events = [...methods].filter(([, spec]) => spec.kind === 'event').map(([name]) => name)

let workDir = ''
let host: HeadlessChild

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'switchboard-rpc-fuzz-'))
  const entry = await bundleHeadlessHost(join(workDir, 'host'))
  host = await startHeadlessChild(entry, join(workDir, 'data'))
}, 60_000)
afterAll(async () => {
  await host?.kill()
  rmSync(workDir, { recursive: true, force: true })
})

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** The id the server answers a message under (a valid call, or a malformed one with an id). */
function answeredId(message: unknown): number | undefined {
  const parsed = RequestMessage.safeParse(message)
  if (parsed.success) return parsed.data.t === 'call' ? parsed.data.id : undefined
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined
  const id = (message as { id?: unknown }).id
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined
}

/** A call as a problem report names it: method, whether its input is well-formed, the input. */
function describeCall(message: unknown): string {
  const parsed = RequestMessage.safeParse(message)
  if (!parsed.success || parsed.data.t === 'unsub') return 'a malformed message'
  const { method, input } = parsed.data
  const spec = methods.get(method)
  const wellFormed = spec !== undefined && passes(spec.input, input)
  const text = JSON.stringify(input) ?? 'undefined'
  const shown = text.length > 300 ? `${text.slice(0, 300)}…` : text
  return `${method} with ${wellFormed ? 'well-formed' : 'refused'} input ${shown}`
}

describe('RPC fuzzing against a real host', () => {
  it('answers every call exactly once and stays up', { timeout: 120_000 }, async () => {
    onTestFailed(() => {
      console.error(`rpc-fuzz failed with FUZZ_SEED=${SEED} FUZZ_MESSAGES=${MESSAGES}`)
    })
    const fuzz = new RpcFuzzer(SEED)
    const r = fuzz.random
    const ws = await open()
    const expected = new Map<number, number>()
    const replies = new Map<number, number>()
    /** What was sent under each call id, to name the call behind an INTERNAL reply. */
    const sentCalls = new Map<number, string[]>()
    const ended = new Map<number, string>()
    let outstanding = 0
    let wake: (() => void) | null = null
    const problems: string[] = []

    ws.on('message', (data: Buffer) => {
      const reply = ResponseMessage.safeParse(JSON.parse(data.toString('utf8')))
      if (!reply.success) {
        problems.push(`a reply that breaks the envelope: ${data.toString('utf8').slice(0, 200)}`)
        return
      }
      const message = reply.data
      if (message.t === 'end') {
        ended.set(message.id, message.error?.code ?? 'none')
        return
      }
      if (message.t === 'event') return
      if (message.t === 'ok') fuzz.learnIds(message.output)
      if (message.t === 'err' && message.error.code === 'INTERNAL') {
        const calls = sentCalls.get(message.id)?.join(' or ') ?? 'a malformed message'
        problems.push(`INTERNAL (${message.error.message}) for ${calls}`)
      }
      const seen = (replies.get(message.id) ?? 0) + 1
      replies.set(message.id, seen)
      if (seen > (expected.get(message.id) ?? 0)) {
        problems.push(`id ${message.id} was answered ${seen} times`)
        return
      }
      outstanding -= 1
      if (outstanding === 0) wake?.()
    })
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))

    const send = (message: unknown): void => {
      const id = answeredId(message)
      if (id !== undefined) {
        expected.set(id, (expected.get(id) ?? 0) + 1)
        outstanding += 1
        sentCalls.set(id, [...(sentCalls.get(id) ?? []), describeCall(message)])
      }
      ws.send(JSON.stringify(message))
    }
    const settled = (): Promise<void> =>
      outstanding === 0
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            wake = () => {
              wake = null
              resolve()
            }
            void closed.then((code) => reject(new Error(`the host closed the socket (${code})`)))
          })

    // Calls and malformed messages share ids at will; subscriptions keep to their own range.
    let nextCallId = 1_000_000
    let nextSubId = 5_000_000
    const inputFor = (method: string): unknown => {
      const spec = methods.get(method)
      if (!spec) throw new Error(`no spec for ${method}`)
      const input = fuzz.mutate(fuzz.fromSchema(spec.input))
      if (!REFUSED_INPUT_ONLY.has(method) || !passes(spec.input, input)) return input
      return 'an input no schema of these methods accepts'
    }

    let sent = 0
    let stormed = false
    while (sent < MESSAGES) {
      for (let b = 0; b < BATCH && sent < MESSAGES; b++, sent++) {
        const mode = r.weighted([
          ['call', 60],
          ['bad', 15],
          ['sub', 8],
          ['duplicate', 5],
          ['wrong-kind', 4],
          ['storm', 1],
          ['unsub', 3],
        ] as const)
        if (mode === 'call') {
          const method = r.pick(calls)
          send({ t: 'call', id: nextCallId++, method, input: inputFor(method) })
        } else if (mode === 'bad') {
          send(fuzz.badEnvelope([...methods.keys()]))
        } else if (mode === 'sub') {
          const method = r.pick(events)
          send({ t: 'sub', id: nextSubId++, method, input: inputFor(method) })
        } else if (mode === 'unsub') {
          send({ t: 'unsub', id: r.int(5_000_000, nextSubId) })
        } else if (mode === 'duplicate') {
          const method = r.pick(calls)
          const id = r.chance(0.5) ? nextCallId++ : r.int(1_000_000, nextCallId)
          send({ t: 'call', id, method, input: inputFor(method) })
          send({ t: 'call', id, method, input: inputFor(method) })
        } else if (mode === 'wrong-kind') {
          send({ t: 'call', id: nextCallId++, method: r.pick(events), input: {} })
          send({ t: 'sub', id: nextSubId++, method: r.pick(calls), input: {} })
        } else if (!stormed) {
          stormed = true
          const first = nextSubId
          for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
            send({ t: 'sub', id: nextSubId++, method: 'vault.onDidChangeStatus', input: {} })
          }
          await settled()
          for (let id = first; id < nextSubId; id++) send({ t: 'unsub', id })
        }
      }
      await settled()
      expect(problems, `seed ${SEED}`).toEqual([])
    }
    expect(stormed || MESSAGES < 500, `seed ${SEED}: the storm never ran`).toBe(true)
    if (stormed) expect([...ended.values()]).toContain('CONFLICT')
    for (const [id, count] of expected) {
      expect(replies.get(id) ?? 0, `seed ${SEED}: replies to id ${id}`).toBe(count)
    }
    ws.close()

    // Text that is not JSON, binary frames and messages over the size limit close only their
    // own connection.
    for (const bad of [
      '{not json',
      Buffer.from([1, 2, 3]),
      'x'.repeat(RPC_MESSAGE_MAX_BYTES + 1),
    ]) {
      const other = await open()
      const code = new Promise<number>((resolve) => other.once('close', (c) => resolve(c)))
      other.on('error', () => {})
      other.send(bad)
      expect([1003, 1007, 1009]).toContain(await code)
    }

    const after = await connectRpc(host.port, host.token)
    try {
      await expect(after.client.app.ping({ echo: 'still up' })).resolves.toMatchObject({
        echo: 'still up',
      })
      await expect(after.client.app.info()).resolves.toMatchObject({ mode: 'browser' })
    } finally {
      after.close()
    }
    expect(host.process.exitCode, host.stderr()).toBeNull()
    expect(host.process.signalCode).toBeNull()
  })
})
