import { useCallback, useRef, useState } from 'react'
import type { CollectionProgress } from '@shared/contract'
import { useCancelCollection, useCollect, useCollectionProgress } from '../../../api/inventory'
import { idleRefresh, isRefreshing, nextRefreshState, type RefreshState } from './refresh-state'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * "Refresh inventory" for one device, with its live progress. Progress is followed before
 * `collect` is called, and events that arrive before `collect` answers with the run id are
 * kept and replayed once it does (main may start the run first).
 */
export function useRefreshDevice(deviceId: string) {
  const collect = useCollect()
  const cancelCollection = useCancelCollection()
  const [state, setState] = useState<RefreshState>(idleRefresh)
  const runId = useRef<string | null>(null)
  const early = useRef<CollectionProgress[] | null>(null)

  useCollectionProgress(
    useCallback(
      (event: CollectionProgress) => {
        if (early.current) early.current.push(event)
        else setState((s) => nextRefreshState(s, event, deviceId, runId.current))
      },
      [deviceId],
    ),
  )

  const start = useCallback(() => {
    runId.current = null
    early.current = []
    setState({ phase: 'starting' })
    collect.mutate(
      { deviceIds: [deviceId], concurrency: 1 },
      {
        onSuccess: (run) => {
          runId.current = run.runId
          const replay = early.current ?? []
          early.current = null
          setState((s) =>
            replay.reduce<RefreshState>(
              (next, event) => nextRefreshState(next, event, deviceId, run.runId),
              s.phase === 'starting' ? { phase: 'queued', runId: run.runId } : s,
            ),
          )
        },
        onError: (error) => {
          early.current = null
          setState({ phase: 'failed', runId: null, reason: null, message: messageOf(error) })
        },
      },
    )
  }, [collect, deviceId])

  const cancel = useCallback(() => {
    if (runId.current) cancelCollection.mutate(runId.current)
  }, [cancelCollection])

  const dismiss = useCallback(() => setState(idleRefresh), [])

  return { state, busy: isRefreshing(state), start, cancel, dismiss }
}
