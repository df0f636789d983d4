import type { DeviceMatchField, DeviceSearchRow } from '@shared/contract'

const labels: Record<DeviceMatchField, string> = {
  hostname: 'hostname',
  ip: 'IP',
  serial: 'serial',
  publicIp: 'public IP',
  mac: 'MAC',
  assetTag: 'asset tag',
  fqdn: 'FQDN',
  client: 'client',
  os: 'OS',
  manufacturer: 'manufacturer',
  model: 'model',
  user: 'user',
  tags: 'tag',
}

/** The column that shows a matched field, and the value it shows for this row. */
function shownIn(row: DeviceSearchRow, field: DeviceMatchField): [string, string | null] | null {
  switch (field) {
    case 'hostname':
      return ['hostname', row.hostname]
    case 'ip':
      return ['ip', row.ip]
    case 'publicIp':
      return ['publicIp', row.publicIp]
    case 'serial':
      return ['serial', row.serial]
    case 'fqdn':
      return ['fqdn', row.fqdn]
    case 'user':
      return ['loggedInUser', row.loggedInUser]
    case 'manufacturer':
      return ['manufacturer', row.manufacturer]
    case 'model':
      return ['model', row.model]
    default:
      return null
  }
}

/**
 * What to tell the technician about why a row is in the results, when no visible cell shows
 * it: "matched: public IP 192.0.2.2" for a hidden column, or the second address of a host
 * (the IP column shows only the first). Null when the match is in plain sight, or no text.
 */
export function matchHint(row: DeviceSearchRow, visibleColumns: readonly string[]): string | null {
  const match = row.matched
  if (!match) return null
  const shown = shownIn(row, match.field)
  if (shown && visibleColumns.includes(shown[0]) && shown[1] === match.value) return null
  // Client and OS columns show the whole value the word came from.
  if (match.field === 'client' && visibleColumns.includes('client')) return null
  if (match.field === 'os' && visibleColumns.includes('os')) return null
  return `matched: ${labels[match.field]} ${match.value}`
}
