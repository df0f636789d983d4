import type { QueryClient } from '@tanstack/react-query'
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SessionSummary, SwitchboardClient } from '@shared/contract'
import type { Unsubscribe } from '@shared/rpc/define'
import {
  followSessionEvents,
  isSessionOver,
  sessionKeys,
  storeSessionSummary,
  type SessionQuestion,
} from '../../api/sessions'
import { openApprovedLink } from '../../api/links'
import { useShell } from '../../app/ui-store'
import { checkPaste } from './paste-safety'
import type { SessionPlan } from './quick-connect'
import type { RemoteTerminal } from './remote-terminal'
import { DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE } from './terminal-fonts'

export type SessionsView = 'terminals' | 'recordings' | 'known-hosts' | 'credentials'

export interface TerminalTab {
  /** Stable for the tab's life; the session id changes on Reconnect. */
  key: string
  sessionId: string | null
  title: string
  /** Set when `sessions.open` itself was refused (the session never existed). */
  openError: string | null
}

export interface HubState {
  view: SessionsView
  tabs: TerminalTab[]
  /** Tab keys shown side by side: one, or two when split. */
  panes: string[]
  focusedPane: number
  questions: SessionQuestion[]
  findOpen: string[]
  /** Bumped by every Ctrl+Shift+F, so an open find bar takes focus again. */
  findRequest: number
  /** Pasted text waiting for the technician's yes, with the host's bracketed paste then. */
  pasteRequest: { key: string; text: string; bracketed: boolean } | null
  fontSize: number
}

/** A session opened for a ticket that has closed: its work can become a time entry. */
export interface TicketSessionEnd {
  session: SessionSummary
  ticketId: string
}

let nextTabNumber = 1

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The terminals of one window and everything they share. It lives as long as the window, not
 * as long as the Sessions page, so scrollback, output and pending questions survive a visit to
 * another section; React views read its store and attach its terminals to their containers.
 */
export class TerminalHub {
  readonly store: StoreApi<HubState>
  private readonly terminals = new Map<string, RemoteTerminal>()
  /** Session id -> ticket id, for sessions this window opened for a ticket and still open. */
  private readonly ticketSessions = new Map<string, string>()
  private readonly ticketSessionEndListeners = new Set<(end: TicketSessionEnd) => void>()

  constructor(
    private readonly rpc: SwitchboardClient,
    private readonly queryClient: QueryClient,
  ) {
    this.store = createStore<HubState>(() => ({
      view: 'terminals',
      tabs: [],
      panes: [],
      focusedPane: 0,
      questions: [],
      findOpen: [],
      findRequest: 0,
      pasteRequest: null,
      fontSize: DEFAULT_FONT_SIZE,
    }))
    followSessionEvents(rpc, queryClient, {
      onQuestion: (question) => this.onQuestion(question),
      onState: (session) => this.onState(session),
    })
    this.followTheme()
  }

  private get state(): HubState {
    return this.store.getState()
  }

  private set(patch: Partial<HubState>): void {
    this.store.setState(patch)
  }

  terminal(key: string): RemoteTerminal | undefined {
    return this.terminals.get(key)
  }

  setView(view: SessionsView): void {
    this.set({ view })
  }

  /** Opens a tab at once and the session as soon as the tab knows its size. */
  async connect(plan: SessionPlan): Promise<void> {
    const key = `tab-${nextTabNumber++}`
    const terminal = await this.createTerminal(key)
    const tab: TerminalTab = {
      key,
      sessionId: null,
      title: this.uniqueTitle(plan.title),
      openError: null,
    }
    this.set({ tabs: [...this.state.tabs, tab], view: 'terminals' })
    this.show(key)
    terminal.note(`Connecting to ${plan.title}…`)
    const size = await terminal.sized()
    if (!this.terminals.has(key)) return
    try {
      const session = await this.rpc.sessions.open({ ...plan.request, ...size })
      storeSessionSummary(this.queryClient, session)
      // Main's word on the ticket, as on reconnect: it checked the ticket concerns the device.
      if (session.ticketId) this.ticketSessions.set(session.id, session.ticketId)
      if (!this.terminals.has(key)) {
        // Closed while opening: the session must not linger in main.
        await this.rpc.sessions.close({ id: session.id })
        return
      }
      terminal.bind(session.id, size)
      this.patchTab(key, { sessionId: session.id })
    } catch (error) {
      this.patchTab(key, { openError: messageOf(error) })
    }
  }

  /** A new session to the same target, in the same tab and scrollback. */
  async reconnect(key: string): Promise<void> {
    const terminal = this.terminals.get(key)
    const tab = this.state.tabs.find((t) => t.key === key)
    if (!terminal || !tab?.sessionId) return
    const size = terminal.size
    try {
      const session = await this.rpc.sessions.reconnect({ id: tab.sessionId, ...size })
      storeSessionSummary(this.queryClient, session)
      if (session.ticketId) this.ticketSessions.set(session.id, session.ticketId)
      terminal.note('— reconnecting —')
      terminal.bind(session.id, size)
      this.patchTab(key, { sessionId: session.id, openError: null })
      terminal.focus()
    } catch (error) {
      useShell.getState().notify('error', `Could not reconnect: ${messageOf(error)}`)
    }
  }

  closeTab(key: string): void {
    const tab = this.state.tabs.find((t) => t.key === key)
    const terminal = this.terminals.get(key)
    this.terminals.delete(key)
    terminal?.dispose()
    if (tab?.sessionId && !this.isOver(tab.sessionId)) {
      this.rpc.sessions.close({ id: tab.sessionId }).catch(() => undefined)
    }
    const tabs = this.state.tabs.filter((t) => t.key !== key)
    const index = this.state.tabs.findIndex((t) => t.key === key)
    let panes = this.state.panes.filter((p) => p !== key)
    if (panes.length === 0 && tabs.length > 0) {
      const neighbour = tabs[Math.min(index, tabs.length - 1)]
      panes = neighbour ? [neighbour.key] : []
    }
    this.set({
      tabs,
      panes,
      focusedPane: Math.min(this.state.focusedPane, Math.max(panes.length - 1, 0)),
      findOpen: this.state.findOpen.filter((k) => k !== key),
      pasteRequest: this.state.pasteRequest?.key === key ? null : this.state.pasteRequest,
    })
    this.focusActive()
  }

  /** Shows a tab: focuses its pane if visible, else puts it in the focused pane. */
  show(key: string): void {
    const { panes, focusedPane } = this.state
    const visibleAt = panes.indexOf(key)
    if (visibleAt >= 0) {
      this.set({ focusedPane: visibleAt })
    } else if (panes.length === 0) {
      this.set({ panes: [key], focusedPane: 0 })
    } else {
      const next = [...panes]
      next[focusedPane] = key
      this.set({ panes: next })
    }
    this.focusActive()
  }

  focusPane(index: number): void {
    if (index !== this.state.focusedPane) this.set({ focusedPane: index })
  }

  /** Ctrl+Tab / Ctrl+Shift+Tab. */
  cycle(step: 1 | -1): void {
    const { tabs } = this.state
    if (tabs.length === 0) return
    const current = tabs.findIndex((t) => t.key === this.activeKey())
    const next = tabs[(current + step + tabs.length) % tabs.length]
    if (next) this.show(next.key)
  }

  /** Shows `key` beside the active tab (or the active tab beside the next one). */
  split(key: string): void {
    const active = this.activeKey()
    const { tabs } = this.state
    if (key !== active && active) {
      this.set({ panes: [active, key], focusedPane: 1 })
    } else {
      const other = tabs.find((t) => t.key !== key)
      if (other) this.set({ panes: [key, other.key], focusedPane: 0 })
    }
    this.focusActive()
  }

  unsplit(): void {
    const active = this.activeKey()
    if (active) this.set({ panes: [active], focusedPane: 0 })
    this.focusActive()
  }

  activeKey(): string | null {
    const { panes, focusedPane } = this.state
    return panes[focusedPane] ?? null
  }

  answered(question: SessionQuestion): void {
    this.set({ questions: this.state.questions.filter((q) => q !== question) })
  }

  openFind(key: string): void {
    const { findOpen, findRequest } = this.state
    this.set({
      findOpen: findOpen.includes(key) ? findOpen : [...findOpen, key],
      findRequest: findRequest + 1,
    })
  }

  closeFind(key: string): void {
    this.terminals.get(key)?.search.clearDecorations()
    this.set({ findOpen: this.state.findOpen.filter((k) => k !== key) })
    this.terminals.get(key)?.focus()
  }

  /** `null` cancels; `runLines` sends line breaks as Enter where bracketed paste is off. */
  resolvePaste(choice: { runLines: boolean } | null): void {
    const request = this.state.pasteRequest
    this.set({ pasteRequest: null })
    if (!request) return
    const terminal = this.terminals.get(request.key)
    if (choice) terminal?.paste(request.text, choice)
    requestAnimationFrame(() => terminal?.focus())
  }

  zoom(step: 1 | -1 | 0): void {
    const size =
      step === 0
        ? DEFAULT_FONT_SIZE
        : Math.min(MAX_FONT_SIZE, Math.max(MIN_FONT_SIZE, this.state.fontSize + step))
    this.set({ fontSize: size })
    for (const terminal of this.terminals.values()) terminal.setFontSize(size)
  }

  focusActive(): void {
    const key = this.activeKey()
    // After React has shown the pane the terminal is moving into.
    if (key) requestAnimationFrame(() => this.terminals.get(key)?.focus())
  }

  /** Opens a link only once main's allowlist approved it; refusals are shown, not swallowed. */
  openLink(url: string): void {
    openApprovedLink(this.rpc, url)
  }

  private async createTerminal(key: string): Promise<RemoteTerminal> {
    // xterm.js is fetched with the first terminal, not with the first screen (preloadTerminal).
    const { RemoteTerminal } = await import('./remote-terminal')
    const terminal = new RemoteTerminal({
      rpc: this.rpc,
      openLink: (url) => this.openLink(url),
      notify: (tone, text) => useShell.getState().notify(tone, text),
      paste: (text) => this.requestPaste(key, text),
      zoom: (step) => this.zoom(step),
    })
    terminal.setFontSize(this.state.fontSize)
    this.terminals.set(key, terminal)
    return terminal
  }

  private requestPaste(key: string, text: string): void {
    const terminal = this.terminals.get(key)
    if (!terminal) return
    // Text that could act as a key (a line break is Enter) is shown to the technician first.
    const bracketed = terminal.bracketedPaste
    if (checkPaste(text, bracketed).reasons.length > 0) {
      this.set({ pasteRequest: { key, text, bracketed } })
    } else {
      terminal.paste(text, { runLines: false })
    }
  }

  /** Two tabs to one host get (2), (3): their buttons need names that tell them apart. */
  private uniqueTitle(title: string): string {
    const taken = new Set(this.state.tabs.map((t) => t.title))
    let candidate = title
    for (let n = 2; taken.has(candidate); n++) candidate = `${title} (${n})`
    return candidate
  }

  private patchTab(key: string, patch: Partial<TerminalTab>): void {
    this.set({ tabs: this.state.tabs.map((t) => (t.key === key ? { ...t, ...patch } : t)) })
  }

  private isOver(sessionId: string): boolean {
    const data = this.queryClient.getQueryData<{ sessions: SessionSummary[] }>(sessionKeys.list)
    const session = data?.sessions.find((s) => s.id === sessionId)
    return session ? isSessionOver(session.state) : false
  }

  private onQuestion(question: SessionQuestion): void {
    // Only sessions of this window's tabs: another window (or browser tab) answers its own.
    if (!this.state.tabs.some((t) => t.sessionId === question.sessionId)) return
    this.set({ questions: [...this.state.questions, question] })
  }

  /**
   * Calls `listener` when a session this window opened for a ticket closes (not when it never
   * connected), even after its tab was closed: the tickets feature proposes a time entry then.
   */
  onTicketSessionEnd(listener: (end: TicketSessionEnd) => void): Unsubscribe {
    this.ticketSessionEndListeners.add(listener)
    return () => this.ticketSessionEndListeners.delete(listener)
  }

  private onState(session: SessionSummary): void {
    if (!isSessionOver(session.state)) return
    const ticketId = this.ticketSessions.get(session.id)
    if (ticketId !== undefined) {
      this.ticketSessions.delete(session.id)
      if (session.state === 'closed') {
        for (const listener of this.ticketSessionEndListeners) listener({ session, ticketId })
      }
    }
    // Main refuses whatever was still waiting; a changed host key stays up until read.
    const stillRelevant = (q: SessionQuestion): boolean =>
      q.sessionId !== session.id || (q.type === 'host-key' && q.status === 'changed')
    const questions = this.state.questions.filter(stillRelevant)
    if (questions.length !== this.state.questions.length) this.set({ questions })
  }

  private followTheme(): void {
    new MutationObserver(() => {
      for (const terminal of this.terminals.values()) terminal.applyTheme()
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
  }
}

const hubs = new WeakMap<SwitchboardClient, TerminalHub>()

/** The window's hub for this client, made on first use. */
export function hubFor(rpc: SwitchboardClient, queryClient: QueryClient): TerminalHub {
  let hub = hubs.get(rpc)
  if (!hub) {
    hub = new TerminalHub(rpc, queryClient)
    hubs.set(rpc, hub)
  }
  return hub
}
