import { create } from 'zustand'

interface SyncUiState {
  /** The sign-in dialog, opened from the status bar, the palette or Settings. */
  signInOpen: boolean
  setSignInOpen(open: boolean): void
}

/** UI-only state of team sync; never a credential (the dialog keeps those in its own fields). */
export const useSyncUi = create<SyncUiState>((set) => ({
  signInOpen: false,
  setSignInOpen: (open) => set({ signInOpen: open }),
}))
