import { create } from 'zustand'

/** A button on a notice, for the one thing to do about it. */
export interface NoticeAction {
  label: string
  run(): void
}

interface Notice {
  id: number
  tone: 'info' | 'error'
  text: string
  action?: NoticeAction
}

interface ShellState {
  paletteOpen: boolean
  setPaletteOpen(open: boolean): void
  notices: Notice[]
  notify(tone: Notice['tone'], text: string, action?: NoticeAction): void
  dismiss(id: number): void
  /** Keeps a notice up while the pointer or focus is on it (so it can be read or clicked). */
  hold(id: number): void
  /** Lets a held notice go away again, a full interval from now. */
  release(id: number): void
}

/**
 * How long a plain confirmation ("Exported 91 devices…") stays up. Errors and notices with an
 * action stay until dismissed: they ask for something, and would be missed behind a timer.
 */
export const NOTICE_VISIBLE_MS = 6000

/** The most notices on screen; older ones make way. */
const MAX_NOTICES = 4

let nextNoticeId = 1
const dismissTimers = new Map<number, ReturnType<typeof setTimeout>>()

const goesByItself = (notice: Notice): boolean => notice.tone === 'info' && !notice.action

/** UI-only state of the shell; anything the host owns lives in react-query instead. */
export const useShell = create<ShellState>((set, get) => {
  const stopTimer = (id: number): void => {
    clearTimeout(dismissTimers.get(id))
    dismissTimers.delete(id)
  }
  const startTimer = (id: number): void => {
    stopTimer(id)
    dismissTimers.set(
      id,
      setTimeout(() => get().dismiss(id), NOTICE_VISIBLE_MS),
    )
  }
  return {
    paletteOpen: false,
    setPaletteOpen: (open) => set({ paletteOpen: open }),
    notices: [],
    notify: (tone, text, action) => {
      const notice: Notice = action
        ? { id: nextNoticeId++, tone, text, action }
        : { id: nextNoticeId++, tone, text }
      const kept = get().notices.slice(1 - MAX_NOTICES)
      for (const old of get().notices) if (!kept.includes(old)) stopTimer(old.id)
      set({ notices: [...kept, notice] })
      if (goesByItself(notice)) startTimer(notice.id)
    },
    dismiss: (id) => {
      stopTimer(id)
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
    },
    hold: (id) => stopTimer(id),
    release: (id) => {
      const notice = get().notices.find((n) => n.id === id)
      if (notice && goesByItself(notice)) startTimer(id)
    },
  }
})
