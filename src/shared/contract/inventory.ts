import { z } from 'zod'
import { BusinessHours } from '../domain/sla'
import { call, event } from '../rpc/define'
import { jsonTextBytes } from '../rpc/limits'

const Id = z.string().min(1).max(100)
/** Epoch milliseconds. */
const Millis = z.number().int()
const Count = z.number().int().min(0).max(1_000_000)
const Port = z.number().int().min(1).max(65535)
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

/** What a device is for; drives icons, default columns and which probe makes sense. */
export const DeviceRole = z.enum(['workstation', 'server', 'network', 'printer', 'other'])
export type DeviceRole = z.infer<typeof DeviceRole>

/** Operating system family; picks the inventory probe (sh for linux/macos, WinRM for windows). */
export const OsFamily = z.enum(['windows', 'linux', 'macos', 'other'])
export type OsFamily = z.infer<typeof OsFamily>

/** Derived from last seen against the client's online/stale thresholds; never stored. */
export const DeviceStatus = z.enum(['online', 'stale', 'offline'])
export type DeviceStatus = z.infer<typeof DeviceStatus>

/** Antivirus/EDR health as an RMM shows it. */
export const AvStatus = z.enum(['healthy', 'disabled', 'outdated', 'missing'])
export type AvStatus = z.infer<typeof AvStatus>

/** An IPv4 or IPv6 address without a zone suffix. */
export const IpAddress = z.union([z.ipv4(), z.ipv6()], { error: 'Not an IPv4 or IPv6 address' })

/** A hardware address, lower-case and colon-separated on output. */
export const MacAddress = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{2}([:-]?[0-9a-fA-F]{2}){5}$/, 'Not a MAC address (aa:bb:cc:dd:ee:ff)')
  .transform((mac) =>
    mac
      .replace(/[:-]/g, '')
      .toLowerCase()
      .replace(/(..)(?!$)/g, '$1:'),
  )

/** A device name as RMMs show it: no control characters, at most a DNS name's length. */
export const Hostname = z
  .string()
  .trim()
  .min(1, 'Hostname is required')
  .max(253)
  .regex(/^[^\p{Cc}]+$/u, 'Hostname contains control characters')

const SshHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[\w.:[\]%-]+$/, 'Host names and addresses only')

/** One volume: mount point or drive letter, size and free space in bytes. */
export const DeviceDisk = z.object({
  mount: z.string().max(512),
  fsType: z.string().max(64),
  sizeBytes: z.number().int().min(0),
  freeBytes: z.number().int().min(0),
  device: z.string().max(512).optional(),
})
export type DeviceDisk = z.infer<typeof DeviceDisk>

const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
      return true
    } catch {
      return false
    }
  }, 'Unknown time zone: use an IANA name such as "Europe/Berlin"')

// ---------------------------------------------------------------------------------------------
// Clients and sites

/** A client's editable fields (also what team sync carries of a client). */
export const clientFields = {
  name: z.string().trim().min(1, 'Name is required').max(200),
  shortCode: z
    .string()
    .trim()
    .min(1)
    .max(16)
    .regex(/^[A-Za-z0-9_-]+$/, 'Short codes use letters, digits, - and _ only'),
  contractTier: z.string().trim().max(60),
  notes: z.string().max(20_000),
  /** Last seen within this many minutes: online. */
  onlineMinutes: z.number().int().min(1).max(525_600),
  /** Last seen within this many minutes (but not online): stale; older: offline. */
  staleMinutes: z.number().int().min(1).max(5_256_000),
}

/** A customer of the MSP (named so it never reads as an RPC client). */
export const MspClient = z.object({
  id: Id,
  name: z.string(),
  shortCode: z.string(),
  contractTier: z.string(),
  notes: z.string(),
  onlineMinutes: z.number().int(),
  staleMinutes: z.number().int(),
  createdAt: Millis,
  updatedAt: Millis,
})
export type MspClient = z.infer<typeof MspClient>

/** Health counts across a client's devices, for the client list. */
export const ClientRollup = z.object({
  devices: z.number().int(),
  offline: z.number().int(),
  /** Devices with at least one pending patch. */
  patchesPending: z.number().int(),
  /** Devices with a backup product and no successful backup in the last 48 hours. */
  backupsFailing: z.number().int(),
  /** Devices whose warranty ends within the next 90 days (not those already expired). */
  warrantiesExpiring: z.number().int(),
  sites: z.number().int(),
})
export type ClientRollup = z.infer<typeof ClientRollup>

/** A client with its rollup, as the client list shows it. */
export const ClientSummary = MspClient.extend({ rollup: ClientRollup })
export type ClientSummary = z.infer<typeof ClientSummary>

/** One office or location of a client. */
export const Site = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  businessHours: BusinessHours,
  devices: z.number().int(),
  createdAt: Millis,
  updatedAt: Millis,
})
export type Site = z.infer<typeof Site>

const thresholdsInOrder = (c: { onlineMinutes?: number; staleMinutes?: number }): boolean =>
  c.onlineMinutes === undefined || c.staleMinutes === undefined || c.staleMinutes >= c.onlineMinutes

export const siteFields = {
  name: z.string().trim().min(1, 'Name is required').max(200),
  address: z.string().trim().max(1000),
  timeZone: TimeZone,
  /** Opening hours; their timeZone must be the site's. Default: Mon–Fri 08:00–17:00. */
  businessHours: BusinessHours,
}

const sameZone = (s: { timeZone?: string; businessHours?: { timeZone: string } }): boolean =>
  !s.businessHours || !s.timeZone || s.businessHours.timeZone === s.timeZone

// ---------------------------------------------------------------------------------------------
// Devices

/** Every editable device field; all optional so the same shape serves create and update. */
export const deviceFields = {
  siteId: Id.nullable().optional(),
  /** The hostname the device reported at its last collection, beside the name it was given. */
  collectedHostname: optionalText(253),
  fqdn: optionalText(253),
  role: DeviceRole.optional(),
  osFamily: OsFamily.optional(),
  osName: optionalText(256),
  osVersion: optionalText(128),
  osBuild: optionalText(128),
  osArch: optionalText(64),
  kernel: optionalText(256),
  manufacturer: optionalText(256),
  model: optionalText(256),
  serial: optionalText(128),
  assetTag: optionalText(128),
  cpuModel: optionalText(256),
  cpuCores: Count.nullable().optional(),
  cpuThreads: Count.nullable().optional(),
  ramBytes: z.number().int().min(0).nullable().optional(),
  disks: z.array(DeviceDisk).max(128).optional(),
  localIps: z.array(IpAddress).max(128).optional(),
  publicIp: IpAddress.nullable().optional(),
  macs: z.array(MacAddress).max(128).optional(),
  loggedInUser: optionalText(256),
  lastUser: optionalText(256),
  lastBootAt: Millis.nullable().optional(),
  lastSeenAt: Millis.nullable().optional(),
  rebootRequired: z.boolean().nullable().optional(),
  patchesPending: Count.nullable().optional(),
  patchesFailed: Count.nullable().optional(),
  patchesInstalled: Count.nullable().optional(),
  lastPatchedAt: Millis.nullable().optional(),
  avProduct: optionalText(256),
  avStatus: AvStatus.nullable().optional(),
  backupProduct: optionalText(256),
  backupLastSuccessAt: Millis.nullable().optional(),
  warrantyEndAt: Millis.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(64).optional(),
  customFields: z.record(z.string().trim().min(1).max(100), z.string().max(4000)).optional(),
  sshHost: SshHost.nullable().optional(),
  sshPort: Port.nullable().optional(),
  sshUser: optionalText(256),
  /** Forward the technician's SSH agent to this device's sessions; off unless set. */
  sshAgentForwarding: z.boolean().optional(),
  winrmUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable()
    .optional(),
  /** A vault credential used for collection and sessions. */
  credentialId: Id.nullable().optional(),
  notes: z.string().max(20_000).optional(),
}

/** What a new device needs: a client and a hostname; everything else may come later. */
export const DeviceCreate = z.object({ clientId: Id, hostname: Hostname, ...deviceFields }).strict()
export type DeviceCreate = z.infer<typeof DeviceCreate>

/** A partial change to a device; absent fields stay as they are, null clears. */
export const DeviceUpdate = z
  .object({ id: Id, clientId: Id.optional(), hostname: Hostname.optional(), ...deviceFields })
  .strict()
export type DeviceUpdate = z.infer<typeof DeviceUpdate>

/** The slim row the device table shows; one per device, cheap to send 100 at a time. */
export const DeviceRow = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  siteId: Id.nullable(),
  siteName: z.string().nullable(),
  /** The technician's name for the device. */
  hostname: z.string(),
  /** The hostname the device reported at its last collection; null before one. */
  collectedHostname: z.string().nullable(),
  fqdn: z.string().nullable(),
  role: DeviceRole,
  osFamily: OsFamily,
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  /** The first local address, for the table; the detail has all of them. */
  ip: z.string().nullable(),
  publicIp: z.string().nullable(),
  loggedInUser: z.string().nullable(),
  cpuCores: z.number().int().nullable(),
  ramBytes: z.number().int().nullable(),
  lastSeenAt: Millis.nullable(),
  status: DeviceStatus,
  rebootRequired: z.boolean().nullable(),
  patchesPending: z.number().int().nullable(),
  avStatus: AvStatus.nullable(),
  backupLastSuccessAt: Millis.nullable(),
  warrantyEndAt: Millis.nullable(),
  tags: z.array(z.string()),
})
export type DeviceRow = z.infer<typeof DeviceRow>

/** The device fields a search can match on, for saying why a row is in the results. */
export const DeviceMatchField = z.enum([
  'hostname',
  /** Any of the device's local addresses, not only the first one the table shows. */
  'ip',
  'serial',
  'publicIp',
  'mac',
  'assetTag',
  'fqdn',
  'client',
  'os',
  'manufacturer',
  'model',
  'user',
  'tags',
])
export type DeviceMatchField = z.infer<typeof DeviceMatchField>

/**
 * Why a device is in a search's results: the field and the value the (first) word matched,
 * and how. Exact and prefix matches on hostname, IP and serial rank first.
 */
export const DeviceMatch = z.object({
  field: DeviceMatchField,
  value: z.string(),
  how: z.enum(['exact', 'prefix', 'contains', 'word']),
})
export type DeviceMatch = z.infer<typeof DeviceMatch>

/** A device table row from a search; `matched` is there when the search had text. */
export const DeviceSearchRow = DeviceRow.extend({ matched: DeviceMatch.optional() })
export type DeviceSearchRow = z.infer<typeof DeviceSearchRow>

/** One recorded difference between two collections, e.g. "RAM 8 GB → 16 GB". */
export const DeviceChange = z.object({
  id: z.number().int(),
  deviceId: Id,
  snapshotId: z.number().int().nullable(),
  at: Millis,
  /** Dotted path such as 'memoryBytes', 'os.kernel', 'disks./'. */
  field: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
})
export type DeviceChange = z.infer<typeof DeviceChange>

/** One stored collection result, without its facts. */
export const SnapshotSummary = z.object({
  id: z.number().int(),
  deviceId: Id,
  collectedAt: Millis,
  source: z.enum(['ssh', 'winrm']),
  /** What the probe could not find out, in words. */
  problems: z.array(z.string()),
  changes: z.number().int(),
})
export type SnapshotSummary = z.infer<typeof SnapshotSummary>

/** Everything known about one device, for its detail page. */
export const DeviceDetail = DeviceRow.extend({
  osBuild: z.string().nullable(),
  osArch: z.string().nullable(),
  kernel: z.string().nullable(),
  assetTag: z.string().nullable(),
  cpuModel: z.string().nullable(),
  cpuThreads: z.number().int().nullable(),
  disks: z.array(DeviceDisk),
  localIps: z.array(z.string()),
  macs: z.array(z.string()),
  lastUser: z.string().nullable(),
  lastBootAt: Millis.nullable(),
  patchesFailed: z.number().int().nullable(),
  patchesInstalled: z.number().int().nullable(),
  lastPatchedAt: Millis.nullable(),
  avProduct: z.string().nullable(),
  backupProduct: z.string().nullable(),
  customFields: z.record(z.string(), z.string()),
  sshHost: z.string().nullable(),
  sshPort: z.number().int().nullable(),
  sshUser: z.string().nullable(),
  sshAgentForwarding: z.boolean(),
  winrmUrl: z.string().nullable(),
  credentialId: Id.nullable(),
  notes: z.string(),
  /** The client's thresholds the status was derived with. */
  onlineMinutes: z.number().int(),
  staleMinutes: z.number().int(),
  createdAt: Millis,
  updatedAt: Millis,
  recentChanges: z.array(DeviceChange),
  snapshots: z.array(SnapshotSummary),
})
export type DeviceDetail = z.infer<typeof DeviceDetail>

/** Columns the device table can sort on. */
export const DeviceSortColumn = z.enum([
  'hostname',
  'client',
  'site',
  'role',
  'osFamily',
  'osName',
  'osVersion',
  'manufacturer',
  'model',
  'serial',
  'ip',
  'publicIp',
  'fqdn',
  'loggedInUser',
  'cpuCores',
  'ramBytes',
  'lastSeen',
  'status',
  'rebootRequired',
  'patchesPending',
  'avStatus',
  'backupLastSuccess',
  'warrantyEnd',
  'createdAt',
])
export type DeviceSortColumn = z.infer<typeof DeviceSortColumn>

const searchFilterFields = {
  /**
   * Free text over hostname, FQDN, IPs, MACs, serial, asset tag, users, tags, OS, hardware
   * and client. Each word of 3+ characters matches as a substring ("10.2.3", "7XK"); shorter
   * ones match word prefixes. All words must match.
   */
  query: z.string().max(200).optional(),
  clientId: Id.optional(),
  siteId: Id.optional(),
  role: DeviceRole.optional(),
  osFamily: OsFamily.optional(),
  status: DeviceStatus.optional(),
  /** true: at least one pending patch; false: none pending. */
  patchesPending: z.boolean().optional(),
  /** true: antivirus disabled, outdated or missing; false: healthy. */
  avUnhealthy: z.boolean().optional(),
  /** true: a backup product with no success in 48 hours; false: backed up within 48 hours. */
  backupFailing: z.boolean().optional(),
  /** Warranty ends between now and this many days from now. */
  warrantyExpiringWithinDays: z.number().int().min(0).max(36_500).optional(),
  sort: z
    .object({ column: DeviceSortColumn, direction: z.enum(['asc', 'desc']).default('asc') })
    .strict()
    .default({ column: 'hostname', direction: 'asc' }),
}

/** Filters and sort of a device view; the export takes the same. */
export const DeviceFilter = z.object(searchFilterFields).strict()
export type DeviceFilter = z.infer<typeof DeviceFilter>

/** One page of a device view. */
export const DeviceSearch = z
  .object({
    ...searchFilterFields,
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
export type DeviceSearch = z.infer<typeof DeviceSearch>

// ---------------------------------------------------------------------------------------------
// Collection

/** Why a device could not be collected, so the UI can say what to do. */
export const CollectionFailureReason = z.enum([
  'unreachable',
  'auth-failed',
  /** The device's credential is scoped to another client or device, so it was not sent. */
  'credential-scope',
  'host-key-untrusted',
  'host-key-changed',
  'no-endpoint',
  'winrm-unavailable',
  'unsupported-os',
  'vault-locked',
  'timeout',
  'probe-failed',
])
export type CollectionFailureReason = z.infer<typeof CollectionFailureReason>

/** Per-device progress of a collection run, or the run's own start and end. */
export const CollectionProgress = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('device'),
    runId: Id,
    deviceId: Id,
    hostname: z.string(),
    state: z.enum(['queued', 'connecting', 'collecting', 'done', 'failed', 'cancelled']),
    at: Millis,
    failure: z.object({ reason: CollectionFailureReason, message: z.string() }).optional(),
    result: z
      .object({
        snapshotId: z.number().int(),
        problems: z.array(z.string()),
        changes: z.array(z.object({ field: z.string(), summary: z.string() })),
      })
      .optional(),
  }),
  z.object({
    type: z.literal('run'),
    runId: Id,
    state: z.enum(['started', 'finished']),
    at: Millis,
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  }),
])
export type CollectionProgress = z.infer<typeof CollectionProgress>

// ---------------------------------------------------------------------------------------------
// CSV

/** Device fields a CSV column can fill; 'client' and 'site' are matched by name or code. */
export const CsvField = z.enum([
  'hostname',
  'client',
  'site',
  'fqdn',
  'role',
  'osFamily',
  'osName',
  'osVersion',
  'osBuild',
  'osArch',
  'kernel',
  'manufacturer',
  'model',
  'serial',
  'assetTag',
  'cpuModel',
  'cpuCores',
  'ram',
  'ip',
  'publicIp',
  'mac',
  'loggedInUser',
  'lastUser',
  'lastBoot',
  'lastSeen',
  'rebootRequired',
  'patchesPending',
  'patchesFailed',
  'patchesInstalled',
  'lastPatched',
  'avProduct',
  'avStatus',
  'backupProduct',
  'backupLastSuccess',
  'warrantyEnd',
  'tags',
  'sshHost',
  'sshPort',
  'sshUser',
  'winrmUrl',
  'notes',
])
export type CsvField = z.infer<typeof CsvField>

/** Where one CSV column goes: a device field, a custom field ('custom:Rack'), or nowhere. */
export const CsvTarget = z.union([
  CsvField,
  z.string().regex(/^custom:.{1,100}$/, 'Custom fields are written custom:<name>'),
])
export type CsvTarget = z.infer<typeof CsvTarget>

/** What a CSV payload may take of one message (RPC_MESSAGE_MAX_BYTES), leaving room for the
 * envelope and mapping. */
export const CSV_MESSAGE_MAX_BYTES = 15 * 1024 * 1024
const MAX_CSV_CHARS = CSV_MESSAGE_MAX_BYTES

/**
 * Files larger than one message go up in chunks: `csvUploadBegin` with the size, then
 * `csvUploadChunk`s of at most CSV_UPLOAD_CHUNK_BYTES (base64, in order), then `csvPreview` /
 * `csvImport` with the upload id, and `csvUploadEnd` when done.
 */
export const CSV_UPLOAD_MAX_BYTES = 64 * 1024 * 1024
/** File bytes per chunk; as base64 a chunk is 4/3 of that, well inside one message. */
export const CSV_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024
/** The most columns a CSV file may have: a row with more is refused before it is read whole. */
export const CSV_MAX_COLUMNS = 500
/**
 * The most data rows one import takes. Every valid row goes in with one transaction, which
 * holds the host while it runs; this keeps that under about a second (`npm run bench:inventory`
 * prints it: 0.67 s for 25,000 rows, 1.24 s for 30,000 on a busy 2-core machine).
 */
export const CSV_IMPORT_MAX_ROWS = 25_000
/** Rejected rows an import lists and puts in the download; the rest are only counted. */
export const CSV_REJECTED_KEPT_ROWS = 1000

const Base64 = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64')

/** A CSV file as text, as base64 (so bytes that are not UTF-8 survive to be reported), or as
 * the id of a finished chunked upload. */
const csvPayload = {
  text: z
    .string()
    .max(MAX_CSV_CHARS)
    .refine((text) => jsonTextBytes(text) <= CSV_MESSAGE_MAX_BYTES, {
      message: `The file is larger than ${CSV_MESSAGE_MAX_BYTES / 1024 / 1024} MiB; upload it in chunks`,
    })
    .optional(),
  base64: Base64(MAX_CSV_CHARS).optional(),
  uploadId: Id.optional(),
}
const onePayload = (p: {
  text?: string | undefined
  base64?: string | undefined
  uploadId?: string | undefined
}): boolean => [p.text, p.base64, p.uploadId].filter((x) => x !== undefined).length === 1
const payloadMessage = {
  message: 'Send the file as one of text, base64 or an upload id',
  path: ['text'],
}

/** One rejected CSV row: its number (the header is row 1), why, and its text. */
export const CsvRejectedRow = z.object({
  row: z.number().int(),
  reason: z.string(),
  raw: z.string(),
})
export type CsvRejectedRow = z.infer<typeof CsvRejectedRow>

/**
 * How an import treats a row whose device exists: 'create' rejects it as a duplicate serial;
 * 'update' matches it by serial, then by hostname within its client, and updates that device.
 */
export const CsvImportMode = z.enum(['create', 'update'])
export type CsvImportMode = z.infer<typeof CsvImportMode>

/** A client an import creates, for rows that name a client not found (by name or code). */
export const CsvNewClient = z
  .object({ name: clientFields.name, shortCode: clientFields.shortCode })
  .strict()
export type CsvNewClient = z.infer<typeof CsvNewClient>

/** How slash dates are read: 3/4/2025 is March 4 ('mdy') or 3 April ('dmy'). */
export const CsvDateOrder = z.enum(['mdy', 'dmy'])
export type CsvDateOrder = z.infer<typeof CsvDateOrder>

/** The most clients one import creates. */
export const CSV_NEW_CLIENTS_MAX = 50

/** A field an update-mode row changes on its device, as text. */
export const CsvFieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() })
export type CsvFieldChange = z.infer<typeof CsvFieldChange>

// ---------------------------------------------------------------------------------------------

const InventorySummary = z.object({
  /** No clients yet: the UI offers "Open sample workspace". */
  empty: z.boolean(),
  clients: z.number().int(),
  sites: z.number().int(),
  devices: z.number().int(),
  online: z.number().int(),
  stale: z.number().int(),
  offline: z.number().int(),
  /** Set when the data came from the sample generator. */
  sample: z.object({ seed: z.number().int(), generatedAt: Millis }).nullable(),
})

/** Clients, sites and devices: search, detail, collection, CSV and the sample workspace. */
export const inventory = {
  summary: call({
    doc: 'Counts across the whole inventory, and whether it is empty (first start).',
    input: z.object({}).strict(),
    output: InventorySummary,
  }),
  openSample: call({
    doc: 'Fills an empty store with the sample workspace (120 clients, 6000 devices).',
    input: z
      .object({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .default(1),
      })
      .strict(),
    output: z.object({
      clients: z.number().int(),
      sites: z.number().int(),
      devices: z.number().int(),
    }),
  }),

  listClients: call({
    doc: 'Every client with its health rollup, by name.',
    input: z.object({ query: z.string().max(200).optional() }).strict(),
    output: z.object({ clients: z.array(ClientSummary) }),
  }),
  getClient: call({
    doc: 'One client with its rollup and sites.',
    input: z.object({ id: Id }).strict(),
    output: ClientSummary.extend({ sites: z.array(Site) }),
  }),
  createClient: call({
    doc: 'Adds a client; the short code must be unique (case-insensitive).',
    input: z
      .object({
        ...clientFields,
        contractTier: clientFields.contractTier.default('Standard'),
        notes: clientFields.notes.default(''),
        onlineMinutes: clientFields.onlineMinutes.default(15),
        staleMinutes: clientFields.staleMinutes.default(1440),
      })
      .strict()
      .refine(thresholdsInOrder, {
        message: 'The stale threshold must not be shorter than the online one',
        path: ['staleMinutes'],
      }),
    output: MspClient,
  }),
  updateClient: call({
    doc: 'Changes a client; absent fields stay as they are.',
    input: z
      .object({ id: Id, ...z.object(clientFields).partial().shape })
      .strict()
      .refine(thresholdsInOrder, {
        message: 'The stale threshold must not be shorter than the online one',
        path: ['staleMinutes'],
      }),
    output: MspClient,
  }),
  deleteClient: call({
    doc: 'Deletes a client and its sites; refuses while it has devices unless deleteDevices.',
    input: z.object({ id: Id, deleteDevices: z.boolean().default(false) }).strict(),
    output: z.object({ id: Id, devicesDeleted: z.number().int() }),
  }),

  listSites: call({
    doc: 'The sites of one client, by name.',
    input: z.object({ clientId: Id }).strict(),
    output: z.object({ sites: z.array(Site) }),
  }),
  createSite: call({
    doc: 'Adds a site to a client.',
    input: z
      .object({
        clientId: Id,
        ...siteFields,
        address: siteFields.address.default(''),
        timeZone: siteFields.timeZone.default('UTC'),
        businessHours: siteFields.businessHours.optional(),
      })
      .strict()
      .refine(sameZone, {
        message: 'Business hours must use the site’s time zone',
        path: ['businessHours'],
      }),
    output: Site,
  }),
  updateSite: call({
    doc: 'Changes a site; absent fields stay as they are.',
    input: z
      .object({ id: Id, ...z.object(siteFields).partial().shape })
      .strict()
      .refine(sameZone, {
        message: 'Business hours must use the site’s time zone',
        path: ['businessHours'],
      }),
    output: Site,
  }),
  deleteSite: call({
    doc: 'Deletes a site; its devices stay with the client, without a site.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: Id }),
  }),

  searchDevices: call({
    doc:
      'One page of devices matching text and filters, with the total count. With text, exact ' +
      'then prefix matches on hostname, IP and serial come first; each row says what matched.',
    input: DeviceSearch,
    output: z.object({ total: z.number().int(), rows: z.array(DeviceSearchRow) }),
  }),
  getDevice: call({
    doc: 'One device: every field, disks, recent changes and its collection snapshots.',
    input: z.object({ id: Id }).strict(),
    output: DeviceDetail,
  }),
  createDevice: call({
    doc: 'Adds a device by hand.',
    input: DeviceCreate,
    output: DeviceDetail,
  }),
  updateDevice: call({
    doc: 'Changes a device; absent fields stay as they are, null clears a field.',
    input: DeviceUpdate,
    output: DeviceDetail,
  }),
  deleteDevices: call({
    doc: 'Deletes devices (one or a selection) with their snapshots and changes.',
    input: z.object({ ids: z.array(Id).min(1).max(100_000) }).strict(),
    output: z.object({ deleted: z.number().int() }),
  }),
  deviceChanges: call({
    doc: 'A device’s recorded changes, newest first; page with beforeId.',
    input: z
      .object({
        deviceId: Id,
        limit: z.number().int().min(1).max(1000).default(100),
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({ changes: z.array(DeviceChange) }),
  }),
  getSnapshot: call({
    doc: 'One stored collection: the facts the probe reported and its problems.',
    input: z.object({ id: z.number().int() }).strict(),
    output: SnapshotSummary.extend({ facts: z.record(z.string(), z.unknown()) }),
  }),

  collect: call({
    doc: 'Refreshes the inventory of devices over SSH (WinRM later); progress comes as events.',
    input: z
      .object({
        deviceIds: z.array(Id).min(1).max(10_000),
        concurrency: z.number().int().min(1).max(64).default(8),
      })
      .strict(),
    output: z.object({ runId: Id, queued: z.number().int() }),
  }),
  cancelCollection: call({
    doc: 'Stops a collection run: queued devices are skipped, running probes are killed.',
    input: z.object({ runId: Id }).strict(),
    output: z.object({ cancelled: z.number().int() }),
  }),
  onDidChange: event({
    doc: 'Fires after team sync changed inventory rows here (pulled, or a refused change undone).',
    input: z.object({}).strict(),
    data: z.object({ clientIds: z.array(Id) }),
  }),
  onCollectionProgress: event({
    doc: 'Progress of collection runs (one run, or all when runId is absent).',
    input: z.object({ runId: Id.optional() }).strict(),
    data: CollectionProgress,
  }),

  csvUploadBegin: call({
    doc: 'Starts a chunked CSV upload of `size` bytes, for files too large for one message.',
    input: z.object({ size: z.number().int().min(1).max(CSV_UPLOAD_MAX_BYTES) }).strict(),
    output: z.object({
      uploadId: Id,
      /** The most file bytes one chunk may carry. */
      chunkBytes: z.number().int(),
    }),
  }),
  csvUploadChunk: call({
    doc: 'Adds the bytes at `offset` (base64) to an upload; chunks go in order.',
    input: z
      .object({
        uploadId: Id,
        offset: z.number().int().min(0).max(CSV_UPLOAD_MAX_BYTES),
        base64: Base64(Math.ceil(CSV_UPLOAD_CHUNK_BYTES / 3) * 4).min(1),
      })
      .strict(),
    output: z.object({
      received: z.number().int(),
      /** All `size` bytes are in: csvPreview and csvImport take the upload id now. */
      complete: z.boolean(),
    }),
  }),
  csvUploadEnd: call({
    doc: 'Forgets an upload (a successful import does this itself); false when already gone.',
    input: z.object({ uploadId: Id }).strict(),
    output: z.object({ released: z.boolean() }),
  }),
  csvPreview: call({
    doc: 'Reads a CSV file: headers, an auto-matched mapping and the first 20 rows checked (cut to size).',
    input: z
      .object({
        ...csvPayload,
        /** Re-check with a mapping the technician changed; omitted: auto-matched. */
        mapping: z.array(CsvTarget.nullable()).max(CSV_MAX_COLUMNS).optional(),
        clientId: Id.optional(),
        /** Omitted: 'create'. */
        mode: CsvImportMode.optional(),
        /** Clients to create for rows that name them; they match by name or short code. */
        newClients: z.array(CsvNewClient).max(CSV_NEW_CLIENTS_MAX).optional(),
        /** Omitted: found from the file's dates; a problem when they fit both orders. */
        dateOrder: CsvDateOrder.optional(),
        /** Where times without a zone are read; omitted: each row's site's (see csvImport). */
        timeZone: TimeZone.optional(),
      })
      .strict()
      .refine(onePayload, payloadMessage),
    output: z.object({
      headers: z.array(z.string()),
      delimiter: z.string(),
      mapping: z.array(CsvTarget.nullable()),
      /** What is wrong with the mapping as a whole (e.g. nothing mapped to hostname). */
      problems: z.array(z.string()),
      totalRows: z.number().int(),
      rows: z.array(
        z.object({
          row: z.number().int(),
          cells: z.array(z.string()),
          problems: z.array(z.string()),
          /** What importing the row would do; 'reject' when it has problems. */
          action: z.enum(['create', 'update', 'reject']),
          /** For 'update': the fields that change, old → new (empty: the device is as the row says). */
          changes: z.array(CsvFieldChange),
        }),
      ),
      /** Long cells, headers or problems were shortened, or rows left out, to keep the reply small. */
      truncated: z.boolean(),
      /**
       * The client column's texts (over the whole file) that no client has as id, short code or
       * name, with a short code proposed from the name and how many rows name it.
       */
      unknownClients: z.array(
        z.object({ name: z.string(), shortCode: z.string(), rows: z.number().int() }),
      ),
      /** Whether date columns hold slash dates, and the order the file's values decide (if any). */
      dateOrder: z.object({
        slashDates: z.boolean(),
        detected: CsvDateOrder.nullable(),
        /** Date columns hold times without a zone, read in the import's zone. */
        zonelessTimes: z.boolean(),
      }),
    }),
  }),
  csvImport: call({
    doc: `Imports every valid row in one transaction (files of up to ${CSV_IMPORT_MAX_ROWS} rows); lists the rejected rows with reasons.`,
    input: z
      .object({
        ...csvPayload,
        /** One target per column, in header order. */
        mapping: z.array(CsvTarget.nullable()).max(CSV_MAX_COLUMNS),
        /** The client of every row, unless a 'client' column names one. */
        clientId: Id.optional(),
        /** Omitted: 'create'. */
        mode: CsvImportMode.optional(),
        /** Clients to create, in the import's transaction, for rows that name them. */
        newClients: z.array(CsvNewClient).max(CSV_NEW_CLIENTS_MAX).optional(),
        /** Omitted: found from the file's dates; refused when they fit both orders. */
        dateOrder: CsvDateOrder.optional(),
        /**
         * Where times without a zone ("2025-03-04 14:05") are read. Omitted: the row's site's
         * zone, else the updated device's site's, else the client's first site's, else UTC.
         * A date alone stays a calendar day.
         */
        timeZone: TimeZone.optional(),
      })
      .strict()
      .refine(onePayload, payloadMessage),
    output: z.object({
      imported: z.number().int(),
      /** Clients created for the import's rows. */
      clientsCreated: z.number().int(),
      /** Existing devices an update-mode import changed (or found as the row says). */
      updated: z.number().int(),
      sitesCreated: z.number().int(),
      /** The first CSV_REJECTED_KEPT_ROWS rejected rows, in file order. */
      rejected: z.array(CsvRejectedRow),
      /** Every rejected row, listed or not. */
      rejectedCount: z.number().int(),
      /** The listed rejected rows with an Error column, for download; null when none. */
      rejectedCsv: z.string().nullable(),
    }),
  }),
  csvExport: call({
    doc: 'The current view (every matching row, in its sort) as CSV text.',
    input: DeviceFilter,
    output: z.object({ csv: z.string(), rows: z.number().int(), filename: z.string() }),
  }),
}
