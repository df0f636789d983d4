import type { QueryClient } from '@tanstack/react-query'
import { create } from 'zustand'
import type { CollectionProgress, SwitchboardClient } from '@shared/contract'
import { followCollectionProgress } from '../../../api/inventory'
import { useMemo } from 'react'
import {
  applyProgress,
  dismissRun,
  emptyRuns,
  runsForScope,
  type RunsState,
} from './collection-runs'

interface CollectionRunsStore extends RunsState {
  /** The table each run was started from (its scope); runs from elsewhere have none. */
  origins: Record<string, string>
  claim(runId: string, scope: string): void
  dismiss(runId: string): void
}

/** The table that shows runs started outside any table (the device page). */
export const DEVICES_SCOPE = 'devices'

/** Collection runs seen since the app started; fed by `followCollections`. */
export const useCollectionRuns = create<CollectionRunsStore>((set) => ({
  ...emptyRuns,
  origins: {},
  claim: (runId, scope) => set((s) => ({ origins: { ...s.origins, [runId]: scope } })),
  dismiss: (runId) => set((state) => dismissRun(state, runId)),
}))

/** The runs one table shows (see runsForScope). */
export function useScopeRuns(scope: string): RunsState {
  const runs = useCollectionRuns((s) => s.runs)
  const origins = useCollectionRuns((s) => s.origins)
  return useMemo(
    () => runsForScope({ runs }, origins, scope, DEVICES_SCOPE),
    [runs, origins, scope],
  )
}

// A run of thousands of devices announces them all at once: apply events a batch per frame.
const BATCH_MS = 80
let buffer: CollectionProgress[] = []
let flushTimer: ReturnType<typeof setTimeout> | null = null

function receive(progress: CollectionProgress): void {
  buffer.push(progress)
  flushTimer ??= setTimeout(() => {
    const batch = buffer
    buffer = []
    flushTimer = null
    useCollectionRuns.setState((state) => applyProgress(state, batch))
  }, BATCH_MS)
}

let following: SwitchboardClient | null = null

/**
 * Starts following every collection run for the rest of the app's life (once per client), so
 * a run started on one page is still shown after going to another and back.
 */
export function followCollections(rpc: SwitchboardClient, queryClient: QueryClient): void {
  if (following === rpc) return
  following = rpc
  followCollectionProgress(rpc, queryClient, receive)
}
