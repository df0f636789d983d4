import { create } from 'zustand'

interface Notice {
  id: number
  tone: 'info' | 'error'
  text: string
}

interface ShellState {
  paletteOpen: boolean
  setPaletteOpen(open: boolean): void
  notices: Notice[]
  notify(tone: Notice['tone'], text: string): void
  dismiss(id: number): void
}

let nextNoticeId = 1

/** UI-only state of the shell; anything the host owns lives in react-query instead. */
export const useShell = create<ShellState>((set) => ({
  paletteOpen: false,
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  notices: [],
  notify: (tone, text) =>
    set((s) => ({ notices: [...s.notices.slice(-3), { id: nextNoticeId++, tone, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}))
