/**
 * Parsers for the sections of the Windows probe: each section is the text of one
 * `ConvertTo-Json -Compress` document. PowerShell writes a single result as an object and
 * several as an array, so every parser accepts both. None of them throws.
 */

import type { InterfaceDraft } from './interfaces'
import { finishInterfaces, interfaceDraft } from './interfaces'
import type {
  AntivirusFacts,
  CpuFacts,
  DiskFacts,
  HardwareFacts,
  InterfaceFacts,
  OsFacts,
} from './types'
import {
  asArray,
  compact,
  isRecord,
  meaningful,
  normaliseMac,
  parseJson,
  toCount,
  toNumber,
  uniqueSorted,
} from './text'

/** The records in a section's JSON, whether PowerShell wrote one object or an array. */
function records(text: string): Record<string, unknown>[] | undefined {
  if (text.trim() === '') return []
  const data = parseJson(text)
  if (data === undefined) return undefined
  return asArray(data).filter(isRecord)
}

function firstRecord(text: string): Record<string, unknown> | undefined {
  return records(text)?.[0]
}

/**
 * A CIM/PowerShell date in any of the shapes it reaches JSON as: epoch ms (what the probe
 * sends), Windows PowerShell 5.1's "/Date(1712143256512)/", PowerShell 7's ISO 8601 string,
 * or WMI's DMTF "20240403132056.512345+120". Answers epoch ms.
 */
export function parseCimDate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined
  if (typeof value !== 'string') return undefined
  const msDate = /^\/?Date\((-?\d+)(?:[+-]\d{4})?\)\/?$/.exec(value.replace(/\\/g, ''))
  if (msDate?.[1]) return Number(msDate[1])
  const dmtf = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.(\d{6})([+-])(\d{3})$/.exec(value)
  if (dmtf) {
    const n = (i: number): number => Number(dmtf[i])
    const offsetMinutes = (dmtf[8] === '-' ? -1 : 1) * n(9)
    const local = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), Math.floor(n(7) / 1000))
    return local - offsetMinutes * 60_000
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : parsed
}

/** Win32_OperatingSystem, as the probe selects it. */
export interface WindowsOs {
  caption?: string
  version?: string
  buildNumber?: string
  osArchitecture?: string
  lastBootAt?: number
  /** The device's clock when the probe ran, epoch ms. */
  now?: number
}

/** Win32_OperatingSystem. */
export function parseWin32OperatingSystem(text: string): WindowsOs | undefined {
  const os = firstRecord(text)
  if (!os) return undefined
  return compact({
    caption: meaningful(os.Caption),
    version: meaningful(os.Version),
    buildNumber: meaningful(String(os.BuildNumber ?? '')),
    osArchitecture: meaningful(os.OSArchitecture),
    lastBootAt: parseCimDate(os.LastBootUpTime),
    now: parseCimDate(os.LocalDateTime),
  })
}

/** The registry's HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, as the probe selects it. */
export interface WindowsCurrentVersion {
  /** '23H2' (Windows 10 20H2 and later). */
  displayVersion?: string
  /** '1909' and earlier. */
  releaseId?: string
  currentBuild?: string
  /** Update Build Revision: the patch level within a build. */
  ubr?: number
}

/** HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion. */
export function parseWindowsCurrentVersion(text: string): WindowsCurrentVersion | undefined {
  const reg = firstRecord(text)
  if (!reg) return undefined
  return compact({
    displayVersion: meaningful(reg.DisplayVersion),
    releaseId: meaningful(reg.ReleaseId),
    currentBuild: meaningful(String(reg.CurrentBuild ?? '')),
    ubr: toCount(reg.UBR),
  })
}

// Win32_Processor.Architecture codes.
const PROCESSOR_ARCHITECTURE: Record<number, string> = {
  0: 'x86',
  5: 'arm',
  9: 'x86_64',
  12: 'arm64',
}

/**
 * OS identity. The name comes from CIM's Caption because the registry's ProductName still
 * says "Windows 10" on Windows 11. OSArchitecture is localised ("64 bits", "64-Bit"), so only
 * its digits and "ARM" are read.
 */
export function windowsOsFacts(
  os: WindowsOs | undefined,
  current: WindowsCurrentVersion | undefined,
  processorArchitecture: number | undefined,
): OsFacts {
  const build = current?.currentBuild ?? os?.buildNumber
  const osArch = os?.osArchitecture ?? ''
  let architecture: string | undefined
  if (/arm/i.test(osArch)) architecture = 'arm64'
  else if (/32/.test(osArch)) architecture = 'x86'
  else if (processorArchitecture !== undefined) {
    architecture = PROCESSOR_ARCHITECTURE[processorArchitecture]
  } else if (/64/.test(osArch)) architecture = 'x86_64'
  return {
    family: 'windows',
    ...compact({
      name: os?.caption,
      version: current?.displayVersion ?? current?.releaseId ?? os?.version,
      build: build && current?.ubr !== undefined ? `${build}.${current.ubr}` : build,
      kernel: os?.version,
      architecture,
    }),
  }
}

/** Win32_ComputerSystem, as the probe selects it. */
export interface WindowsComputer {
  hostname?: string
  fqdn?: string
  manufacturer?: string
  model?: string
  totalPhysicalMemory?: number
}

/** Win32_ComputerSystem. The FQDN is only known for domain members. */
export function parseWin32ComputerSystem(text: string): WindowsComputer | undefined {
  const cs = firstRecord(text)
  if (!cs) return undefined
  const hostname = meaningful(cs.DNSHostName) ?? meaningful(cs.Name)
  const domain = meaningful(cs.Domain)
  return compact({
    hostname,
    fqdn: cs.PartOfDomain === true && hostname && domain ? `${hostname}.${domain}` : undefined,
    manufacturer: meaningful(cs.Manufacturer),
    model: meaningful(cs.Model),
    totalPhysicalMemory: toCount(cs.TotalPhysicalMemory),
  })
}

/** The probe's memory section: the sum of Win32_PhysicalMemory.Capacity (installed RAM). */
export function parseInstalledMemory(text: string): number | undefined {
  const installed = toNumber(firstRecord(text)?.InstalledBytes)
  return installed !== undefined && installed > 0 ? Math.round(installed) : undefined
}

/** Win32_BIOS and Win32_SystemEnclosure together: serial, firmware version, asset tag. */
export function parseWin32Bios(biosText: string, enclosureText = ''): HardwareFacts | undefined {
  const bios = firstRecord(biosText)
  const enclosure = firstRecord(enclosureText)
  return compact({
    serial: meaningful(bios?.SerialNumber) ?? meaningful(enclosure?.SerialNumber),
    biosVersion: meaningful(bios?.SMBIOSBIOSVersion),
    assetTag: meaningful(enclosure?.SMBIOSAssetTag),
  })
}

/** Win32_Processor, one record per socket; cores and threads are summed. */
export function parseWin32Processor(
  text: string,
): (CpuFacts & { architectureCode?: number }) | undefined {
  const cpus = records(text)
  if (!cpus || cpus.length === 0) return undefined
  const sum = (key: string): number | undefined => {
    const values = cpus.map((cpu) => toCount(cpu[key]))
    return values.every((v) => v !== undefined) ? values.reduce((a, b) => a + b, 0) : undefined
  }
  const name = meaningful(cpus[0]?.Name)
  return compact({
    model: name?.replace(/\s+/g, ' '),
    cores: sum('NumberOfCores'),
    threads: sum('NumberOfLogicalProcessors'),
    architectureCode: toCount(cpus[0]?.Architecture),
  })
}

/** Win32_LogicalDisk filtered to DriveType=3 (fixed disks). */
export function parseWin32LogicalDisk(text: string): DiskFacts[] | undefined {
  const disks = records(text)
  if (!disks) return undefined
  const out: DiskFacts[] = []
  for (const disk of disks) {
    const mount = meaningful(disk.DeviceID)
    const size = toCount(disk.Size)
    const free = toCount(disk.FreeSpace)
    // A locked BitLocker or unformatted volume reports no size; it holds nothing to inventory.
    if (!mount || size === undefined || free === undefined) continue
    out.push({
      mount,
      fsType: meaningful(disk.FileSystem) ?? 'unknown',
      sizeBytes: size,
      freeBytes: free,
    })
  }
  return out
}

/**
 * Win32_NetworkAdapterConfiguration (IPEnabled), joined by the probe with the adapter's
 * connection name ("Ethernet", "Wi-Fi"). IPAddress mixes IPv4 and IPv6.
 */
export function parseWin32NetworkAdapterConfiguration(text: string): InterfaceFacts[] | undefined {
  const adapters = records(text)
  if (!adapters) return undefined
  const drafts: InterfaceDraft[] = []
  for (const adapter of adapters) {
    const name = meaningful(adapter.Name) ?? meaningful(adapter.Description)
    if (!name) continue
    const draft = interfaceDraft(name)
    const mac = normaliseMac(adapter.MACAddress)
    if (mac) draft.macs.push(mac)
    for (const address of asArray(adapter.IPAddress)) {
      if (typeof address !== 'string' || address.trim() === '') continue
      if (address.includes(':')) draft.ipv6.push(address.replace(/%.*$/, ''))
      else draft.ipv4.push(address)
    }
    drafts.push(draft)
  }
  return finishInterfaces(drafts)
}

/** The probe's users section: "DOMAIN\user" owners of explorer.exe, one per session. */
export function parseInteractiveUsers(text: string): string[] | undefined {
  if (text.trim() === '') return []
  const data = parseJson(text)
  if (data === undefined) return undefined
  const users = asArray(data).filter((u): u is string => typeof u === 'string' && u.trim() !== '')
  return uniqueSorted(users.map((u) => u.trim()))
}

// Group Policy's default for "days before security intelligence is considered out of date".
const STALE_SIGNATURE_DAYS = 7
// Defender reports 65535 days when signatures were never updated.
const NEVER_UPDATED = 65535

/**
 * Get-MpComputerStatus. Enabled means the engine and real-time protection are both on.
 * Signatures are current per Defender's own DefenderSignaturesOutOfDate where the platform
 * reports it, else when they are at most 7 days old.
 */
export function parseDefenderStatus(text: string): AntivirusFacts | undefined {
  const status = firstRecord(text)
  if (!status) return undefined
  const av = status.AntivirusEnabled
  const rtp = status.RealTimeProtectionEnabled
  if (typeof av !== 'boolean') return undefined
  const rawAge = toCount(status.AntivirusSignatureAge)
  const age = rawAge === undefined || rawAge >= NEVER_UPDATED ? undefined : rawAge
  let upToDate: boolean | undefined
  if (typeof status.DefenderSignaturesOutOfDate === 'boolean') {
    upToDate = !status.DefenderSignaturesOutOfDate
  } else if (rawAge !== undefined) {
    upToDate = age !== undefined && age <= STALE_SIGNATURE_DAYS
  }
  if (upToDate === undefined) return undefined
  const passive = /passive/i.test(String(status.AMRunningMode ?? ''))
  const facts: AntivirusFacts = {
    product: passive
      ? 'Microsoft Defender Antivirus (passive mode)'
      : 'Microsoft Defender Antivirus',
    enabled: av && rtp !== false && status.AMServiceEnabled !== false,
    upToDate,
  }
  if (age !== undefined) facts.signatureAgeDays = age
  return facts
}

/** The probe's Windows Update section: counts from the cached IUpdateSearcher results. */
export function parseWindowsUpdateSearch(
  text: string,
): { pending: number; security?: number } | undefined {
  const result = firstRecord(text)
  const pending = toCount(result?.Pending)
  if (pending === undefined) return undefined
  const security = toCount(result?.Security)
  return security === undefined ? { pending } : { pending, security }
}

/** The newest Get-HotFix entry's InstalledOn (a date, local midnight), in epoch ms. */
export function parseLastHotFix(text: string): number | undefined {
  return parseCimDate(firstRecord(text)?.InstalledOn)
}

/**
 * The probe's reboot section. Component Based Servicing and Windows Update set their keys
 * only when a reboot finishes an install. PendingFileRenameOperations is reported but not
 * trusted: installers and antivirus leave entries there that no reboot is waiting for.
 */
export function parseRebootPending(text: string): boolean | undefined {
  const flags = firstRecord(text)
  if (!flags) return undefined
  const cbs = flags.ComponentBasedServicing
  const wu = flags.WindowsUpdate
  if (typeof cbs !== 'boolean' && typeof wu !== 'boolean') return undefined
  return cbs === true || wu === true
}

/** The message of a failed section ({"error": "..."}), if it has one. */
export function parseSectionError(text: string): string | undefined {
  const data = parseJson(text)
  return isRecord(data) ? meaningful(data.error) : undefined
}
