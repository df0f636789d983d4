/** The CSV import dialog's non-visual parts: field names, mapping choices, file encoding. */
import { CsvField, type CsvTarget } from '@shared/contract'
import { countText, formatCount } from '../devices/cell-format'

const fieldLabels: Record<CsvField, string> = {
  hostname: 'Hostname',
  client: 'Client (name or code)',
  site: 'Site',
  fqdn: 'FQDN',
  role: 'Role',
  osFamily: 'OS family',
  osName: 'OS name',
  osVersion: 'OS version',
  osBuild: 'OS build',
  osArch: 'Architecture',
  kernel: 'Kernel',
  manufacturer: 'Manufacturer',
  model: 'Model',
  serial: 'Serial number',
  assetTag: 'Asset tag',
  cpuModel: 'CPU model',
  cpuCores: 'CPU cores',
  ram: 'RAM',
  ip: 'IP address(es)',
  publicIp: 'Public IP',
  mac: 'MAC address(es)',
  loggedInUser: 'Logged-in user',
  lastUser: 'Last user',
  lastBoot: 'Last boot',
  lastSeen: 'Last seen',
  rebootRequired: 'Reboot required',
  patchesPending: 'Patches pending',
  patchesFailed: 'Patches failed',
  patchesInstalled: 'Patches installed',
  lastPatched: 'Last patched',
  avProduct: 'Antivirus product',
  avStatus: 'Antivirus status',
  backupProduct: 'Backup product',
  backupLastSuccess: 'Last successful backup',
  warrantyEnd: 'Warranty end',
  tags: 'Tags',
  sshHost: 'SSH host',
  sshPort: 'SSH port',
  sshUser: 'SSH user',
  winrmUrl: 'WinRM URL',
  notes: 'Notes',
}

/** The select value for "do not import this column". */
export const SKIP = ''
/** The select value for "keep as a custom field named after the header". */
export const CUSTOM = 'custom'

export function targetLabel(target: CsvTarget | null): string {
  if (target === null) return 'Do not import'
  if (target.startsWith('custom:')) return `Custom field “${target.slice('custom:'.length)}”`
  return fieldLabels[target as CsvField] ?? target
}

/** The device fields in the order the select lists them. */
export const fieldChoices: readonly { value: CsvField; label: string }[] = CsvField.options.map(
  (value) => ({ value, label: fieldLabels[value] }),
)

/** A column's target as its select value. */
export function targetToSelect(target: CsvTarget | null): string {
  if (target === null) return SKIP
  return target.startsWith('custom:') ? CUSTOM : target
}

/** A select value back to a target; custom fields take the column's header as their name. */
export function selectToTarget(value: string, header: string): CsvTarget | null {
  if (value === SKIP) return null
  if (value === CUSTOM) {
    const name = header.trim().slice(0, 100) || 'Column'
    return `custom:${name}`
  }
  return CsvField.safeParse(value).success ? (value as CsvField) : null
}

/** Replaces one column's target; another column holding the same field lets go of it. */
export function remap(
  mapping: readonly (CsvTarget | null)[],
  column: number,
  target: CsvTarget | null,
): (CsvTarget | null)[] {
  return mapping.map((current, i) => {
    if (i === column) return target
    return target !== null && current === target ? null : current
  })
}

/** Whether any column fills a client, so every row names its own. */
export function mapsClient(mapping: readonly (CsvTarget | null)[]): boolean {
  return mapping.includes('client')
}

/**
 * File bytes as base64: main then sees the bytes as they are (UTF-16, a BOM or text that is
 * not UTF-8 are reported there, not garbled here). Chunked, as `String.fromCharCode(...all)`
 * overflows the call stack on big files.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

/** "42 devices imported, 3 rows rejected, 1 site created". */
export function importSummary(result: {
  imported: number
  updated?: number
  clientsCreated?: number
  sitesCreated: number
  rejectedCount: number
}): string {
  const parts = [countText(result.imported, 'device imported', 'devices imported')]
  if (result.updated !== undefined && result.updated > 0) {
    parts.push(countText(result.updated, 'device updated', 'devices updated'))
  }
  if (result.rejectedCount > 0) {
    parts.push(countText(result.rejectedCount, 'row rejected', 'rows rejected'))
  }
  if (result.clientsCreated !== undefined && result.clientsCreated > 0) {
    parts.push(countText(result.clientsCreated, 'client created', 'clients created'))
  }
  if (result.sitesCreated > 0) {
    parts.push(countText(result.sitesCreated, 'site created', 'sites created'))
  }
  return parts.join(', ')
}

/** The name the rejected rows download under: "devices.csv" → "devices-rejected.csv". */
export function rejectedFileName(fileName: string): string {
  const base = fileName.replace(/\.(csv|tsv|txt)$/i, '') || 'import'
  return `${base}-rejected.csv`
}

/**
 * Said under the preview when main cut it to keep the reply small (long cells shortened, or
 * fewer rows shown), so nobody takes the shortened text for what will be imported.
 */
export function previewCutNote(preview: { rows: readonly unknown[]; truncated: boolean }) {
  if (!preview.truncated) return null
  return `Showing the first ${countText(preview.rows.length, 'row', 'rows')}; long cells are shortened in this preview (they end in “…”). The import uses the whole file.`
}

/**
 * What the rejected-rows list and download leave out: the list shows `listed` rows, and main
 * keeps only the first rejected rows of a file (the rest are counted).
 */
export function rejectedNote(
  result: { rejected: readonly unknown[]; rejectedCount: number },
  listed: number,
): string | null {
  const total = result.rejectedCount
  const kept = result.rejected.length
  if (total <= Math.min(listed, kept)) return null
  const shown = `The first ${formatCount(Math.min(listed, kept))} of ${formatCount(total)} rejected rows are listed`
  if (kept >= total) return `${shown}; the download has them all.`
  return `${shown}, and the download has the first ${formatCount(kept)}; the other ${formatCount(total - kept)} were only counted and are not in it.`
}

/** Device fields an update names that are not CSV targets of the same name. */
const changeLabels: Record<string, string> = {
  ramBytes: 'RAM',
  localIps: 'IP address(es)',
  macs: 'MAC address(es)',
  lastBootAt: 'Last boot',
  lastSeenAt: 'Last seen',
  lastPatchedAt: 'Last patched',
  backupLastSuccessAt: 'Last successful backup',
  warrantyEndAt: 'Warranty end',
  customFields: 'Custom fields',
}

/** One changed field of an update-mode row, in words: "RAM: 8 GB → 16 GB". */
export function changeText(change: { field: string; before: string; after: string }): string {
  const label = changeLabels[change.field] ?? fieldLabels[change.field as CsvField] ?? change.field
  return `${label}: ${change.before || '(empty)'} → ${change.after || '(empty)'}`
}

/** "Of the first 20 rows: 3 create, 15 update, 2 rejected", for an update-mode preview. */
export function actionSummary(rows: readonly { action: 'create' | 'update' | 'reject' }[]): string {
  const count = (action: string) => formatCount(rows.filter((r) => r.action === action).length)
  return `Of the first ${formatCount(rows.length)} rows: ${count('create')} create, ${count('update')} update, ${count('reject')} rejected`
}

/** What the technician chose for a client the file names but the inventory lacks. */
export interface NewClientChoice {
  create: boolean
  shortCode: string
}

/** The clients to create: the ticked offers, with the short code as typed (or proposed). */
export function chosenClients(
  offers: readonly { name: string; shortCode: string }[],
  choices: Readonly<Record<string, NewClientChoice>>,
): { name: string; shortCode: string }[] {
  return offers.flatMap((offer) => {
    const choice = choices[offer.name]
    if (!choice?.create) return []
    return [{ name: offer.name, shortCode: choice.shortCode.trim() || offer.shortCode }]
  })
}
