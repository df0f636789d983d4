import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query'
import { useEffect } from 'react'
import type { SwitchboardClient } from '@shared/contract'
import type { tickets } from '@shared/contract/tickets'
import type { CallInput, CallOutput, Unsubscribe } from '@shared/rpc/define'
import { useRpc } from './rpc'

type Tickets = typeof tickets

export type TicketListArgs = CallInput<Tickets['list']>
export type TicketListResult = CallOutput<Tickets['list']>
export type QueueCounts = CallOutput<Tickets['queueCounts']>
export type CreateTicketInput = CallInput<Tickets['create']>
export type UpdateTicketInput = CallInput<Tickets['update']>
export type SetStatusInput = CallInput<Tickets['setStatus']>
export type SetPriorityInput = CallInput<Tickets['setPriority']>
export type AssignInput = CallInput<Tickets['assign']>
export type LinkDeviceInput = CallInput<Tickets['linkDevice']>
export type AddNoteInput = CallInput<Tickets['addNote']>
export type AddTimeEntryInput = CallInput<Tickets['addTimeEntry']>
export type StartTimerInput = CallInput<Tickets['startTimer']>
export type StopTimerInput = CallInput<Tickets['stopTimer']>

/** Query keys of the tickets namespace: the contract method plus its input. */
export const ticketKeys = {
  listAll: ['tickets.list'] as const,
  list: (input: TicketListArgs) => ['tickets.list', input] as const,
  queueCounts: ['tickets.queueCounts', {}] as const,
  getAll: ['tickets.get'] as const,
  get: (id: string) => ['tickets.get', { id }] as const,
  lookup: (number: string) => ['tickets.lookup', { number }] as const,
  pickLists: ['tickets.pickLists', {}] as const,
  timersAll: ['tickets.timers'] as const,
  timers: (ticketId?: string) =>
    ['tickets.timers', ticketId === undefined ? {} : { ticketId }] as const,
  sessions: (ticketId: string) => ['tickets.sessions', { ticketId }] as const,
  sessionDraft: (sessionId: string) => ['tickets.sessionDraft', { sessionId }] as const,
  pendingCount: ['tickets.pendingCount', {}] as const,
}

/** SLA clocks move with time, so what shows them is re-read this often while on screen. */
const SLA_REFRESH_MS = 60_000

function isTicketKey(key: QueryKey): boolean {
  // A draft describes a closed session, which a ticket change does not alter.
  return (
    typeof key[0] === 'string' && key[0].startsWith('tickets.') && key[0] !== 'tickets.sessionDraft'
  )
}

/** After any committed ticket change: every ticket query shown is read again from main. */
export function invalidateTickets(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => isTicketKey(query.queryKey) })
}

/**
 * Follows `tickets.onDidChange` for as long as the caller keeps it: main is the source of
 * truth, so each committed change (from this window, another one, or a later sync) refetches
 * what is shown. Not a hook, so one follower can live as long as the window.
 */
export function followTicketChanges(rpc: SwitchboardClient, queryClient: QueryClient): Unsubscribe {
  return rpc.tickets.onDidChange({}, () => {
    void invalidateTickets(queryClient)
  })
}

// ---------------------------------------------------------------------------------------------
// Reads

/** One page of a queue; the previous page stays while the next one loads. */
export function useTicketList(input: TicketListArgs, options: { enabled?: boolean } = {}) {
  const rpc = useRpc()
  return useQuery({
    queryKey: ticketKeys.list(input),
    queryFn: () => rpc.tickets.list(input),
    placeholderData: keepPreviousData,
    refetchInterval: SLA_REFRESH_MS,
    enabled: options.enabled ?? true,
  })
}

export function useQueueCounts() {
  const rpc = useRpc()
  return useQuery({
    queryKey: ticketKeys.queueCounts,
    queryFn: () => rpc.tickets.queueCounts(),
    refetchInterval: SLA_REFRESH_MS,
  })
}

/** One ticket with everything its page shows; disabled while `id` is null. */
export function useTicket(id: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: ticketKeys.get(id ?? ''),
    queryFn: () => rpc.tickets.get({ id: id ?? '' }),
    enabled: id !== null,
    refetchInterval: SLA_REFRESH_MS,
  })
}

/** The ticket id of a number such as "T-7F3A-0042" (null when there is none). */
export function useTicketLookup(number: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: ticketKeys.lookup(number ?? ''),
    queryFn: () => rpc.tickets.lookup({ number: number ?? '' }),
    enabled: number !== null,
  })
}

export function useTicketPickLists() {
  const rpc = useRpc()
  return useQuery({ queryKey: ticketKeys.pickLists, queryFn: () => rpc.tickets.pickLists() })
}

/** Running timers of every ticket (the status bar shows them). */
export function useTicketTimers() {
  const rpc = useRpc()
  return useQuery({ queryKey: ticketKeys.timers(), queryFn: () => rpc.tickets.timers({}) })
}

/** The proposed time entry of a closed ticket-bound session; disabled while `sessionId` is null. */
export function useSessionDraft(sessionId: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: ticketKeys.sessionDraft(sessionId ?? ''),
    queryFn: () => rpc.tickets.sessionDraft({ sessionId: sessionId ?? '' }),
    enabled: sessionId !== null,
    // Logging the entry changes `loggedTimeEntryId`: always ask again when the dialog opens.
    staleTime: 0,
    gcTime: 0,
  })
}

// ---------------------------------------------------------------------------------------------
// Intents: each reply means committed; what is shown is refetched from main afterwards.

function useTicketIntent<I, O>(call: (rpc: SwitchboardClient, input: I) => Promise<O>) {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: I) => call(rpc, input),
    onSuccess: () => invalidateTickets(queryClient),
  })
}

export const useCreateTicket = () =>
  useTicketIntent((rpc, input: CreateTicketInput) => rpc.tickets.create(input))
export const useUpdateTicket = () =>
  useTicketIntent((rpc, input: UpdateTicketInput) => rpc.tickets.update(input))
export const useSetTicketStatus = () =>
  useTicketIntent((rpc, input: SetStatusInput) => rpc.tickets.setStatus(input))
export const useSetTicketPriority = () =>
  useTicketIntent((rpc, input: SetPriorityInput) => rpc.tickets.setPriority(input))
export const useAssignTicket = () =>
  useTicketIntent((rpc, input: AssignInput) => rpc.tickets.assign(input))
export const useLinkDevice = () =>
  useTicketIntent((rpc, input: LinkDeviceInput) => rpc.tickets.linkDevice(input))
export const useUnlinkDevice = () =>
  useTicketIntent((rpc, input: LinkDeviceInput) => rpc.tickets.unlinkDevice(input))
export const useAddNote = () =>
  useTicketIntent((rpc, input: AddNoteInput) => rpc.tickets.addNote(input))
export const useAddTimeEntry = () =>
  useTicketIntent((rpc, input: AddTimeEntryInput) => rpc.tickets.addTimeEntry(input))
export const useStartTimer = () =>
  useTicketIntent((rpc, input: StartTimerInput) => rpc.tickets.startTimer(input))
export const useStopTimer = () =>
  useTicketIntent((rpc, input: StopTimerInput) => rpc.tickets.stopTimer(input))
export const useCancelTimer = () =>
  useTicketIntent((rpc, input: { timerId: string }) => rpc.tickets.cancelTimer(input))

/** Keeps every ticket query live while mounted (see followTicketChanges). */
export function useTicketChanges(): void {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(() => followTicketChanges(rpc, queryClient), [rpc, queryClient])
}
