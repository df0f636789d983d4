/**
 * A device's stored fields in one plain shape, and their translation to and from SQL columns.
 * Every write goes through `deviceColumns`, so the search mirrors (local_ips_text, macs_text,
 * tags_text) and the numeric IP sort key can never drift from the JSON they mirror.
 */
import { isIPv4 } from 'node:net'
import type {
  AvStatus,
  DeviceCreate,
  DeviceDisk,
  DeviceRole,
  DeviceUpdate,
  OsFamily,
} from '../../../shared/contract'

/** Every editable field of a device, with nothing left undefined. */
export interface DeviceValues {
  clientId: string
  siteId: string | null
  /** The technician's name for the device; a collection never changes it. */
  hostname: string
  /** The hostname the device itself reported at its last collection. */
  collectedHostname: string | null
  fqdn: string | null
  role: DeviceRole
  osFamily: OsFamily
  osName: string | null
  osVersion: string | null
  osBuild: string | null
  osArch: string | null
  kernel: string | null
  manufacturer: string | null
  model: string | null
  serial: string | null
  assetTag: string | null
  cpuModel: string | null
  cpuCores: number | null
  cpuThreads: number | null
  ramBytes: number | null
  disks: DeviceDisk[]
  localIps: string[]
  publicIp: string | null
  macs: string[]
  loggedInUser: string | null
  lastUser: string | null
  lastBootAt: number | null
  lastSeenAt: number | null
  rebootRequired: boolean | null
  patchesPending: number | null
  patchesFailed: number | null
  patchesInstalled: number | null
  lastPatchedAt: number | null
  avProduct: string | null
  avStatus: AvStatus | null
  backupProduct: string | null
  backupLastSuccessAt: number | null
  warrantyEndAt: number | null
  tags: string[]
  customFields: Record<string, string>
  sshHost: string | null
  sshPort: number | null
  sshUser: string | null
  /** Forward the technician's SSH agent to this device's sessions. */
  sshAgentForwarding: boolean
  winrmUrl: string | null
  credentialId: string | null
  notes: string
}

/** A device with only a client and a hostname known. */
export function blankDevice(clientId: string, hostname: string): DeviceValues {
  return {
    clientId,
    siteId: null,
    hostname,
    collectedHostname: null,
    fqdn: null,
    role: 'other',
    osFamily: 'other',
    osName: null,
    osVersion: null,
    osBuild: null,
    osArch: null,
    kernel: null,
    manufacturer: null,
    model: null,
    serial: null,
    assetTag: null,
    cpuModel: null,
    cpuCores: null,
    cpuThreads: null,
    ramBytes: null,
    disks: [],
    localIps: [],
    publicIp: null,
    macs: [],
    loggedInUser: null,
    lastUser: null,
    lastBootAt: null,
    lastSeenAt: null,
    rebootRequired: null,
    patchesPending: null,
    patchesFailed: null,
    patchesInstalled: null,
    lastPatchedAt: null,
    avProduct: null,
    avStatus: null,
    backupProduct: null,
    backupLastSuccessAt: null,
    warrantyEndAt: null,
    tags: [],
    customFields: {},
    sshHost: null,
    sshPort: null,
    sshUser: null,
    sshAgentForwarding: false,
    winrmUrl: null,
    credentialId: null,
    notes: '',
  }
}

/** `base` with every field the input mentions replaced; empty strings count as cleared. */
export function applyDeviceInput(
  base: DeviceValues,
  input: Omit<DeviceUpdate, 'id'> | DeviceCreate,
): DeviceValues {
  const next: DeviceValues = { ...base }
  const target = next as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'id') continue
    target[key] = value === '' && key !== 'notes' ? null : value
  }
  next.tags = [...new Set(next.tags)]
  next.macs = [...new Set(next.macs)]
  next.localIps = [...new Set(next.localIps)]
  return next
}

const PADDED_OCTET = Array.from({ length: 256 }, (_, n) => String(n).padStart(3, '0'))

/** Zero-padded IPv4 ('010.002.003.004') sorts numerically as text; IPv6 sorts after it. */
export function ipSortKey(ip: string | undefined): string | null {
  if (!ip) return null
  if (isIPv4(ip)) {
    // Bulk imports call this per row: four table lookups instead of split/map/padStart/join.
    const a = ip.indexOf('.')
    const b = ip.indexOf('.', a + 1)
    const c = ip.indexOf('.', b + 1)
    return `${PADDED_OCTET[Number(ip.slice(0, a))]}.${PADDED_OCTET[Number(ip.slice(a + 1, b))]}.${PADDED_OCTET[Number(ip.slice(b + 1, c))]}.${PADDED_OCTET[Number(ip.slice(c + 1))]}`
  }
  return `~${ip.toLowerCase()}`
}

/** The named parameters of the device INSERT and UPDATE statements. */
export type DeviceColumns = ReturnType<typeof deviceColumns>

/** SQL parameter values for `values`: JSON for lists, text mirrors for search, 0/1 flags. */
export function deviceColumns(values: DeviceValues) {
  return {
    client_id: values.clientId,
    site_id: values.siteId,
    hostname: values.hostname,
    collected_hostname: values.collectedHostname,
    fqdn: values.fqdn,
    role: values.role,
    os_family: values.osFamily,
    os_name: values.osName,
    os_version: values.osVersion,
    os_build: values.osBuild,
    os_arch: values.osArch,
    kernel: values.kernel,
    manufacturer: values.manufacturer,
    model: values.model,
    serial: values.serial,
    asset_tag: values.assetTag,
    cpu_model: values.cpuModel,
    cpu_cores: values.cpuCores,
    cpu_threads: values.cpuThreads,
    ram_bytes: values.ramBytes,
    disks: JSON.stringify(values.disks),
    local_ips: JSON.stringify(values.localIps),
    local_ips_text: values.localIps.join(' '),
    ip_sort: ipSortKey(values.localIps[0]),
    public_ip: values.publicIp,
    macs: JSON.stringify(values.macs),
    macs_text: values.macs.join(' '),
    logged_in_user: values.loggedInUser,
    last_user: values.lastUser,
    last_boot_at: values.lastBootAt,
    last_seen_at: values.lastSeenAt,
    reboot_required: values.rebootRequired === null ? null : values.rebootRequired ? 1 : 0,
    patches_pending: values.patchesPending,
    patches_failed: values.patchesFailed,
    patches_installed: values.patchesInstalled,
    last_patched_at: values.lastPatchedAt,
    av_product: values.avProduct,
    av_status: values.avStatus,
    backup_product: values.backupProduct,
    backup_last_success_at: values.backupLastSuccessAt,
    warranty_end_at: values.warrantyEndAt,
    tags: JSON.stringify(values.tags),
    tags_text: values.tags.join(' '),
    custom_fields: JSON.stringify(values.customFields),
    ssh_host: values.sshHost,
    ssh_port: values.sshPort,
    ssh_user: values.sshUser,
    ssh_agent_forwarding: values.sshAgentForwarding ? 1 : 0,
    winrm_url: values.winrmUrl,
    credential_id: values.credentialId,
    notes: values.notes,
  }
}

/** A list or map as JSON; empty ones, most of them in bulk loads, skip the serialiser. */
const listJson = (list: readonly unknown[]): string =>
  list.length === 0 ? '[]' : JSON.stringify(list)
const mapJson = (map: Record<string, string>): string => {
  for (const _ in map) return JSON.stringify(map)
  return '{}'
}

/**
 * `deviceColumns(values)` as positional parameters, in WRITABLE_DEVICE_COLUMNS order. Written
 * out rather than `Object.values(deviceColumns(values))`: bulk imports build one per row, and
 * the intermediate object cost as much as the SQLite insert (a test keeps the two in step).
 */
export function deviceColumnValues(values: DeviceValues): unknown[] {
  const v = values
  return [
    v.clientId,
    v.siteId,
    v.hostname,
    v.collectedHostname,
    v.fqdn,
    v.role,
    v.osFamily,
    v.osName,
    v.osVersion,
    v.osBuild,
    v.osArch,
    v.kernel,
    v.manufacturer,
    v.model,
    v.serial,
    v.assetTag,
    v.cpuModel,
    v.cpuCores,
    v.cpuThreads,
    v.ramBytes,
    listJson(v.disks),
    listJson(v.localIps),
    v.localIps.join(' '),
    ipSortKey(v.localIps[0]),
    v.publicIp,
    listJson(v.macs),
    v.macs.join(' '),
    v.loggedInUser,
    v.lastUser,
    v.lastBootAt,
    v.lastSeenAt,
    v.rebootRequired === null ? null : v.rebootRequired ? 1 : 0,
    v.patchesPending,
    v.patchesFailed,
    v.patchesInstalled,
    v.lastPatchedAt,
    v.avProduct,
    v.avStatus,
    v.backupProduct,
    v.backupLastSuccessAt,
    v.warrantyEndAt,
    listJson(v.tags),
    v.tags.join(' '),
    mapJson(v.customFields),
    v.sshHost,
    v.sshPort,
    v.sshUser,
    v.sshAgentForwarding ? 1 : 0,
    v.winrmUrl,
    v.credentialId,
    v.notes,
  ]
}

/** The devices columns `deviceColumns` writes, in one place for the statements. */
export const WRITABLE_DEVICE_COLUMNS = Object.keys(
  deviceColumns(blankDevice('', '')),
) as ReadonlyArray<keyof DeviceColumns>

/** A devices row as SELECT * returns it (generated columns included). */
export interface DeviceDbRow extends DeviceColumns {
  seq: number
  id: string
  online_minutes: number
  stale_minutes: number
  created_at: number
  updated_at: number
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** The stored row back in the shape writes take. */
export function valuesFromRow(row: DeviceDbRow): DeviceValues {
  return {
    clientId: row.client_id,
    siteId: row.site_id,
    hostname: row.hostname,
    collectedHostname: row.collected_hostname,
    fqdn: row.fqdn,
    role: row.role,
    osFamily: row.os_family,
    osName: row.os_name,
    osVersion: row.os_version,
    osBuild: row.os_build,
    osArch: row.os_arch,
    kernel: row.kernel,
    manufacturer: row.manufacturer,
    model: row.model,
    serial: row.serial,
    assetTag: row.asset_tag,
    cpuModel: row.cpu_model,
    cpuCores: row.cpu_cores,
    cpuThreads: row.cpu_threads,
    ramBytes: row.ram_bytes,
    disks: parseJson<DeviceDisk[]>(row.disks, []),
    localIps: parseJson<string[]>(row.local_ips, []),
    publicIp: row.public_ip,
    macs: parseJson<string[]>(row.macs, []),
    loggedInUser: row.logged_in_user,
    lastUser: row.last_user,
    lastBootAt: row.last_boot_at,
    lastSeenAt: row.last_seen_at,
    rebootRequired: row.reboot_required === null ? null : row.reboot_required === 1,
    patchesPending: row.patches_pending,
    patchesFailed: row.patches_failed,
    patchesInstalled: row.patches_installed,
    lastPatchedAt: row.last_patched_at,
    avProduct: row.av_product,
    avStatus: row.av_status,
    backupProduct: row.backup_product,
    backupLastSuccessAt: row.backup_last_success_at,
    warrantyEndAt: row.warranty_end_at,
    tags: parseJson<string[]>(row.tags, []),
    customFields: parseJson<Record<string, string>>(row.custom_fields, {}),
    sshHost: row.ssh_host,
    sshPort: row.ssh_port,
    sshUser: row.ssh_user,
    sshAgentForwarding: row.ssh_agent_forwarding === 1,
    winrmUrl: row.winrm_url,
    credentialId: row.credential_id,
    notes: row.notes,
  }
}
