const allowedProtocols = new Set(['https:', 'mailto:', 'tel:'])

/**
 * Returns the normalised URL when it may be handed to the OS, or null. Only https, mailto and
 * tel are allowed: file:, javascript:, custom schemes and plain http could run or leak things.
 */
export function approveExternalUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (!allowedProtocols.has(url.protocol)) return null
  if (url.protocol === 'https:' && (!url.hostname || url.username || url.password)) return null
  return url.toString()
}
