/**
 * The client device inventory: clients, sites and devices, search, collection, CSV and the
 * sample workspace, behind one service the handlers call. Reads and writes use separate
 * prepared-statement sets; every write and its audit row share one transaction.
 */
import { userInfo } from 'node:os'
import type {
  ClientSummary,
  CsvRejectedRow,
  CsvDateOrder,
  CsvImportMode,
  CsvNewClient,
  CsvTarget,
  DeviceChange,
  DeviceCreate,
  DeviceDetail,
  DeviceFilter,
  DeviceSearch,
  DeviceSearchRow,
  DeviceUpdate,
  MspClient,
  Site,
  SnapshotSummary,
} from '../../../shared/contract'
import { DomainError } from '../../../shared/domain/errors'
import type { AuditLog } from '../audit/audit-log'
import type { HostPorts } from '../ports'
import type { Store } from '../store/store'
import { ClientStore, type ClientInput, type SiteInput } from './client-store'
import { CollectionService, type CollectionRun, type ProbeExec } from './collection'
import {
  applyRowUpdate,
  checkImport,
  importOutcome,
  previewCsv,
  previewReply,
  recheckImport,
  sortRejected,
} from './csv/csv-import'
import { payloadBytes } from './csv/csv-reader'
import { CsvUploads } from './csv/csv-uploads'
import { exportCsv } from './csv/csv-export'
import { createPendingClients } from './csv/csv-new-clients'
import type { DeviceSshEndpoint } from '../sessions/ssh/ssh-target'
import { DeviceDetails } from './device-detail'
import { deviceSshEndpoint } from './device-endpoint'
import { DeviceHistory } from './device-history'
import { DeviceSearchQueries } from './device-search'
import { applyDeviceInput, blankDevice } from './device-values'
import { DeviceWriter } from './device-writes'
import { generateSampleWorkspace, type LocalMachine } from './sample/sample-workspace'
import { SAMPLE_META_KEY, writeSampleWorkspace, type SampleMeta } from './sample/sample-writer'
import { keepSampleCurrent } from './sample/sample-clock'

/** The sample "Open sample workspace" loads. */
export const DEFAULT_SAMPLE = { clients: 120, devices: 6000 }

/** What the inventory needs from the other services. */
export interface InventoryDeps {
  store: Store
  audit: AuditLog
  host: HostPorts
  /** Runs probes: SshSessionService.exec (trusted host keys and stored credentials only). */
  sessions: { exec: ProbeExec }
  /** Credential metadata, for the username of a device that names only a credential. */
  vault: { getCredential(id: string): { username: string } }
  /** Who and where "this-machine" is; defaults to this process's user and platform. */
  localMachine?: LocalMachine
  /** Called after the sample workspace was written, so other samples (tickets) can follow. */
  onSampleOpened?: (seed: number) => void
  /**
   * Called inside the transaction that created, changed or deleted a client's site, so what
   * was computed from its hours (ticket SLA deadlines) changes in the same commit.
   */
  onSitesChanged?: (clientId: string) => void
}

/** Whose uploads a direct call (a test, a tool) reads when it names no connection. */
const LOCAL_OWNER = 'local'

/** A CSV payload as the contract carries it: the file itself, or a finished upload's id. */
interface CsvPayload {
  text?: string | undefined
  base64?: string | undefined
  uploadId?: string | undefined
}

/** The inventory service. */
export class InventoryService {
  readonly collection: CollectionService
  private readonly clients: ClientStore
  private readonly writer: DeviceWriter
  private readonly history: DeviceHistory
  private readonly details: DeviceDetails
  private readonly search: DeviceSearchQueries
  private readonly uploads = new CsvUploads(() => this.now())
  /** The connections with an import in progress. */
  private readonly importing = new Set<string>()

  constructor(private readonly deps: InventoryDeps) {
    const db = deps.store.db
    this.clients = new ClientStore(db)
    this.writer = new DeviceWriter(db)
    this.history = new DeviceHistory(db)
    this.details = new DeviceDetails(db, this.history)
    this.search = new DeviceSearchQueries(db)
    this.collection = new CollectionService({
      store: deps.store,
      writer: this.writer,
      history: this.history,
      exec: (target, command, options) => deps.sessions.exec(target, command, options),
      credentialUsername: (id) => this.credentialUsername(id),
      clock: deps.host.clock,
      logger: deps.host.logger,
      audit: deps.audit,
      technician: deps.host.technician,
    })
  }

  // ---- summary and sample ---------------------------------------------------------------

  /** Counts, and whether the inventory is empty (first start). */
  summary() {
    const db = this.deps.store.db
    const now = this.readNow()
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM clients) AS clients, (SELECT count(*) FROM sites) AS sites,
           count(*) AS devices,
           coalesce(sum(online_until >= @now), 0) AS online,
           coalesce(sum(online_until < @now AND stale_until >= @now), 0) AS stale,
           coalesce(sum(stale_until < @now), 0) AS offline
         FROM devices`,
      )
      .get({ now }) as {
      clients: number
      sites: number
      devices: number
      online: number
      stale: number
      offline: number
    }
    const meta = db
      .prepare('SELECT value FROM inventory_meta WHERE key = ?')
      .pluck()
      .get(SAMPLE_META_KEY) as string | undefined
    const sample = meta ? (JSON.parse(meta) as SampleMeta) : null
    return {
      empty: counts.clients === 0,
      ...counts,
      sample: sample ? { seed: sample.seed, generatedAt: sample.generatedAt } : null,
    }
  }

  /** Loads the default sample into an empty inventory. */
  openSample(seed: number): { clients: number; sites: number; devices: number } {
    const workspace = generateSampleWorkspace({
      seed,
      ...DEFAULT_SAMPLE,
      now: this.now(),
      local: this.deps.localMachine ?? localMachine(),
    })
    const counts = writeSampleWorkspace(this.deps.store, workspace, { replace: false })
    this.deps.onSampleOpened?.(seed)
    this.deps.audit.append(this.now(), {
      actor: this.deps.host.technician,
      action: 'inventory.openSample',
      subject: `seed ${seed}`,
      detail: { ...counts },
    })
    return counts
  }

  // ---- clients and sites ---------------------------------------------------------------

  listClients(query?: string): ClientSummary[] {
    return this.clients.list(this.readNow(), query)
  }

  getClient(id: string): ClientSummary & { sites: Site[] } {
    return this.clients.get(id, this.readNow())
  }

  createClient(input: ClientInput): MspClient {
    return this.write('inventory.createClient', input.shortCode, (db, now) =>
      this.clients.create(db, input, now),
    )
  }

  updateClient(id: string, patch: Partial<ClientInput>): MspClient {
    return this.write('inventory.updateClient', id, (db, now) =>
      this.clients.update(db, id, patch, now),
    )
  }

  deleteClient(id: string, deleteDevices: boolean): { id: string; devicesDeleted: number } {
    return this.write('inventory.deleteClient', id, (db) => ({
      id,
      devicesDeleted: this.clients.delete(db, id, deleteDevices),
    }))
  }

  listSites(clientId: string): Site[] {
    this.clients.client(clientId)
    return this.clients.sites(clientId)
  }

  createSite(clientId: string, input: SiteInput): Site {
    return this.write('inventory.createSite', clientId, (db, now) => {
      const site = this.clients.createSite(db, clientId, input, now)
      this.deps.onSitesChanged?.(clientId)
      return site
    })
  }

  updateSite(id: string, patch: Partial<SiteInput>): Site {
    return this.write('inventory.updateSite', id, (db, now) => {
      const site = this.clients.updateSite(db, id, patch, now)
      this.deps.onSitesChanged?.(site.clientId)
      return site
    })
  }

  deleteSite(id: string): { id: string } {
    return this.write('inventory.deleteSite', id, (db) => {
      const { clientId } = this.clients.site(id)
      this.clients.deleteSite(db, id)
      this.deps.onSitesChanged?.(clientId)
      return { id }
    })
  }

  // ---- devices -----------------------------------------------------------------------

  searchDevices(input: DeviceSearch): { total: number; rows: DeviceSearchRow[] } {
    return this.search.search(input, this.readNow())
  }

  getDevice(id: string): DeviceDetail {
    return this.details.get(id, this.readNow())
  }

  /** Where sessions to the device go, as whom, with which credential: its stored settings. */
  sshEndpoint(deviceId: string): DeviceSshEndpoint {
    return deviceSshEndpoint(deviceId, this.writer.current(deviceId), (id) =>
      this.credentialUsername(id),
    )
  }

  private credentialUsername(id: string): string | null {
    try {
      return this.deps.vault.getCredential(id).username
    } catch {
      return null
    }
  }

  createDevice(input: DeviceCreate): DeviceDetail {
    const id = this.write('inventory.createDevice', input.hostname, (_db, now) => {
      const values = applyDeviceInput(blankDevice(input.clientId, input.hostname), input)
      this.writer.validate(values)
      return this.writer.insertUnchecked(values, now)
    })
    return this.getDevice(id)
  }

  updateDevice(input: DeviceUpdate): DeviceDetail {
    const { id, ...patch } = input
    this.write('inventory.updateDevice', id, (_db, now) => {
      const current = this.writer.current(id)
      const next = applyDeviceInput(current, patch)
      // Moving to another client leaves the old client's site behind.
      if (next.clientId !== current.clientId && patch.siteId === undefined) next.siteId = null
      this.writer.validate(next, id)
      this.writer.update(id, next, now)
    })
    return this.getDevice(id)
  }

  deleteDevices(ids: readonly string[]): { deleted: number } {
    return this.write('inventory.deleteDevices', `${ids.length} devices`, () => ({
      deleted: this.writer.delete(ids),
    }))
  }

  deviceChanges(deviceId: string, limit: number, beforeId?: number): DeviceChange[] {
    this.writer.current(deviceId)
    return this.history.changes(deviceId, limit, beforeId)
  }

  getSnapshot(id: number): SnapshotSummary & { facts: Record<string, unknown> } {
    return this.history.snapshot(id)
  }

  // ---- collection --------------------------------------------------------------------

  collect(deviceIds: readonly string[], concurrency: number): CollectionRun {
    return this.collection.collect(deviceIds, { concurrency })
  }

  // ---- CSV ---------------------------------------------------------------------------

  // `owner` is the connection asking: an upload belongs to the connection that began it.

  csvUploadBegin(owner: string, size: number): { uploadId: string; chunkBytes: number } {
    return this.uploads.begin(owner, size)
  }

  csvUploadChunk(
    owner: string,
    uploadId: string,
    offset: number,
    base64: string,
  ): { received: number; complete: boolean } {
    return this.uploads.chunk(owner, uploadId, offset, Buffer.from(base64, 'base64'))
  }

  csvUploadEnd(owner: string, uploadId: string): { released: boolean } {
    return { released: this.uploads.end(owner, uploadId) }
  }

  /** Drops the uploads of a connection that closed. */
  csvConnectionClosed(owner: string): void {
    this.uploads.endAll(owner)
  }

  async csvPreview(
    input: CsvPayload & {
      mapping?: Array<CsvTarget | null> | undefined
      clientId?: string
      mode?: CsvImportMode
      newClients?: CsvNewClient[]
      dateOrder?: CsvDateOrder
      timeZone?: string
    },
    owner = LOCAL_OWNER,
  ) {
    const checked = await previewCsv(this.deps.store.db, this.csvBytes(input, owner), {
      mapping: input.mapping,
      clientId: input.clientId,
      mode: input.mode,
      newClients: input.newClients,
      dateOrder: input.dateOrder,
      timeZone: input.timeZone,
    })
    return previewReply(checked)
  }

  /**
   * Checks the file in steps (the host answers other calls meanwhile), then inserts its valid
   * rows in one transaction. One import runs per connection at a time, as each holds its
   * checked rows in memory until they are written.
   */
  async csvImport(
    input: CsvPayload & {
      mapping: Array<CsvTarget | null>
      clientId?: string
      mode?: CsvImportMode
      newClients?: CsvNewClient[]
      dateOrder?: CsvDateOrder
      timeZone?: string
    },
    owner = LOCAL_OWNER,
  ): Promise<{
    imported: number
    clientsCreated: number
    updated: number
    sitesCreated: number
    rejected: CsvRejectedRow[]
    rejectedCount: number
    rejectedCsv: string | null
  }> {
    if (this.importing.has(owner)) {
      throw new DomainError(
        'conflict',
        'A CSV import is already running here; wait for it to finish',
      )
    }
    this.importing.add(owner)
    try {
      const bytes = this.csvBytes(input, owner)
      const checked = await checkImport(this.deps.store.db, bytes, input)
      const now = this.now()
      let sitesCreated = 0
      let clientsCreated = 0
      const outcome = this.deps.store.transaction((db) => {
        // The new clients first, so the rows naming them pass the recheck of their client.
        clientsCreated = createPendingClients(
          checked.valid,
          input.newClients ?? [],
          (client) => this.clients.create(db, client, now).id,
        ).length
        const checkedRows = recheckImport(db, checked)
        const rows = checkedRows.filter((row) => !row.update)
        const siteOf = this.siteResolver(now)
        let updated = 0
        for (const row of checkedRows) {
          if (
            row.update &&
            applyRowUpdate(this.writer, checked, { ...row, update: row.update }, siteOf, now)
          ) {
            updated += 1
          }
        }
        sortRejected(checked)
        if (rows.length > 0) {
          this.writer.bulkLoad(rows.length, (insert) => {
            for (const row of rows) {
              if (row.siteName !== null) {
                row.values.siteId = siteOf(row.values.clientId, row.siteName)
              }
              insert(row.values, now)
            }
          })
        }
        sitesCreated = siteOf.created()
        for (const clientId of siteOf.clientsWithNewSites()) this.deps.onSitesChanged?.(clientId)
        this.deps.audit.record(db, now, {
          actor: this.deps.host.technician,
          action: 'inventory.csvImport',
          subject: `${rows.length + updated} devices`,
          detail: {
            rejected: checked.rejectedCount,
            created: rows.length,
            updated,
            clientsCreated,
          },
        })
        return importOutcome(checked, rows.length, updated)
      })
      // The file is in the store now; its upload has done its job.
      if (input.uploadId !== undefined) this.uploads.end(owner, input.uploadId)
      return { ...outcome, sitesCreated, clientsCreated }
    } finally {
      this.importing.delete(owner)
    }
  }

  csvExport(filter: DeviceFilter): { csv: string; rows: number; filename: string } {
    const now = this.readNow()
    const { csv, rows } = exportCsv(this.search.iterate(filter, now))
    const day = new Date(now).toISOString().slice(0, 10)
    return { csv, rows, filename: `switchboard-devices-${day}.csv` }
  }

  dispose(): void {
    this.collection.dispose()
  }

  /** The file's bytes, from the message or from a finished chunked upload. */
  private csvBytes(input: CsvPayload, owner: string): Buffer {
    return input.uploadId !== undefined
      ? this.uploads.bytes(owner, input.uploadId)
      : payloadBytes(input)
  }

  /**
   * Finds a client's site by name (without case), creating the sites a client does not have
   * yet; for a write in progress, so created sites share its transaction.
   */
  private siteResolver(now: number): ((clientId: string, name: string) => string) & {
    created(): number
    clientsWithNewSites(): string[]
  } {
    const known = new Map<string, string>()
    const key = (clientId: string, name: string): string => `${clientId}\n${name.toLowerCase()}`
    const loaded = new Set<string>()
    let created = 0
    const gainedSites = new Set<string>()
    const resolve = (clientId: string, name: string): string => {
      if (!loaded.has(clientId)) {
        for (const site of this.clients.sites(clientId)) {
          known.set(key(clientId, site.name), site.id)
        }
        loaded.add(clientId)
      }
      let siteId = known.get(key(clientId, name))
      if (siteId === undefined) {
        siteId = this.clients.createSite(
          this.deps.store.db,
          clientId,
          { name, address: '', timeZone: 'UTC' },
          now,
        ).id
        known.set(key(clientId, name), siteId)
        created += 1
        gainedSites.add(clientId)
      }
      return siteId
    }
    return Object.assign(resolve, {
      created: () => created,
      clientsWithNewSites: () => [...gainedSites],
    })
  }

  /** Runs a write and its audit row in one transaction. */
  private write<T>(
    action: string,
    subject: string,
    work: (db: Store['db'], now: number) => T,
    detail: Record<string, unknown> = {},
  ): T {
    const now = this.now()
    return this.deps.store.transaction((db) => {
      const result = work(db, now)
      this.deps.audit.record(db, now, {
        actor: this.deps.host.technician,
        action,
        subject,
        detail,
      })
      return result
    })
  }

  private now(): number {
    return this.deps.host.clock.now()
  }

  /** The time for a read that derives status, with the sample's times brought up to it. */
  private readNow(): number {
    const now = this.now()
    keepSampleCurrent(this.deps.store, now)
    return now
  }
}

/** This process's user, platform and time zone, for the "this-machine" sample device. */
export function localMachine(): LocalMachine {
  return {
    user: userInfo().username,
    platform: process.platform,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  }
}
