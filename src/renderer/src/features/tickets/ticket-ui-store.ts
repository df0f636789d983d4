import { create } from 'zustand'
import { defaultView, type TicketView } from './queues'

/** What the New ticket dialog starts with when opened from a device or a client. */
export interface NewTicketPrefill {
  clientId?: string
  siteId?: string | null
  devices?: { id: string; hostname: string }[]
}

/** A closed ticket-bound session whose proposed time entry waits for the technician. */
export interface DraftReview {
  sessionId: string
  ticketId: string
  title: string
}

interface TicketUiState {
  /** The list's queue, filters, search and sort; kept while a ticket is open. */
  view: TicketView
  setView(patch: Partial<TicketView>): void
  resetFilters(): void
  /** Open while not null. */
  newTicket: NewTicketPrefill | null
  openNewTicket(prefill?: NewTicketPrefill): void
  closeNewTicket(): void
  /** Sessions that ended in this window, oldest first; the first one is reviewed next. */
  drafts: DraftReview[]
  /** The draft whose dialog is open. */
  reviewing: string | null
  proposeDraft(draft: DraftReview): void
  review(sessionId: string | null): void
  /** Saved or discarded: it is not proposed again. */
  settleDraft(sessionId: string): void
}

/** UI-only state of the tickets feature; tickets themselves live in react-query. */
export const useTicketUi = create<TicketUiState>((set) => ({
  view: defaultView,
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
  resetFilters: () =>
    set((s) => ({
      view: { ...s.view, status: [], priority: [], clientId: null, assignee: { kind: 'any' } },
    })),
  newTicket: null,
  openNewTicket: (prefill = {}) => set({ newTicket: prefill }),
  closeNewTicket: () => set({ newTicket: null }),
  drafts: [],
  reviewing: null,
  proposeDraft: (draft) =>
    set((s) =>
      s.drafts.some((d) => d.sessionId === draft.sessionId) ? s : { drafts: [...s.drafts, draft] },
    ),
  review: (sessionId) => set({ reviewing: sessionId }),
  settleDraft: (sessionId) =>
    set((s) => ({
      drafts: s.drafts.filter((d) => d.sessionId !== sessionId),
      reviewing: s.reviewing === sessionId ? null : s.reviewing,
    })),
}))
