import { FitAddon } from '@xterm/addon-fit'
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search'
import { WebLinksAddon } from '@xterm/addon-web-links'
import type { Terminal } from '@xterm/xterm'
import type { SwitchboardClient } from '@shared/contract'
import type { Unsubscribe } from '@shared/rpc/define'
import { OutputPacer } from './output-pacer'
import { encodePaste } from './paste-safety'
import {
  createSecureTerminal,
  linkBehaviour,
  loadWebglIfPreferred,
  readTerminalTheme,
} from './xterm-setup'

/**
 * Acknowledge rendered output in batches: one ack per this many bytes, or when output idles.
 * Half of main's smallest resume margin (256 KB): main hears in time, with few messages.
 */
const ACK_BATCH_BYTES = 128 * 1024
const ACK_IDLE_MS = 40
const RESIZE_DEBOUNCE_MS = 120
/** The contract caps one write at 1 MiB; big pastes go in slices well under it. */
const WRITE_SLICE_CHARS = 256 * 1024

export interface TerminalSize {
  cols: number
  rows: number
}

/** What a terminal asks of the hub that owns it. */
export interface RemoteTerminalHost {
  rpc: SwitchboardClient
  openLink(url: string): void
  notify(tone: 'info' | 'error', text: string): void
  /** Pasted, dropped or right-click text; the hub asks first when it could act as keys. */
  paste(text: string): void
  zoom(step: 1 | -1 | 0): void
}

type KeyAction = 'copy' | 'paste' | 'zoom-in' | 'zoom-out' | 'zoom-reset' | 'to-app'

/** Keys the terminal leaves to the app (or handles itself) instead of sending them to the host. */
function keyAction(e: KeyboardEvent): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey
  if (mod && e.shiftKey && !e.altKey) {
    if (e.code === 'KeyC') return 'copy'
    if (e.code === 'KeyV') return 'paste'
    // New tab and find belong to the page, which knows which tab is active.
    if (e.code === 'KeyF' || e.code === 'KeyT') return 'to-app'
  }
  if (mod && !e.altKey) {
    if (e.key === '=' || e.key === '+') return 'zoom-in'
    if (e.key === '-' && !e.shiftKey) return 'zoom-out'
    if (e.key === '0' && !e.shiftKey) return 'zoom-reset'
    if (e.key === 'Tab' || e.key === '.') return 'to-app'
  }
  // Alt+1…5 switch sections; a shell's digit-argument is the smaller loss.
  if (e.altKey && !mod && /^Digit[1-5]$/.test(e.code)) return 'to-app'
  return null
}

/** Output of one session into the terminal, acknowledged in batches as xterm.js draws it. */
class SessionBinding {
  private unacked = 0
  private ackTimer: ReturnType<typeof setTimeout> | null = null
  private input = ''
  private inputQueued = false
  private readonly output: OutputPacer
  private readonly stopData: Unsubscribe

  constructor(
    readonly sessionId: string,
    private readonly rpc: SwitchboardClient,
    term: Terminal,
    public remoteSize: TerminalSize,
  ) {
    this.output = new OutputPacer(
      (data, parsed) => term.write(data, parsed),
      (bytes) => this.rendered(bytes),
    )
    this.stopData = rpc.sessions.onData({ id: sessionId }, ({ data }) => this.output.push(data))
  }

  /**
   * Keystrokes of one event (an IME commit, a key repeat burst) travel as one call. A microtask
   * rather than an animation frame: waiting for a frame would add up to 16 ms to every key.
   */
  send(data: string): void {
    this.input += data
    if (this.inputQueued) return
    this.inputQueued = true
    queueMicrotask(() => this.flushInput())
  }

  dispose(): void {
    this.stopData()
    // Output that already arrived is still shown, above whatever the next session writes.
    this.output.flush()
    if (this.ackTimer) clearTimeout(this.ackTimer)
    this.input = ''
  }

  private rendered(bytes: number): void {
    this.unacked += bytes
    if (this.unacked >= ACK_BATCH_BYTES) this.flushAck()
    else this.ackTimer ??= setTimeout(() => this.flushAck(), ACK_IDLE_MS)
  }

  private flushAck(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer)
    this.ackTimer = null
    const bytes = this.unacked
    this.unacked = 0
    // A session that ended no longer needs acks; its errors mean nothing to the technician.
    if (bytes > 0) this.rpc.sessions.ack({ id: this.sessionId, bytes }).catch(() => undefined)
  }

  private flushInput(): void {
    this.inputQueued = false
    const data = this.input
    this.input = ''
    for (let at = 0; at < data.length; at += WRITE_SLICE_CHARS) {
      const slice = data.slice(at, at + WRITE_SLICE_CHARS)
      // Typing into a session that is still logging in or has ended goes nowhere, quietly.
      this.rpc.sessions.write({ id: this.sessionId, data: slice }).catch(() => undefined)
    }
  }
}

/**
 * One terminal tab: an xterm.js instance that outlives the React view showing it (moving
 * between sections keeps its scrollback), bound to one session at a time (Reconnect rebinds).
 */
export class RemoteTerminal {
  readonly element = document.createElement('div')
  private readonly term: Terminal
  private readonly fitAddon = new FitAddon()
  private readonly searchAddon = new SearchAddon({ highlightLimit: 2000 })
  private binding: SessionBinding | null = null
  private opened = false
  private observer: ResizeObserver | null = null
  private fitFrame: number | null = null
  private resizeTimer: ReturnType<typeof setTimeout> | null = null
  private firstSize: Promise<TerminalSize>
  private resolveFirstSize: (size: TerminalSize) => void = () => undefined

  constructor(private readonly host: RemoteTerminalHost) {
    this.element.className = 'term-host'
    this.firstSize = new Promise((resolve) => (this.resolveFirstSize = resolve))
    this.term = createSecureTerminal((url) => host.openLink(url))
    this.term.loadAddon(this.fitAddon)
    this.term.loadAddon(this.searchAddon)
    const links = linkBehaviour(this.term, (url) => host.openLink(url))
    this.term.loadAddon(
      new WebLinksAddon(links.activate, { hover: links.hover, leave: links.leave }),
    )
    this.term.attachCustomKeyEventHandler((e) => this.onKey(e))
    this.term.onData((data) => this.binding?.send(data))
    this.term.onResize(() => this.scheduleRemoteResize())
    // Capture, ahead of xterm.js's own handlers: its paste would send the text unchecked, and
    // a drop on its textarea would land there. Every paste route goes through the hub.
    this.element.addEventListener('paste', (e) => this.onPasteEvent(e), true)
    this.element.addEventListener('contextmenu', (e) => this.onContextMenu(e), true)
    this.element.addEventListener('dragover', (e) => this.onDragOver(e), true)
    this.element.addEventListener('drop', (e) => this.onDrop(e), true)
  }

  get size(): TerminalSize {
    return { cols: this.term.cols, rows: this.term.rows }
  }

  get search(): SearchAddon {
    return this.searchAddon
  }

  /** The size after the first fit, so a session opens at the size it will be shown. */
  sized(timeoutMs = 1000): Promise<TerminalSize> {
    const fallback = new Promise<TerminalSize>((resolve) =>
      setTimeout(() => resolve(this.size), timeoutMs),
    )
    return Promise.race([this.firstSize, fallback])
  }

  attach(container: HTMLElement): void {
    container.append(this.element)
    if (!this.opened) {
      this.opened = true
      this.term.open(this.element)
      void loadWebglIfPreferred(this.term)
    }
    this.observer = new ResizeObserver(() => this.scheduleFit())
    this.observer.observe(container)
    this.scheduleFit()
  }

  detach(): void {
    this.observer?.disconnect()
    this.observer = null
    this.element.remove()
  }

  bind(sessionId: string, remoteSize: TerminalSize): void {
    this.binding?.dispose()
    this.binding = new SessionBinding(sessionId, this.host.rpc, this.term, remoteSize)
    // The size may have changed while the session was being opened.
    this.scheduleRemoteResize()
  }

  focus(): void {
    this.term.focus()
  }

  /**
   * Writes a line of our own (not the host's) into the scrollback, in the palette's muted grey
   * (bright black): faint (SGR 2) would fall below the contrast every other line keeps.
   */
  note(text: string): void {
    const printable = Array.from(text)
      .filter((c) => c >= ' ' && c !== '\x7f')
      .join('')
    const atLineStart = this.term.buffer.active.cursorX === 0
    this.term.write(`${atLineStart ? '' : '\r\n'}\x1b[90m${printable}\x1b[0m\r\n`)
  }

  /** Whether the host has bracketed paste on (DECSET 2004) right now. */
  get bracketedPaste(): boolean {
    return this.term.modes.bracketedPasteMode
  }

  /**
   * Sends pasted text as paste-safety encodes it, by the host's mode at this moment (it may
   * have changed while the technician read the confirmation). Not term.paste: that sends the
   * text as it is, an embedded end-of-paste marker and all.
   */
  paste(text: string, how: { runLines: boolean }): void {
    const data = encodePaste(text, { bracketed: this.bracketedPaste, runLines: how.runLines })
    if (data) this.term.input(data, true)
    this.term.focus()
  }

  find(query: string, direction: 'next' | 'previous', options: ISearchOptions): boolean {
    if (!query) {
      this.searchAddon.clearDecorations()
      return false
    }
    const style = getComputedStyle(document.documentElement)
    const color = (name: string): string => style.getPropertyValue(name).trim()
    const searchOptions: ISearchOptions = {
      ...options,
      decorations: {
        matchBackground: color('--term-match'),
        matchOverviewRuler: color('--term-match'),
        activeMatchBackground: color('--term-match-active'),
        activeMatchColorOverviewRuler: color('--term-match-active'),
      },
    }
    return direction === 'next'
      ? this.searchAddon.findNext(query, searchOptions)
      : this.searchAddon.findPrevious(query, searchOptions)
  }

  setFontSize(size: number): void {
    this.term.options.fontSize = size
    this.scheduleFit()
  }

  applyTheme(): void {
    this.term.options.theme = readTerminalTheme()
  }

  dispose(): void {
    this.detach()
    this.binding?.dispose()
    this.binding = null
    if (this.fitFrame !== null) cancelAnimationFrame(this.fitFrame)
    if (this.resizeTimer) clearTimeout(this.resizeTimer)
    this.term.dispose()
  }

  private scheduleFit(): void {
    this.fitFrame ??= requestAnimationFrame(() => {
      this.fitFrame = null
      // Hidden (another page tab) or detached: a fit now would shrink the terminal to nothing.
      if (!this.element.isConnected || this.element.clientWidth === 0) return
      if (this.element.clientHeight === 0) return
      this.fitAddon.fit()
      this.resolveFirstSize(this.size)
    })
  }

  private scheduleRemoteResize(): void {
    if (this.resizeTimer) clearTimeout(this.resizeTimer)
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = null
      const binding = this.binding
      if (!binding) return
      const { cols, rows } = this.size
      if (binding.remoteSize.cols === cols && binding.remoteSize.rows === rows) return
      binding.remoteSize = { cols, rows }
      this.host.rpc.sessions.resize({ id: binding.sessionId, cols, rows }).catch(() => undefined)
    }, RESIZE_DEBOUNCE_MS)
  }

  private onKey(e: KeyboardEvent): boolean {
    // Ctrl+K is the shell's kill-line; the command palette must not take it from the terminal.
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.code === 'KeyK') {
      e.stopPropagation()
      return true
    }
    const action = keyAction(e)
    if (!action) return true
    if (e.type !== 'keydown' || action === 'to-app') return false
    // Ctrl+Shift+V is left to the browser, which fires the paste event handled below.
    if (action === 'paste') return false
    e.preventDefault()
    if (action === 'copy') void this.copySelection()
    else this.host.zoom(action === 'zoom-in' ? 1 : action === 'zoom-out' ? -1 : 0)
    return false
  }

  private async copySelection(): Promise<void> {
    const text = this.term.getSelection()
    if (!text) return
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      if (!copyWithCommand(text)) this.host.notify('error', 'The clipboard is not available here')
      this.term.focus()
    }
  }

  private onPasteEvent(event: ClipboardEvent): void {
    event.preventDefault()
    event.stopPropagation()
    const text = event.clipboardData?.getData('text/plain') ?? ''
    if (text) this.host.paste(text)
  }

  private onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('text/plain')) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
  }

  /** Dropped text is pasted (and checked) like any other, not typed into xterm's textarea. */
  private onDrop(event: DragEvent): void {
    event.preventDefault()
    event.stopPropagation()
    const text = event.dataTransfer?.getData('text/plain') ?? ''
    if (text) this.host.paste(text)
  }

  private onContextMenu(event: MouseEvent): void {
    event.preventDefault()
    event.stopPropagation()
    navigator.clipboard
      .readText()
      .then((text) => {
        if (text) this.host.paste(text)
      })
      .catch(() =>
        this.host.notify('info', 'Right-click paste needs clipboard access here; use Ctrl+Shift+V'),
      )
  }
}

/** The older clipboard path, for windows where the async clipboard API is refused. */
function copyWithCommand(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'term-copy-buffer'
  document.body.append(area)
  area.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
