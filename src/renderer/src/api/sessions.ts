import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import type {
  AuthPrompt,
  Contract,
  HostKeyQuestion,
  SessionEvent,
  SessionSummary,
  SwitchboardClient,
} from '@shared/contract'
import type { CallInput, Unsubscribe } from '@shared/rpc/define'
import { RpcError } from '@shared/rpc/errors'
import { useRpc } from './rpc'
import { vaultKeys } from './vault'

/** Method plus input, as in query-keys.ts; kept here so the sessions feature owns its keys. */
export const sessionKeys = {
  list: ['sessions.list', {}] as const,
  recordings: (limit: number) => ['recordings.list', { limit }] as const,
  recording: (id: string) => ['recordings.index', { id }] as const,
  recordingUsage: ['recordings.usage', {}] as const,
  knownHosts: ['knownHosts.list', {}] as const,
  sshConfig: (text: string | undefined) =>
    ['sshConfig.read', text === undefined ? {} : { text }] as const,
}

/** A key file to store in the vault; carries the key's passphrase until the call is made. */
export type ImportIdentityInput = CallInput<Contract['sshConfig']['importIdentity']>

type SessionList = { sessions: SessionSummary[] }

/** A question main is waiting on: trust a host key, or answer a login prompt. */
export type SessionQuestion = HostKeyQuestion | AuthPrompt

export function isSessionOver(state: SessionSummary['state']): boolean {
  return state === 'closed' || state === 'failed'
}

/** Puts one summary into the cached list (newest first), replacing an older copy. */
export function storeSessionSummary(queryClient: QueryClient, session: SessionSummary): void {
  queryClient.setQueryData<SessionList>(sessionKeys.list, (data) => {
    const others = (data?.sessions ?? []).filter((s) => s.id !== session.id)
    return { sessions: [session, ...others].sort((a, b) => b.startedAt - a.startedAt) }
  })
}

export interface SessionEventHandlers {
  onQuestion(question: SessionQuestion): void
  onState?(session: SessionSummary): void
}

/**
 * Follows `sessions.onEvent` for as long as the caller keeps it: state changes go into the
 * cache (then to `onState`), questions go to `onQuestion`. Not a hook, because terminals
 * outlive the page that shows them and keep hearing about their sessions meanwhile.
 */
export function followSessionEvents(
  rpc: SwitchboardClient,
  queryClient: QueryClient,
  handlers: SessionEventHandlers,
): Unsubscribe {
  return rpc.sessions.onEvent({}, (event: SessionEvent) => {
    if (event.type === 'state') {
      storeSessionSummary(queryClient, event.session)
      handlers.onState?.(event.session)
    } else {
      handlers.onQuestion(event)
    }
  })
}

/** This run's sessions; live once `followSessionEvents` runs. */
export function useSessions() {
  const rpc = useRpc()
  return useQuery({ queryKey: sessionKeys.list, queryFn: () => rpc.sessions.list() })
}

export function useAnswerHostKey() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; decision: 'accept-and-save' | 'accept-once' | 'reject' }) =>
      rpc.sessions.answerHostKey(input),
    onSuccess: (_out, input) => {
      if (input.decision === 'accept-and-save') {
        void queryClient.invalidateQueries({ queryKey: sessionKeys.knownHosts })
      }
    },
  })
}

/** Answers may be passwords: gcTime 0 and a `reset()` after settling leave no copy behind. */
export function useAnswerPrompt() {
  const rpc = useRpc()
  return useMutation({
    gcTime: 0,
    mutationFn: (input: { id: string; promptId: string; answers: string[] | null }) =>
      rpc.sessions.answerPrompt(input),
  })
}

export function useRecordings(limit = 100) {
  const rpc = useRpc()
  return useQuery({
    queryKey: sessionKeys.recordings(limit),
    queryFn: () => rpc.recordings.list({ limit }),
  })
}

/**
 * One recording's summary and seek index (the player reads the file itself in chunks); a
 * finished recording never changes, so it stays cached.
 */
export function useRecording(id: string | null, live: boolean) {
  const rpc = useRpc()
  return useQuery({
    queryKey: sessionKeys.recording(id ?? ''),
    queryFn: () => rpc.recordings.index({ id: id ?? '' }),
    enabled: id !== null,
    staleTime: live ? 0 : Infinity,
  })
}

/** A chunk reader for one recording, for the player and the export. */
export function useRecordingReader(id: string) {
  const rpc = useRpc()
  return useCallback(
    (offset: number, maxBytes?: number) =>
      rpc.recordings.read(maxBytes === undefined ? { id, offset } : { id, offset, maxBytes }),
    [rpc, id],
  )
}

/** Space the recordings take and how many there are. */
export function useRecordingUsage() {
  const rpc = useRpc()
  return useQuery({
    queryKey: sessionKeys.recordingUsage,
    queryFn: () => rpc.recordings.usage({}),
  })
}

export function useKnownHosts() {
  const rpc = useRpc()
  return useQuery({ queryKey: sessionKeys.knownHosts, queryFn: () => rpc.knownHosts.list() })
}

export function useRemoveKnownHost() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => rpc.knownHosts.remove({ id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.knownHosts }),
  })
}

export function useImportKnownHosts() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (text: string) => rpc.knownHosts.import({ text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.knownHosts }),
  })
}

/**
 * The concrete hosts of an OpenSSH config: `~/.ssh/config` of the machine main runs on when
 * `text` is undefined, else the pasted text. Fails with NOT_FOUND where there is no such file.
 */
export function useSshConfig(text: string | undefined) {
  const rpc = useRpc()
  return useQuery({
    queryKey: sessionKeys.sshConfig(text),
    queryFn: () => rpc.sshConfig.read(text === undefined ? {} : { text }),
    // A missing file stays missing: a retry would only keep the paste box waiting.
    retry: (failures, error) =>
      failures < 1 && !(error instanceof RpcError && error.code === 'NOT_FOUND'),
    // The file is edited outside the app, so every opening reads it afresh, and a pasted
    // config is not kept once nothing shows it.
    staleTime: 0,
    gcTime: 0,
  })
}

/**
 * Stores an IdentityFile from ~/.ssh in the vault. gcTime 0 and a `reset()` after settling
 * leave no copy of the key passphrase in the mutation cache.
 */
export function useImportIdentity() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    gcTime: 0,
    mutationFn: (input: ImportIdentityInput) => rpc.sshConfig.importIdentity(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vaultKeys.credentialsAll }),
  })
}
