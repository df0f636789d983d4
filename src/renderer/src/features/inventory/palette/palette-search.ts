import type { DeviceRow } from '@shared/contract'

/** Fewer characters match too much to be useful in a palette. */
export const MIN_QUERY_CHARS = 2
/** A palette shows a handful; the device table is there for more. */
export const PALETTE_LIMIT = 8

/** What the palette sends for what was typed, or null when it should not search yet. */
export function paletteDeviceQuery(typed: string): string | null {
  const query = typed.trim().replace(/\s+/g, ' ')
  return query.length >= MIN_QUERY_CHARS ? query.slice(0, 200) : null
}

/** The line under a device's name: client, then the address people type, then the OS. */
export function paletteDeviceMeta(row: Pick<DeviceRow, 'clientName' | 'ip' | 'osName'>): string {
  return [row.clientName, row.ip, row.osName].filter(Boolean).join(' · ')
}
