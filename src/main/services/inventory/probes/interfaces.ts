/** Shared shaping of interface lists, so every platform applies the same rules. */

import type { InterfaceFacts } from './types'

/** An interface as a parser collects it, before the shared rules apply. */
export interface InterfaceDraft {
  name: string
  macs: string[]
  ipv4: string[]
  ipv6: string[]
  /** Loopback, or the host end of a container's veth pair. */
  skip: boolean
}

/** A new, empty draft. */
export function interfaceDraft(name: string): InterfaceDraft {
  return { name, macs: [], ipv4: [], ipv6: [], skip: false }
}

const isLinkLocal = (address: string): boolean => /^fe[89ab][0-9a-f]:/i.test(address)

/**
 * Keeps interfaces that carry a routable address. Links without one (down NICs, ifb and
 * dummy stubs, macOS utun/awdl/llw, which only ever hold an fe80:: address) would otherwise
 * fill every inventory and every diff with noise.
 */
export function finishInterfaces(drafts: Iterable<InterfaceDraft>): InterfaceFacts[] {
  const out: InterfaceFacts[] = []
  for (const d of drafts) {
    const routable = d.ipv4.length > 0 || d.ipv6.some((address) => !isLinkLocal(address))
    if (d.skip || !routable) continue
    out.push({
      name: d.name,
      ...(d.macs.length > 0 ? { macs: [...new Set(d.macs)] } : {}),
      ipv4: [...new Set(d.ipv4)],
      ipv6: [...new Set(d.ipv6)],
    })
  }
  return out
}
