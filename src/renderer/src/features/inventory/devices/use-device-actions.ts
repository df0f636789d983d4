import { useState } from 'react'
import { useCollect, useCsvExport, type DeviceFilterInput } from '../../../api/inventory'
import { useRpc } from '../../../api/rpc'
import { useShell } from '../../../app/ui-store'
import { useCollectionRuns } from '../collection/collection-store'
import { downloadText } from '../csv/download'
import { countText, formatCount } from './cell-format'
import { resolveSelectedIds, type Selection } from './selection'

/** The contract's limit of devices in one collection run. */
export const MAX_COLLECT = 10_000

/** What the selection toolbar does: refresh the selected devices, export the view. */
export function useDeviceActions(filter: DeviceFilterInput, scope: string) {
  const rpc = useRpc()
  const collect = useCollect()
  const csvExport = useCsvExport()
  const notify = useShell((s) => s.notify)
  const claim = useCollectionRuns((s) => s.claim)
  const [resolving, setResolving] = useState(false)

  const refresh = async (selection: Selection): Promise<void> => {
    setResolving(true)
    let resolved: { ids: string[]; truncated: boolean }
    try {
      resolved = await resolveSelectedIds(
        selection,
        async (offset, limit) => {
          const page = await rpc.inventory.searchDevices({ ...filter, offset, limit })
          return { total: page.total, ids: page.rows.map((row) => row.id) }
        },
        MAX_COLLECT,
      )
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error))
      return
    } finally {
      setResolving(false)
    }
    const { ids, truncated } = resolved
    if (ids.length === 0) return
    // A failed call is reported by the mutation cache (main.tsx); progress comes as events.
    collect.mutate(
      { deviceIds: ids },
      {
        onSuccess: ({ runId }) => {
          claim(runId, scope)
          if (!truncated) return
          notify(
            'info',
            `Refreshing the first ${countText(ids.length, 'device', 'devices')}; one run takes at most ${formatCount(MAX_COLLECT)}.`,
          )
        },
      },
    )
  }

  const exportView = (): void => {
    csvExport.mutate(filter, {
      onSuccess: (result) => {
        downloadText(result.filename, result.csv)
        notify(
          'info',
          `Exported ${countText(result.rows, 'device', 'devices')} to ${result.filename}.`,
        )
      },
    })
  }

  return {
    refresh,
    refreshing: resolving || collect.isPending,
    exportView,
    exporting: csvExport.isPending,
  }
}
