/** Small, total helpers the section parsers share. None of them throws. */

/** Non-empty, trimmed lines. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** A whole non-negative integer, or undefined (rejects '12abc', '', '-1', floats). */
export function toCount(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  }
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return undefined
  const parsed = Number(value.trim())
  return Number.isSafeInteger(parsed) ? parsed : undefined
}

/** A finite number from a number or numeric string, or undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined
  return Number(value.trim())
}

/** `key<separator>value` lines into a map; the first occurrence of a key wins. */
export function keyValues(text: string, separator: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf(separator)
    if (at <= 0) continue
    const key = line.slice(0, at).trim()
    if (key !== '' && !out.has(key)) out.set(key, line.slice(at + separator.length).trim())
  }
  return out
}

// Firmware vendors ship these instead of leaving a field empty; they identify nothing.
const PLACEHOLDERS = new Set(
  [
    '',
    'none',
    'n/a',
    'na',
    '0',
    'default string',
    'not specified',
    'not applicable',
    'not available',
    'to be filled by o.e.m.',
    'to be filled by oem',
    'system serial number',
    'system product name',
    'system manufacturer',
    'chassis serial number',
    'asset tag',
    'no asset tag',
    'no asset information',
    'unknown',
    '0123456789',
  ].map((s) => s.toLowerCase()),
)

/** A trimmed firmware string, or undefined when it is empty or a vendor placeholder. */
export function meaningful(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.replace(/\0/g, '').trim()
  return PLACEHOLDERS.has(trimmed.toLowerCase()) ? undefined : trimmed
}

/** Maps each platform's name for an architecture onto one vocabulary. */
export function normaliseArchitecture(raw: string): string {
  const value = raw.trim().toLowerCase()
  if (['x86_64', 'amd64', 'x64'].includes(value)) return 'x86_64'
  if (['aarch64', 'arm64', 'armv8', 'arm64e'].includes(value)) return 'arm64'
  if (/^i[3-6]86$/.test(value) || value === 'x86') return 'x86'
  return raw.trim()
}

/** 'AA-BB-CC-DD-EE-FF' or 'aa:bb:...' to 'aa:bb:cc:dd:ee:ff'; undefined for all-zero or junk. */
export function normaliseMac(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const mac = raw.trim().toLowerCase().replace(/-/g, ':')
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac)) return undefined
  return mac === '00:00:00:00:00:00' ? undefined : mac
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === '') return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return undefined
  }
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * PowerShell's ConvertTo-Json writes one result as an object and several as an array; this
 * gives an array either way (and [] for nothing).
 */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** A copy without undefined-valued keys, or undefined when nothing is left. */
export function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T)
}

/** Sorted, de-duplicated strings. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText)
}

/** Locale-independent string order, so results never depend on the host's ICU data. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
