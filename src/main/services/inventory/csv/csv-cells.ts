/**
 * Parsers for single CSV cells. Each returns the value or a short reason a technician can
 * fix in the spreadsheet; none throws.
 */
import { isIP } from 'node:net'
import type { AvStatus, DeviceRole, OsFamily } from '../../../../shared/contract'
import { utcOffsetAt } from '../../../../shared/domain/sla/time-zone'

/** A parsed cell: the value, or why it could not be read. */
export type Cell<T> = { ok: true; value: T } | { ok: false; reason: string }

const ok = <T>(value: T): Cell<T> => ({ ok: true, value })
const bad = <T>(reason: string): Cell<T> => ({ ok: false, reason })

/** Splits a list cell ("10.0.0.1; 10.0.0.2", "a, b | c") into trimmed, non-empty items. */
export function listItems(text: string): string[] {
  return text
    .split(/[,;|\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** One address (an IPv6 zone suffix such as %eth0 is dropped). */
export function ipAddress(text: string): Cell<string> {
  const trimmed = text.trim()
  const address = trimmed.includes('%') ? trimmed.replace(/%.*$/, '') : trimmed
  const version = isIP(address)
  if (version === 4) return ok(address)
  return version === 6 ? ok(address.toLowerCase()) : bad(`"${text}" is not an IP address`)
}

/** Every address in a list cell. */
export function ipList(text: string): Cell<string[]> {
  const out: string[] = []
  for (const item of listItems(text)) {
    const parsed = ipAddress(item)
    if (!parsed.ok) return parsed
    out.push(parsed.value)
  }
  return ok(out)
}

// The form MACs are stored in, which most exports already use: no rewriting needed.
const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/

/** Every MAC in a list cell, as aa:bb:cc:dd:ee:ff. */
export function macList(text: string): Cell<string[]> {
  const out: string[] = []
  for (const item of text.split(/[,;|\s]+/).filter((i) => i !== '')) {
    if (CANONICAL_MAC.test(item)) {
      out.push(item)
      continue
    }
    const hex = item.replace(/[:.-]/g, '')
    if (!/^[0-9a-fA-F]{12}$/.test(hex)) return bad(`"${item}" is not a MAC address`)
    out.push(hex.toLowerCase().replace(/(..)(?!$)/g, '$1:'))
  }
  return ok(out)
}

/** A whole number in [min, max]; thousands separators are accepted. */
export function integer(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): Cell<number> {
  const cleaned = text.trim().replace(/[,_\s]/g, '')
  if (!/^-?\d+$/.test(cleaned)) return bad(`"${text}" is not a whole number`)
  const value = Number(cleaned)
  if (value < min || value > max) return bad(`${value} is outside ${min}–${max}`)
  return ok(value)
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
}

/**
 * A memory size: "16 GB", "16384MB", "17179869184". A bare number is GB when small (people
 * type "16") and bytes when large (tools export bytes).
 */
export function memorySize(text: string): Cell<number> {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text)
  if (!match) return bad(`"${text}" is not a size such as 16 GB`)
  const amount = Number((match[1] ?? '').replace(',', '.'))
  const unit = (match[2] ?? '').toLowerCase()
  if (unit === '') return ok(Math.round(amount < 1_000_000 ? amount * 1024 ** 3 : amount))
  const factor = SIZE_UNITS[unit]
  if (factor === undefined) return bad(`"${match[2]}" is not a size unit (MB, GB, TB)`)
  return ok(Math.round(amount * factor))
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i

const daysIn = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31

/** Epoch ms of a civil date and time in UTC, or null when it does not exist. */
function civil(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/** '+02:00', '-0530' or 'Z' as ms east of UTC. */
function zoneOffset(zone: string): number {
  if (zone === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
}

const digits = (text: string, from: number, count: number): number => {
  let n = 0
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * The two ISO forms exports use most, read without the general pattern: "2025-03-04" and
 * "2025-03-04T14:05:09.123Z" (what toISOString writes). Null for anything else, including
 * impossible dates, which the general path then words.
 */
function plainIso(value: string): number | null {
  if (value.length !== 10 && value.length !== 24) return null
  if (value[4] !== '-' || value[7] !== '-') return null
  const year = digits(value, 0, 4)
  const month = digits(value, 5, 2)
  const day = digits(value, 8, 2)
  if (year < 0 || month < 0 || day < 0) return null
  if (value.length === 10) return civil(year, month, day, 0, 0, 0)
  if (value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return null
  if (value[19] !== '.' || value[23] !== 'Z') return null
  const hour = digits(value, 11, 2)
  const minute = digits(value, 14, 2)
  const second = digits(value, 17, 2)
  const millis = digits(value, 20, 3)
  if (hour < 0 || minute < 0 || second < 0 || millis < 0) return null
  const ms = civil(year, month, day, hour, minute, second)
  return ms === null ? null : ms + millis
}

/**
 * Whether a date cell has a time of day but no zone ("2025-03-04 14:05", "4/3/2025 2:05 PM"):
 * such a time is read in a zone the import decides. A date alone is a calendar day, kept at
 * midnight UTC.
 */
export function zonelessTime(text: string): boolean {
  const value = text.trim()
  const iso = ISO_DATE.exec(value)
  if (iso) return iso[4] !== undefined && iso[8] === undefined
  const slash = US_DATE.exec(value)
  return slash !== null && slash[4] !== undefined
}

/**
 * The instant a wall-clock time in `zone` stands for; `wall` is that time as if it were UTC.
 * Two steps settle it across a change of offset (a time skipped by DST moves forward).
 */
export function wallTimeIn(wall: number, zone: string): number {
  if (zone === 'UTC') return wall
  const guess = wall - utcOffsetAt(wall, zone)
  return wall - utcOffsetAt(guess, zone)
}

/** How a slash date is read: 3/4/2025 is March 4 ('mdy') or 3 April ('dmy'). */
export type DateOrder = 'mdy' | 'dmy'

/**
 * What a cell says about the date order of its file: 'dmy' when its first part cannot be a
 * month (25/3/2025), 'mdy' when its second cannot (3/25/2025), 'either' when both can, and
 * null when it is no slash date.
 */
export function slashDateOrder(text: string): DateOrder | 'either' | null {
  const match = US_DATE.exec(text.trim())
  if (!match) return null
  const first = Number(match[1])
  const second = Number(match[2])
  if (first > 12 && second <= 12) return 'dmy'
  if (second > 12 && first <= 12) return 'mdy'
  return 'either'
}

/**
 * A point in time: ISO 8601 ("2025-03-04", "2025-03-04 14:05", "2025-03-04T14:05:00Z") or a
 * slash date as RMM exports write it ("3/4/2025 2:05 PM"), read in `order` (US by default).
 * Times without a zone are read as UTC.
 */
export function timestamp(text: string, order: DateOrder = 'mdy'): Cell<number> {
  const value = text.trim()
  const quick = plainIso(value)
  if (quick !== null) return ok(quick)
  const iso = ISO_DATE.exec(value)
  if (iso) {
    const [, y, mo, d, h, mi, sec, fraction, zone] = iso
    const ms = civil(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
    )
    if (ms === null) return bad(`"${text}" is not a real date`)
    const millis = fraction ? Math.round(Number(fraction) * 1000) : 0
    return ok(ms + millis - (zone ? zoneOffset(zone) : 0))
  }
  const us = US_DATE.exec(value)
  if (us) {
    const [, first, second_, year, hour, minute, second, half] = us
    const [month, day] = order === 'dmy' ? [second_, first] : [first, second_]
    let h = Number(hour ?? 0)
    if (half) {
      if (h < 1 || h > 12) return bad(`"${text}" is not a real time`)
      h = (h % 12) + (half.toUpperCase() === 'PM' ? 12 : 0)
    }
    const ms = civil(
      Number(year),
      Number(month),
      Number(day),
      h,
      Number(minute ?? 0),
      Number(second ?? 0),
    )
    return ms === null ? bad(`"${text}" is not a real date`) : ok(ms)
  }
  return bad(`"${text}" is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)`)
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'required', 'pending'])
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'none', 'not required'])

/** yes/no, true/false, 1/0. */
export function flag(text: string): Cell<boolean> {
  const value = text.trim().toLowerCase()
  if (TRUE_WORDS.has(value)) return ok(true)
  if (FALSE_WORDS.has(value)) return ok(false)
  return bad(`"${text}" is not yes or no`)
}

const ROLES: Record<string, DeviceRole> = {
  workstation: 'workstation',
  desktop: 'workstation',
  laptop: 'workstation',
  notebook: 'workstation',
  pc: 'workstation',
  computer: 'workstation',
  server: 'server',
  srv: 'server',
  vm: 'server',
  'virtual machine': 'server',
  hypervisor: 'server',
  network: 'network',
  'network device': 'network',
  switch: 'network',
  router: 'network',
  firewall: 'network',
  'access point': 'network',
  ap: 'network',
  printer: 'printer',
  mfp: 'printer',
  copier: 'printer',
  other: 'other',
  nas: 'other',
  ups: 'other',
  phone: 'other',
  mobile: 'other',
  tablet: 'other',
}

/** A device role, from the words inventories use for it. */
export function role(text: string): Cell<DeviceRole> {
  const found = ROLES[text.trim().toLowerCase()]
  return found
    ? ok(found)
    : bad(`"${text}" is not a role (workstation, server, network, printer or other)`)
}

/** An OS family from a family cell ("Windows", "linux", "macOS"). */
export function osFamily(text: string): Cell<OsFamily> {
  const guessed = osFamilyOf(text)
  return guessed === 'other' && !/^\s*other\s*$/i.test(text)
    ? bad(`"${text}" is not an OS family (windows, linux, macos or other)`)
    : ok(guessed)
}

/** The family an OS name belongs to ("Microsoft Windows 11 Pro" → windows). */
export function osFamilyOf(name: string): OsFamily {
  const value = name.toLowerCase()
  if (value.includes('windows')) return 'windows'
  if (/mac ?os|os x|darwin/.test(value)) return 'macos'
  if (/linux|ubuntu|debian|red ?hat|rhel|centos|rocky|alma|suse|fedora|oracle linux/.test(value)) {
    return 'linux'
  }
  return 'other'
}

const AV_WORDS: Record<string, AvStatus> = {
  healthy: 'healthy',
  ok: 'healthy',
  good: 'healthy',
  protected: 'healthy',
  enabled: 'healthy',
  on: 'healthy',
  active: 'healthy',
  'up to date': 'healthy',
  disabled: 'disabled',
  off: 'disabled',
  inactive: 'disabled',
  outdated: 'outdated',
  'out of date': 'outdated',
  expired: 'outdated',
  missing: 'missing',
  none: 'missing',
  'not installed': 'missing',
}

/** Antivirus health from the words RMMs use. */
export function avStatus(text: string): Cell<AvStatus> {
  const found = AV_WORDS[text.trim().toLowerCase()]
  return found
    ? ok(found)
    : bad(`"${text}" is not an antivirus status (healthy, disabled, outdated or missing)`)
}

/** An http(s) URL. */
export function url(text: string): Cell<string> {
  try {
    const parsed = new URL(text.trim())
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return ok(parsed.toString())
  } catch {
    // fall through
  }
  return bad(`"${text}" is not an http(s) URL`)
}
