/**
 * The device table as CSV. Headers use names the importer maps back automatically, so an
 * export can be edited in a spreadsheet and imported again.
 */
import type { ExportedDeviceRow } from '../device-search'
import { csvLine } from './csv-writer'

const GB = 1024 ** 3

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())
// A date at midnight UTC is written as the day; any other time whole, so a re-import in
// update mode reads back the same instant and sees no change.
const day = (ms: number | null): string | null =>
  ms === null ? null : ms % 86_400_000 === 0 ? new Date(ms).toISOString().slice(0, 10) : iso(ms)
const yesNo = (value: boolean | null): string | null =>
  value === null ? null : value ? 'yes' : 'no'

const COLUMNS: ReadonlyArray<
  readonly [string, (row: ExportedDeviceRow) => string | number | null]
> = [
  ['Hostname', (r) => r.hostname],
  ['Client', (r) => r.clientName],
  ['Site', (r) => r.siteName],
  ['Role', (r) => r.role],
  ['OS Family', (r) => r.osFamily],
  ['OS', (r) => r.osName],
  ['OS Version', (r) => r.osVersion],
  ['Manufacturer', (r) => r.manufacturer],
  ['Model', (r) => r.model],
  ['Serial Number', (r) => r.serial],
  // Every address, not only the first one the table shows, so a re-import keeps them all.
  ['IP Address', (r) => r.localIps.join('; ')],
  ['Public IP', (r) => r.publicIp],
  ['MAC Address', (r) => r.macs.join('; ')],
  ['FQDN', (r) => r.fqdn],
  ['Logged In User', (r) => r.loggedInUser],
  ['CPU Cores', (r) => r.cpuCores],
  ['RAM (GB)', (r) => (r.ramBytes === null ? null : Math.round((r.ramBytes / GB) * 10) / 10)],
  ['Status', (r) => r.status],
  ['Last Seen', (r) => iso(r.lastSeenAt)],
  ['Reboot Required', (r) => yesNo(r.rebootRequired)],
  ['Patches Pending', (r) => r.patchesPending],
  ['AV Status', (r) => r.avStatus],
  ['Last Backup', (r) => iso(r.backupLastSuccessAt)],
  ['Warranty End', (r) => day(r.warrantyEndAt)],
  ['Tags', (r) => r.tags.join('; ')],
]

/** Every row as CSV text with a header line. */
export function exportCsv(rows: Iterable<ExportedDeviceRow>): { csv: string; rows: number } {
  const lines = [csvLine(COLUMNS.map(([header]) => header))]
  for (const row of rows) lines.push(csvLine(COLUMNS.map(([, value]) => value(row))))
  return { csv: lines.join(''), rows: lines.length - 1 }
}
