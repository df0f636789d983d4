import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { CollectionProgress, Contract, SwitchboardClient } from '@shared/contract'
import type { CallInput, Unsubscribe } from '@shared/rpc/define'
import { useRpc } from './rpc'

type Inventory = Contract['inventory']

export type ClientListInput = CallInput<Inventory['listClients']>
export type CreateClientInput = CallInput<Inventory['createClient']>
export type UpdateClientInput = CallInput<Inventory['updateClient']>
export type DeleteClientInput = CallInput<Inventory['deleteClient']>
export type CreateSiteInput = CallInput<Inventory['createSite']>
export type UpdateSiteInput = CallInput<Inventory['updateSite']>
export type DeviceSearchInput = CallInput<Inventory['searchDevices']>
export type DeviceFilterInput = CallInput<Inventory['csvExport']>
export type CreateDeviceInput = CallInput<Inventory['createDevice']>
export type UpdateDeviceInput = CallInput<Inventory['updateDevice']>
export type DeviceChangesInput = CallInput<Inventory['deviceChanges']>
export type CollectInput = CallInput<Inventory['collect']>
export type CsvPreviewInput = CallInput<Inventory['csvPreview']>
export type CsvImportInput = CallInput<Inventory['csvImport']>

/** Query keys of the inventory: the contract method plus its input, as in query-keys.ts. */
export const inventoryKeys = {
  summary: ['inventory.summary', {}] as const,
  clientsAll: ['inventory.listClients'] as const,
  clients: (input: ClientListInput) => ['inventory.listClients', input] as const,
  clientAll: ['inventory.getClient'] as const,
  client: (id: string) => ['inventory.getClient', { id }] as const,
  sitesAll: ['inventory.listSites'] as const,
  sites: (clientId: string) => ['inventory.listSites', { clientId }] as const,
  searchAll: ['inventory.searchDevices'] as const,
  search: (input: DeviceSearchInput) => ['inventory.searchDevices', input] as const,
  deviceAll: ['inventory.getDevice'] as const,
  device: (id: string) => ['inventory.getDevice', { id }] as const,
  changesAll: ['inventory.deviceChanges'] as const,
  changes: (input: DeviceChangesInput) => ['inventory.deviceChanges', input] as const,
  snapshot: (id: number) => ['inventory.getSnapshot', { id }] as const,
}

/** Every inventory query: keys start with the method name, so the namespace is a prefix. */
function isInventoryKey(key: QueryKey): boolean {
  return typeof key[0] === 'string' && key[0].startsWith('inventory.')
}

/** After writes whose reach is wide (sample, CSV import, deletes): refetch everything shown. */
export function invalidateInventory(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (query) => isInventoryKey(query.queryKey) })
}

/**
 * Keeps every inventory query live while mounted: team sync changes rows in main (a pulled
 * device, a client assigned or taken away), and what is shown is read again.
 */
export function useInventoryChanges(): void {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  useEffect(
    () => rpc.inventory.onDidChange({}, () => void invalidateInventory(queryClient)),
    [rpc, queryClient],
  )
}

/** Lists and counts that a changed device feeds: the table, the client rollups, the summary. */
function invalidateDeviceLists(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.searchAll })
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.clientsAll })
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.clientAll })
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.sitesAll })
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.summary })
}

function invalidateDevice(queryClient: QueryClient, id: string): void {
  void queryClient.invalidateQueries({ queryKey: inventoryKeys.device(id) })
  void queryClient.invalidateQueries({
    queryKey: inventoryKeys.changesAll,
    predicate: (query) => {
      const input = query.queryKey[1] as { deviceId?: string } | undefined
      return input?.deviceId === id
    },
  })
}

// ---------------------------------------------------------------------------------------------
// Summary and sample

/** Counts across the inventory; `empty` means first start. */
export function useInventorySummary() {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.summary,
    queryFn: () => rpc.inventory.summary(),
  })
}

export function useOpenSample() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (seed?: number) => rpc.inventory.openSample(seed === undefined ? {} : { seed }),
    onSuccess: () => invalidateInventory(queryClient),
  })
}

// ---------------------------------------------------------------------------------------------
// Clients and sites

/** Clients with their health rollups; previous results stay while a new query loads. */
export function useClients(input: ClientListInput = {}) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.clients(input),
    queryFn: () => rpc.inventory.listClients(input),
    placeholderData: keepPreviousData,
  })
}

/** One client with rollup and sites; disabled while `id` is null. */
export function useClient(id: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.client(id ?? ''),
    queryFn: () => rpc.inventory.getClient({ id: id ?? '' }),
    enabled: id !== null,
  })
}

export function useSites(clientId: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.sites(clientId ?? ''),
    queryFn: () => rpc.inventory.listSites({ clientId: clientId ?? '' }),
    enabled: clientId !== null,
  })
}

function useInventoryMutation<I, O>(call: (input: I) => Promise<O>, everything = false) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      if (everything) void invalidateInventory(queryClient)
      else invalidateDeviceLists(queryClient)
    },
  })
}

export function useCreateClient() {
  const rpc = useRpc()
  return useInventoryMutation((input: CreateClientInput) => rpc.inventory.createClient(input))
}

export function useUpdateClient() {
  const rpc = useRpc()
  // A client's name and thresholds show in every device row and detail.
  return useInventoryMutation((input: UpdateClientInput) => rpc.inventory.updateClient(input), true)
}

export function useDeleteClient() {
  const rpc = useRpc()
  return useInventoryMutation((input: DeleteClientInput) => rpc.inventory.deleteClient(input), true)
}

export function useCreateSite() {
  const rpc = useRpc()
  return useInventoryMutation((input: CreateSiteInput) => rpc.inventory.createSite(input))
}

export function useUpdateSite() {
  const rpc = useRpc()
  return useInventoryMutation((input: UpdateSiteInput) => rpc.inventory.updateSite(input), true)
}

export function useDeleteSite() {
  const rpc = useRpc()
  return useInventoryMutation((id: string) => rpc.inventory.deleteSite({ id }), true)
}

// ---------------------------------------------------------------------------------------------
// Devices

/**
 * One page of a device view. The previous page stays on screen while the next loads, so the
 * table does not flash empty on every keystroke in the search box.
 */
export function useDeviceSearch(input: DeviceSearchInput, options: { enabled?: boolean } = {}) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.search(input),
    queryFn: () => rpc.inventory.searchDevices(input),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  })
}

/** Everything about one device; disabled while `id` is null. */
export function useDevice(id: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.device(id ?? ''),
    queryFn: () => rpc.inventory.getDevice({ id: id ?? '' }),
    enabled: id !== null,
  })
}

/** A device's recorded changes, newest first; `beforeId` pages further back. */
export function useDeviceChanges(
  deviceId: string | null,
  page: { limit?: number; beforeId?: number } = {},
) {
  const rpc = useRpc()
  const input: DeviceChangesInput = { deviceId: deviceId ?? '', ...page }
  return useQuery({
    queryKey: inventoryKeys.changes(input),
    queryFn: () => rpc.inventory.deviceChanges(input),
    enabled: deviceId !== null,
  })
}

/** One stored collection with its facts; snapshots never change once written. */
export function useSnapshot(id: number | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: inventoryKeys.snapshot(id ?? 0),
    queryFn: () => rpc.inventory.getSnapshot({ id: id ?? 0 }),
    enabled: id !== null,
    staleTime: Infinity,
  })
}

export function useCreateDevice() {
  const rpc = useRpc()
  return useInventoryMutation((input: CreateDeviceInput) => rpc.inventory.createDevice(input))
}

export function useUpdateDevice() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: UpdateDeviceInput) => rpc.inventory.updateDevice(input),
    onSuccess: (device) => {
      queryClient.setQueryData(inventoryKeys.device(device.id), device)
      invalidateDeviceLists(queryClient)
    },
  })
}

export function useDeleteDevices() {
  const rpc = useRpc()
  return useInventoryMutation((ids: string[]) => rpc.inventory.deleteDevices({ ids }), true)
}

// ---------------------------------------------------------------------------------------------
// Collection

export function useCollect() {
  const rpc = useRpc()
  return useMutation({ mutationFn: (input: CollectInput) => rpc.inventory.collect(input) })
}

export function useCancelCollection() {
  const rpc = useRpc()
  return useMutation({
    mutationFn: (runId: string) => rpc.inventory.cancelCollection({ runId }),
  })
}

/**
 * Follows `inventory.onCollectionProgress` (every run, or one `runId`) and hands each event to
 * `listener`. Collected devices are refetched as they finish, and the lists and rollups when a
 * run ends, so any page that shows them stays current without its own wiring. Not a hook, for
 * followers that outlive a page; `useCollectionProgress` is the hook.
 */
export function followCollectionProgress(
  rpc: SwitchboardClient,
  queryClient: QueryClient,
  listener: (progress: CollectionProgress) => void,
  runId?: string,
): Unsubscribe {
  return rpc.inventory.onCollectionProgress(runId === undefined ? {} : { runId }, (progress) => {
    if (progress.type === 'device' && progress.state === 'done') {
      invalidateDevice(queryClient, progress.deviceId)
    }
    if (progress.type === 'run' && progress.state === 'finished') {
      invalidateDeviceLists(queryClient)
    }
    listener(progress)
  })
}

/**
 * `followCollectionProgress` while mounted. Subscribe before calling `collect` where possible:
 * main starts a run on its next turn, so events of a run can follow its answer closely.
 */
export function useCollectionProgress(
  listener?: (progress: CollectionProgress) => void,
  runId?: string,
) {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(
    () => followCollectionProgress(rpc, queryClient, (p) => latest.current?.(p), runId),
    [rpc, queryClient, runId],
  )
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Reads a CSV and checks a mapping; a mutation because the payload is a whole file. */
export function useCsvPreview() {
  const rpc = useRpc()
  return useMutation({ mutationFn: (input: CsvPreviewInput) => rpc.inventory.csvPreview(input) })
}

export function useCsvImport() {
  const rpc = useRpc()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CsvImportInput) => rpc.inventory.csvImport(input),
    onSuccess: () => invalidateInventory(queryClient),
  })
}

/** The current view as CSV text; the caller saves it. */
export function useCsvExport() {
  const rpc = useRpc()
  return useMutation({ mutationFn: (filter: DeviceFilterInput) => rpc.inventory.csvExport(filter) })
}
