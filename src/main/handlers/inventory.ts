import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

/** Clients, sites, devices, search, collection, CSV and the sample workspace. */
export function inventoryHandlers(services: Services): NamespaceHandlers<'inventory'> {
  const { inventory } = services
  return {
    summary: () => inventory.summary(),
    openSample: ({ seed }) => inventory.openSample(seed),

    listClients: ({ query }) => ({ clients: inventory.listClients(query) }),
    getClient: ({ id }) => inventory.getClient(id),
    createClient: (input) => inventory.createClient(input),
    updateClient: ({ id, ...patch }) => inventory.updateClient(id, patch),
    deleteClient: ({ id, deleteDevices }) => inventory.deleteClient(id, deleteDevices),

    listSites: ({ clientId }) => ({ sites: inventory.listSites(clientId) }),
    createSite: ({ clientId, ...site }) => inventory.createSite(clientId, site),
    updateSite: ({ id, ...patch }) => inventory.updateSite(id, patch),
    deleteSite: ({ id }) => inventory.deleteSite(id),

    searchDevices: (input) => inventory.searchDevices(input),
    getDevice: ({ id }) => inventory.getDevice(id),
    createDevice: (input) => inventory.createDevice(input),
    updateDevice: (input) => inventory.updateDevice(input),
    deleteDevices: ({ ids }) => inventory.deleteDevices(ids),
    deviceChanges: ({ deviceId, limit, beforeId }) => ({
      changes: inventory.deviceChanges(deviceId, limit, beforeId),
    }),
    getSnapshot: ({ id }) => inventory.getSnapshot(id),

    collect: ({ deviceIds, concurrency }) => {
      const run = inventory.collect(deviceIds, concurrency)
      return { runId: run.runId, queued: run.queued }
    },
    cancelCollection: ({ runId }) => ({ cancelled: inventory.collection.cancel(runId) }),
    onDidChange: (_input, emit) => services.sync.onDidChangeInventory(emit),
    onCollectionProgress: ({ runId }, emit) => inventory.collection.onProgress(emit, runId),

    // Uploads belong to the connection that began them (its own allowance, dropped when it closes).
    csvUploadBegin: ({ size }, ctx) => inventory.csvUploadBegin(ctx.connectionId, size),
    csvUploadChunk: ({ uploadId, offset, base64 }, ctx) =>
      inventory.csvUploadChunk(ctx.connectionId, uploadId, offset, base64),
    csvUploadEnd: ({ uploadId }, ctx) => inventory.csvUploadEnd(ctx.connectionId, uploadId),
    csvPreview: (input, ctx) => inventory.csvPreview(input, ctx.connectionId),
    csvImport: (input, ctx) => inventory.csvImport(input, ctx.connectionId),
    csvExport: (filter) => inventory.csvExport(filter),
  }
}
