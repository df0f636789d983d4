/**
 * Folds what a probe reported into a device's stored fields. A fact the probe did not learn
 * leaves the field as it was: unknown is not "none", so a failed section never blanks a column.
 */
import type { AvStatus } from '../../../shared/contract'
import type { DeviceValues } from './device-values'
import type { AntivirusFacts, InventoryFacts } from './probes'

const isLinkLocal = (address: string): boolean => /^fe[89ab][0-9a-f]:/i.test(address)

function antivirusStatus(av: AntivirusFacts): AvStatus {
  if (!av.enabled) return 'disabled'
  return av.upToDate ? 'healthy' : 'outdated'
}

/** `values` updated with `facts`, seen at `collectedAt`. */
export function applyFacts(
  values: DeviceValues,
  facts: InventoryFacts,
  collectedAt: number,
): DeviceValues {
  const next: DeviceValues = { ...values, lastSeenAt: collectedAt }
  // The name is the technician's; what the device calls itself is kept beside it.
  if (facts.hostname) next.collectedHostname = facts.hostname
  if (facts.fqdn) next.fqdn = facts.fqdn
  const { os, hardware, cpu } = facts
  if (os) {
    if (os.family !== 'other') next.osFamily = os.family
    next.osName = os.name ?? next.osName
    next.osVersion = os.version ?? next.osVersion
    next.osBuild = os.build ?? next.osBuild
    next.osArch = os.architecture ?? next.osArch
    next.kernel = os.kernel ?? next.kernel
  }
  if (hardware) {
    next.manufacturer = hardware.manufacturer ?? next.manufacturer
    next.model = hardware.model ?? next.model
    next.serial = hardware.serial ?? next.serial
    next.assetTag = hardware.assetTag ?? next.assetTag
  }
  if (cpu) {
    next.cpuModel = cpu.model ?? next.cpuModel
    next.cpuCores = cpu.cores ?? next.cpuCores
    next.cpuThreads = cpu.threads ?? next.cpuThreads
  }
  if (facts.memoryBytes !== undefined) next.ramBytes = facts.memoryBytes
  if (facts.disks) next.disks = facts.disks.map((disk) => ({ ...disk }))
  if (facts.interfaces) {
    // IPv4 first: the table shows the first address, and that is the one people type.
    const v4 = facts.interfaces.flatMap((i) => i.ipv4)
    const v6 = facts.interfaces.flatMap((i) => i.ipv6).filter((a) => !isLinkLocal(a))
    next.localIps = [...new Set([...v4, ...v6])]
    next.macs = [...new Set(facts.interfaces.flatMap((i) => i.macs ?? []))]
  }
  if (facts.lastBootAt !== undefined) next.lastBootAt = facts.lastBootAt
  if (facts.loggedInUsers) {
    next.loggedInUser = facts.loggedInUsers.length > 0 ? facts.loggedInUsers.join(', ') : null
    if (next.loggedInUser) next.lastUser = next.loggedInUser
  }
  if (facts.patches) {
    next.patchesPending = facts.patches.pending
    next.lastPatchedAt = facts.patches.lastPatchedAt ?? next.lastPatchedAt
  }
  if (facts.antivirus) {
    next.avProduct = facts.antivirus.product
    next.avStatus = antivirusStatus(facts.antivirus)
  }
  if (facts.rebootRequired !== undefined) next.rebootRequired = facts.rebootRequired
  return next
}
