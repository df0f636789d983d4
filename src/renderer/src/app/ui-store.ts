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
}

let nextNoticeId = 1

/** UI-only state of the shell; anything the host owns lives in react-query instead. */
export const useShell = create<ShellState>((set) => ({
  paletteOpen: false,
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  notices: [],
  notify: (tone, text, action) =>
    set((s) => ({
      notices: [
        ...s.notices.slice(-3),
        action ? { id: nextNoticeId++, tone, text, action } : { id: nextNoticeId++, tone, text },
      ],
    })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}))
