import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import {
  settingDefinitions,
  type SettingEntry,
  type SettingKey,
  type SettingValue,
} from '@shared/contract/settings'
import { queryKeys } from './query-keys'
import { useRpc } from './rpc'

type SettingsData = { entries: SettingEntry[] }

function replaceEntry(data: SettingsData | undefined, entry: SettingEntry): SettingsData {
  const entries = (data?.entries ?? []).filter((e) => e.key !== entry.key)
  return { entries: [...entries, entry] }
}

/** All settings, kept fresh by the host's change events (other windows included). */
export function useSettings() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(
    () =>
      rpc.settings.onDidChange({}, (entry) => {
        queryClient.setQueryData<SettingsData>(queryKeys.settings, (d) => replaceEntry(d, entry))
      }),
    [rpc, queryClient],
  )
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => rpc.settings.list() })
}

export function useSetting<K extends SettingKey>(key: K): SettingValue<K> {
  const { data } = useSettings()
  const entry = data?.entries.find((e) => e.key === key)
  return (entry?.value ?? settingDefinitions[key].defaultValue) as SettingValue<K>
}

/** Optimistic: the UI changes at once and rolls back if the host refuses. */
export function useSetSetting() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (entry: SettingEntry) => rpc.settings.set(entry),
    onMutate: async (entry) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.settings })
      const previous = queryClient.getQueryData<SettingsData>(queryKeys.settings)
      queryClient.setQueryData<SettingsData>(queryKeys.settings, (d) => replaceEntry(d, entry))
      return { previous }
    },
    onError: (_error, _entry, context) => {
      queryClient.setQueryData(queryKeys.settings, context?.previous)
    },
  })
}
