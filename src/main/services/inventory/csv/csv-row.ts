/**
 * One CSV record under a column mapping, turned into device values or into the reasons it
 * cannot be. Only what needs no database is checked here; client, site and serial clashes
 * are the importer's job.
 */
import type { CsvField, CsvTarget } from '../../../../shared/contract'
import { blankDevice, type DeviceValues } from '../device-values'
import { meaningful } from '../probes/text'
import {
  avStatus,
  flag,
  integer,
  ipAddress,
  ipList,
  macList,
  memorySize,
  osFamily,
  osFamilyOf,
  role,
  timestamp,
  url,
  type Cell,
  type DateOrder,
  zonelessTime,
} from './csv-cells'

/** A record's device values before its client and site are resolved. */
export interface RowDraft {
  values: DeviceValues
  /** The client column's text (id, short code or name), if mapped and filled. */
  clientRef: string | null
  /** The site column's text (site name), if mapped and filled. */
  siteRef: string | null
  /** Date fields read from a time without a zone, as if UTC: the importer picks their zone. */
  zoneless: TimeKey[]
}

/** The device fields the date columns fill. */
type TimeKey =
  'lastBootAt' | 'lastSeenAt' | 'lastPatchedAt' | 'backupLastSuccessAt' | 'warrantyEndAt'
const TIME_KEYS: Record<string, TimeKey> = {
  lastBoot: 'lastBootAt',
  lastSeen: 'lastSeenAt',
  lastPatched: 'lastPatchedAt',
  backupLastSuccess: 'backupLastSuccessAt',
  warrantyEnd: 'warrantyEndAt',
}

/** The draft, or every problem found in the record. */
export type RowResult = { ok: true; draft: RowDraft } | { ok: false; problems: string[] }

const TEXT_LIMIT = 256

type Apply = (values: DeviceValues, cell: string) => string | null

/** A cell parsed by `parse` and stored by `store`; returns a problem or null. */
const parsed =
  <T>(parse: (text: string) => Cell<T>, store: (values: DeviceValues, value: T) => void): Apply =>
  (values, cell) => {
    const result = parse(cell)
    if (!result.ok) return result.reason
    store(values, result.value)
    return null
  }

const text =
  (store: (values: DeviceValues, value: string) => void, limit = TEXT_LIMIT): Apply =>
  (values, cell) => {
    if (cell.length > limit) return `longer than ${limit} characters`
    store(values, cell)
    return null
  }

/** The date columns, whose slash dates are read in the file's date order. */
const TIME_STORES = {
  lastBoot: (v: DeviceValues, t: number) => (v.lastBootAt = t),
  lastSeen: (v: DeviceValues, t: number) => (v.lastSeenAt = t),
  lastPatched: (v: DeviceValues, t: number) => (v.lastPatchedAt = t),
  backupLastSuccess: (v: DeviceValues, t: number) => (v.backupLastSuccessAt = t),
  warrantyEnd: (v: DeviceValues, t: number) => (v.warrantyEndAt = t),
} satisfies Partial<Record<CsvField, (v: DeviceValues, t: number) => void>>

/** The targets holding a date: what a file's date order is found from. */
export const DATE_TARGETS: ReadonlySet<string> = new Set(Object.keys(TIME_STORES))

const timeApply = (order: DateOrder): Record<keyof typeof TIME_STORES, Apply> => {
  const out = {} as Record<keyof typeof TIME_STORES, Apply>
  for (const [field, store] of Object.entries(TIME_STORES)) {
    out[field as keyof typeof TIME_STORES] = parsed((s) => timestamp(s, order), store)
  }
  return out
}
const DAY_FIRST_APPLY = timeApply('dmy')

const APPLY: Record<Exclude<CsvField, 'client' | 'site' | 'hostname'>, Apply> = {
  fqdn: text((v, s) => (v.fqdn = s), 253),
  role: parsed(role, (v, r) => (v.role = r)),
  osFamily: parsed(osFamily, (v, f) => (v.osFamily = f)),
  osName: text((v, s) => (v.osName = s)),
  osVersion: text((v, s) => (v.osVersion = s)),
  osBuild: text((v, s) => (v.osBuild = s)),
  osArch: text((v, s) => (v.osArch = s)),
  kernel: text((v, s) => (v.kernel = s)),
  manufacturer: text((v, s) => (v.manufacturer = s)),
  model: text((v, s) => (v.model = s)),
  // Firmware placeholders ("To be filled by O.E.M.", "0") are no serial and must not clash.
  serial: text((v, s) => (v.serial = meaningful(s) ?? null), 128),
  assetTag: text((v, s) => (v.assetTag = meaningful(s) ?? null), 128),
  cpuModel: text((v, s) => (v.cpuModel = s)),
  cpuCores: parsed(
    (s) => integer(s, 0, 100_000),
    (v, n) => (v.cpuCores = n),
  ),
  ram: parsed(memorySize, (v, n) => (v.ramBytes = n)),
  ip: parsed(ipList, (v, ips) => (v.localIps = [...new Set(ips)])),
  publicIp: parsed(ipAddress, (v, ip) => (v.publicIp = ip)),
  mac: parsed(macList, (v, macs) => (v.macs = [...new Set(macs)])),
  loggedInUser: text((v, s) => (v.loggedInUser = s)),
  lastUser: text((v, s) => (v.lastUser = s)),
  rebootRequired: parsed(flag, (v, b) => (v.rebootRequired = b)),
  patchesPending: parsed(integer, (v, n) => (v.patchesPending = n)),
  patchesFailed: parsed(integer, (v, n) => (v.patchesFailed = n)),
  patchesInstalled: parsed(integer, (v, n) => (v.patchesInstalled = n)),
  avProduct: text((v, s) => (v.avProduct = s)),
  avStatus: parsed(avStatus, (v, s) => (v.avStatus = s)),
  backupProduct: text((v, s) => (v.backupProduct = s)),
  tags: (v, cell) => {
    const tags = [
      ...new Set(
        cell
          .split(/[,;|]+/)
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      ),
    ]
    if (tags.some((t) => t.length > 64)) return 'a tag is longer than 64 characters'
    v.tags = tags
    return null
  },
  sshHost: (v, cell) => {
    if (!/^[\w.:[\]%-]+$/.test(cell) || cell.length > 253) return `"${cell}" is not a host name`
    v.sshHost = cell
    return null
  },
  sshPort: parsed(
    (s) => integer(s, 1, 65535),
    (v, n) => (v.sshPort = n),
  ),
  sshUser: text((v, s) => (v.sshUser = s)),
  winrmUrl: parsed(url, (v, u) => (v.winrmUrl = u)),
  notes: text((v, s) => (v.notes = s), 20_000),
  ...timeApply('mdy'),
}

const CONTROL = /\p{Cc}/u

/** What one mapped column does with its cell; decided once per import, not once per row. */
type ColumnStep =
  | { column: number; kind: 'hostname' }
  | { column: number; kind: 'client' }
  | { column: number; kind: 'site' }
  | { column: number; kind: 'custom'; name: string }
  | { column: number; kind: 'field'; target: string; apply: Apply | undefined }

/** Reads records under one mapping (one target per column, in header order). */
export type RowReader = (fields: readonly string[]) => RowResult

/** A reader for `mapping`, to use on every record of a file. */
export function compileRowReader(
  mapping: ReadonlyArray<CsvTarget | null>,
  dateOrder: DateOrder = 'mdy',
): RowReader {
  const steps: ColumnStep[] = []
  mapping.forEach((target, column) => {
    if (target === null) return
    if (target === 'hostname') steps.push({ column, kind: 'hostname' })
    else if (target === 'client') steps.push({ column, kind: 'client' })
    else if (target === 'site') steps.push({ column, kind: 'site' })
    else if (target.startsWith('custom:')) {
      steps.push({ column, kind: 'custom', name: target.slice('custom:'.length) })
    } else {
      const dayFirst =
        dateOrder === 'dmy' ? DAY_FIRST_APPLY[target as keyof typeof DAY_FIRST_APPLY] : undefined
      const apply = dayFirst ?? APPLY[target as keyof typeof APPLY]
      steps.push({ column, kind: 'field', target, apply })
    }
  })
  return (fields) => {
    let problems: string[] | null = null
    // A family cell that is filled wins; otherwise the family follows the OS name.
    let osFamilyGiven = false
    const values = blankDevice('', '')
    let clientRef: string | null = null
    let siteRef: string | null = null
    const zoneless: TimeKey[] = []
    for (const step of steps) {
      const cell = (fields[step.column] ?? '').trim()
      if (step.kind === 'hostname') {
        const problem =
          cell === ''
            ? 'hostname is missing'
            : cell.length > 253
              ? 'hostname is longer than 253 characters'
              : CONTROL.test(cell)
                ? 'hostname contains control characters'
                : null
        if (problem === null) values.hostname = cell
        else (problems ??= []).push(problem)
        continue
      }
      if (cell === '') continue
      if (step.kind === 'client') clientRef = cell
      else if (step.kind === 'site') siteRef = cell.slice(0, 200)
      else if (step.kind === 'custom') values.customFields[step.name] = cell.slice(0, 4000)
      else {
        if (step.target === 'osFamily') osFamilyGiven = true
        const problem = step.apply ? step.apply(values, cell) : 'is not a device field'
        if (problem !== null) (problems ??= []).push(`${step.target}: ${problem}`)
        else {
          const key = TIME_KEYS[step.target]
          if (key !== undefined && zonelessTime(cell)) zoneless.push(key)
        }
      }
    }
    if (!osFamilyGiven && values.osName !== null) values.osFamily = osFamilyOf(values.osName)
    if (problems !== null) return { ok: false, problems }
    return { ok: true, draft: { values, clientRef, siteRef, zoneless } }
  }
}

/** Reads one record's fields under `mapping` (one target per column, in header order). */
export function readRow(
  fields: readonly string[],
  mapping: ReadonlyArray<CsvTarget | null>,
): RowResult {
  return compileRowReader(mapping)(fields)
}
