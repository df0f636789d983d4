/** Display formats of the device page; each takes `now` where time matters, for tests. */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Binary sizes labelled as Windows and most tools label them ("16 GB", "931 GB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const shown =
    Math.abs(value) >= 100 || unit === 0 ? Math.round(value) : Math.round(value * 10) / 10
  return `${shown} ${units[unit]}`
}

/**
 * The hostname the device reported when it is not the name it was given (case aside), so a
 * renamed device shows both: "this-machine · collected hostname: vm". Null otherwise.
 */
export function collectedHostnameNote(device: {
  hostname: string
  collectedHostname: string | null
}): string | null {
  const collected = device.collectedHostname
  if (!collected || collected.toLowerCase() === device.hostname.toLowerCase()) return null
  return `collected hostname: ${collected}`
}

/** "just now", "5 min ago", "3 h ago", "12 days ago", "in 40 days": coarse on purpose. */
export function formatRelative(at: number, now: number): string {
  const delta = now - at
  const span = Math.abs(delta)
  if (span < MINUTE) return delta < 0 ? 'in under a minute' : 'just now'
  const text =
    span < HOUR
      ? `${Math.floor(span / MINUTE)} min`
      : span < DAY
        ? `${Math.floor(span / HOUR)} h`
        : spanInDays(span)
  return delta < 0 ? `in ${text}` : `${text} ago`
}

function spanInDays(span: number): string {
  if (span < 365 * DAY) {
    const days = Math.floor(span / DAY)
    return `${days} ${days === 1 ? 'day' : 'days'}`
  }
  const years = Math.floor((span / (365 * DAY)) * 10) / 10
  return `${years} ${years === 1 ? 'year' : 'years'}`
}

/** A calendar date in the technician's locale. */
export function formatDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  })
}

/** Date and time in the technician's locale and zone. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** How long a device has been up: "3 days 4 h", "52 min". */
export function formatUptime(bootAt: number, now: number): string {
  const span = Math.max(0, now - bootAt)
  if (span < HOUR) return `${Math.floor(span / MINUTE)} min`
  if (span < DAY) return `${Math.floor(span / HOUR)} h ${Math.floor((span % HOUR) / MINUTE)} min`
  const days = Math.floor(span / DAY)
  return `${days} ${days === 1 ? 'day' : 'days'} ${Math.floor((span % DAY) / HOUR)} h`
}

/** Used share of a volume in whole percent; an empty or unknown size counts as 0. */
export function usedPercent(disk: { sizeBytes: number; freeBytes: number }): number {
  if (disk.sizeBytes <= 0) return 0
  const used = Math.min(disk.sizeBytes, Math.max(0, disk.sizeBytes - disk.freeBytes))
  return Math.round((used / disk.sizeBytes) * 100)
}

/** OS as one line: "Ubuntu 22.04 (build 5.15)", falling back to the family. */
export function osLine(device: {
  osFamily: string
  osName: string | null
  osVersion: string | null
}): string {
  const name = device.osName ?? familyName(device.osFamily)
  if (!device.osVersion || name.includes(device.osVersion)) return name
  return `${name} ${device.osVersion}`
}

export function familyName(family: string): string {
  switch (family) {
    case 'windows':
      return 'Windows'
    case 'linux':
      return 'Linux'
    case 'macos':
      return 'macOS'
    default:
      return 'Other OS'
  }
}

export function roleName(role: string): string {
  switch (role) {
    case 'workstation':
      return 'Workstation'
    case 'server':
      return 'Server'
    case 'network':
      return 'Network device'
    case 'printer':
      return 'Printer'
    default:
      return 'Other device'
  }
}
