import type { IpcMainEvent, WebContents } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { call, event } from '../../shared/rpc/define'
import { IPC_CHANNEL } from '../../shared/rpc/ipc-channel'
import { createRpcServer } from '../../shared/rpc/server'
import type { RpcContext } from '../handlers'
import { createIpcTransport, type IpcMainLike, type IpcTransport } from './ipc-transport'
import { createOriginPolicy } from './policy'

// Small stand-ins for ipcMain, webContents and frames: only what the transport reads. The
// RPC server behind them is the real one, with a two-method contract.

interface FakeFrame {
  processId: number
  routingId: number
  url: string
  parent: FakeFrame | null
  isDestroyed(): boolean
}

const frame = (routingId: number, url: string, parent: FakeFrame | null = null): FakeFrame => ({
  processId: 3,
  routingId,
  url,
  parent,
  isDestroyed: () => false,
})

class FakeContents {
  readonly sent: { channel: string; message: unknown }[] = []
  readonly mainFrame: FakeFrame
  destroyed = false
  private readonly listeners = new Map<string, (() => void)[]>()
  private waiters: (() => void)[] = []

  constructor(
    readonly id: number,
    url = 'app://switchboard/',
  ) {
    this.mainFrame = frame(1, url)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push({ channel, message })
    for (const wake of this.waiters.splice(0)) wake()
  }

  /** Resolves once `count` messages have been sent to this page. */
  async received(count: number): Promise<unknown[]> {
    while (this.sent.length < count) await new Promise<void>((r) => this.waiters.push(r))
    return this.sent.map((s) => s.message)
  }

  on(name: string, listener: () => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
    return this
  }

  once(name: string, listener: () => void): this {
    const wrapped = (): void => {
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== wrapped),
      )
      listener()
    }
    return this.on(name, wrapped)
  }

  emit(name: string): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener()
  }

  destroy(): void {
    this.destroyed = true
    this.emit('destroyed')
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents
  }
}

type Listener = (event: IpcMainEvent, message: unknown) => void

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Set<Listener>>()

  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? new Set()).add(listener))
    return this
  }

  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener)
    return this
  }

  /** A renderer sends on the app's channel from `senderFrame`. */
  send(contents: FakeContents, senderFrame: FakeFrame | null, message: unknown): void {
    const evt = { sender: contents, senderFrame } as unknown as IpcMainEvent
    for (const listener of this.listeners.get(IPC_CHANNEL) ?? []) listener(evt, message)
  }
}

const probe = {
  probe: {
    echo: call({
      doc: 'Echoes its input.',
      input: z.object({ v: z.string() }),
      output: z.object({ v: z.string() }),
    }),
    ticks: event({ doc: 'A stream of numbers.', input: z.object({}), data: z.number() }),
  },
}

const transports: IpcTransport[] = []
afterEach(() => {
  for (const t of transports.splice(0)) t.dispose()
})

function setup(devServerUrl?: string) {
  const ipcMain = new FakeIpcMain()
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const echo = vi.fn((input: { v: string }, _ctx: RpcContext) => ({ v: input.v }))
  const emitters = new Set<(n: number) => void>()
  const rpc = createRpcServer<typeof probe, RpcContext>({
    contract: probe,
    handlers: {
      probe: {
        echo,
        ticks: (_input, emit) => {
          emitters.add(emit)
          return () => emitters.delete(emit)
        },
      },
    },
    logger,
  })
  // What the app frees when a connection ends (a window's CSV uploads, say), by connection.
  const closed: RpcContext[] = []
  const transport = createIpcTransport({
    ipcMain,
    rpc,
    policy: createOriginPolicy(devServerUrl),
    logger,
    onConnectionClosed: (ctx) => closed.push(ctx),
  })
  transports.push(transport)
  return { ipcMain, logger, echo, emitters, transport, closed }
}

const echoCall = (id: number, v = 'hi') => ({ t: 'call', id, method: 'probe.echo', input: { v } })

describe('the IPC transport', () => {
  it("serves the main frame of an attached window showing the app's origin", async () => {
    const { ipcMain, echo, transport } = setup()
    const win = new FakeContents(7, 'app://switchboard/#/devices/1')
    transport.attach(win.asWebContents())

    ipcMain.send(win, win.mainFrame, echoCall(1))
    expect(echo).toHaveBeenCalledWith(
      { v: 'hi' },
      { connectionId: expect.stringMatching(/^7:/), transport: 'ipc' },
    )
    expect(await win.received(1)).toEqual([{ t: 'ok', id: 1, output: { v: 'hi' } }])
    expect(win.sent[0]?.channel).toBe(IPC_CHANNEL)
  })

  it('trusts the dev server origin only when the policy was built for it', async () => {
    const dev = setup('http://localhost:5173')
    const devWin = new FakeContents(1, 'http://localhost:5173/')
    dev.transport.attach(devWin.asWebContents())
    dev.ipcMain.send(devWin, devWin.mainFrame, echoCall(1))
    expect(dev.echo).toHaveBeenCalledTimes(1)

    const built = setup()
    const builtWin = new FakeContents(2, 'http://localhost:5173/')
    built.transport.attach(builtWin.asWebContents())
    built.ipcMain.send(builtWin, builtWin.mainFrame, echoCall(1))
    expect(built.echo).not.toHaveBeenCalled()
  })

  it('drops, without processing, messages from anything else and logs each kind once', async () => {
    const { ipcMain, echo, logger, transport } = setup()
    const win = new FakeContents(7)
    transport.attach(win.asWebContents())
    const stranger = new FakeContents(8)
    const evilWin = new FakeContents(9, 'https://evil.example/')
    transport.attach(evilWin.asWebContents())
    const lookalike = new FakeContents(10, 'app://switchboard.evil/')
    transport.attach(lookalike.asWebContents())

    const cases: [FakeContents, FakeFrame | null, RegExp][] = [
      [stranger, stranger.mainFrame, /not a Switchboard window/],
      [win, null, /frame is gone/],
      [win, frame(2, 'app://switchboard/', win.mainFrame), /subframe/],
      // A frame that claims to be top-level but is not this window's main frame.
      [win, frame(5, 'app://switchboard/'), /subframe/],
      [evilWin, evilWin.mainFrame, /https:\/\/evil\.example is not the app/],
      [lookalike, lookalike.mainFrame, /app:\/\/switchboard\.evil is not the app/],
    ]
    for (const [contents, senderFrame, reason] of cases) {
      ipcMain.send(contents, senderFrame, echoCall(1))
      ipcMain.send(contents, senderFrame, echoCall(2))
      expect(echo).not.toHaveBeenCalled()
      const logged = logger.warn.mock.calls.filter(([m]) => reason.test(String(m)))
      expect(logged, String(reason)).toHaveLength(1)
    }
    for (const contents of [win, stranger, evilWin, lookalike]) expect(contents.sent).toEqual([])

    // The window itself is still served afterwards.
    ipcMain.send(win, win.mainFrame, echoCall(3))
    expect(await win.received(1)).toEqual([{ t: 'ok', id: 3, output: { v: 'hi' } }])
  })

  it('gives each window its own connection', async () => {
    const { ipcMain, echo, transport } = setup()
    const a = new FakeContents(1)
    const b = new FakeContents(2)
    transport.attach(a.asWebContents())
    transport.attach(b.asWebContents())
    ipcMain.send(a, a.mainFrame, echoCall(1, 'a'))
    ipcMain.send(b, b.mainFrame, echoCall(1, 'b'))
    expect(await a.received(1)).toEqual([{ t: 'ok', id: 1, output: { v: 'a' } }])
    expect(await b.received(1)).toEqual([{ t: 'ok', id: 1, output: { v: 'b' } }])
    const [first, second] = echo.mock.calls.map(([, ctx]) => ctx.connectionId)
    expect(first).toMatch(/^1:/)
    expect(second).toMatch(/^2:/)
  })

  it('starts a fresh connection for a new document, ending the old subscriptions', async () => {
    const { ipcMain, emitters, transport } = setup()
    const win = new FakeContents(7)
    transport.attach(win.asWebContents())
    ipcMain.send(win, win.mainFrame, { t: 'sub', id: 1, method: 'probe.ticks', input: {} })
    expect(emitters.size).toBe(1)

    win.emit('did-navigate')
    expect(emitters.size).toBe(0)

    // The reloaded page's client numbers from 1 again; that must not clash.
    ipcMain.send(win, win.mainFrame, { t: 'sub', id: 1, method: 'probe.ticks', input: {} })
    expect(emitters.size).toBe(1)
    for (const emit of emitters) emit(42)
    expect(await win.received(1)).toEqual([{ t: 'event', id: 1, data: 42 }])
  })

  it('tells the app each time a connection ends, so what it held is freed', async () => {
    const { ipcMain, echo, transport, closed } = setup()
    const win = new FakeContents(7)
    const other = new FakeContents(8)
    transport.attach(win.asWebContents())
    transport.attach(other.asWebContents())
    const connectionOf = (contents: FakeContents, id: number): string => {
      ipcMain.send(contents, contents.mainFrame, echoCall(id))
      return echo.mock.calls.at(-1)?.[1].connectionId ?? ''
    }
    const first = connectionOf(win, 1)

    // A reload starts a new document: the old one's connection ends, and the new one is
    // another connection, which cannot reach what the old one held.
    win.emit('did-navigate')
    expect(closed).toEqual([{ connectionId: first, transport: 'ipc' }])
    const second = connectionOf(win, 1)
    expect(second).not.toBe(first)

    win.emit('render-process-gone')
    const third = connectionOf(win, 1)
    win.destroy()
    expect(closed.map((c) => c.connectionId)).toEqual([first, second, third])

    // The other window's connection ends with the app.
    const theirs = connectionOf(other, 1)
    transport.dispose()
    expect(closed.map((c) => c.connectionId)).toEqual([first, second, third, theirs])
  })

  it('never sends to a destroyed page and ends its subscriptions', async () => {
    const { ipcMain, emitters, logger, transport } = setup()
    const win = new FakeContents(7)
    transport.attach(win.asWebContents())
    ipcMain.send(win, win.mainFrame, { t: 'sub', id: 1, method: 'probe.ticks', input: {} })
    const [emit] = [...emitters]

    // Between the page going away and 'destroyed' arriving, events are dropped quietly:
    // webContents.send is not even tried (it would throw "Object has been destroyed").
    win.destroyed = true
    emit?.(1)
    expect(win.sent).toEqual([])
    expect(logger.warn).not.toHaveBeenCalled()

    win.emit('destroyed')
    expect(emitters.size).toBe(0)
  })

  it('stops listening and closes every connection on dispose', () => {
    const { ipcMain, emitters, transport } = setup()
    const win = new FakeContents(7)
    transport.attach(win.asWebContents())
    ipcMain.send(win, win.mainFrame, { t: 'sub', id: 1, method: 'probe.ticks', input: {} })
    expect(emitters.size).toBe(1)

    transport.dispose()
    expect(emitters.size).toBe(0)
    expect(ipcMain.listeners.get(IPC_CHANNEL)?.size).toBe(0)
  })
})
