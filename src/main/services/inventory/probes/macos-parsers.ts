/** Parsers for the sections of the macOS probe. Each takes one section's text and never throws. */

import type { InterfaceDraft } from './interfaces'
import { finishInterfaces, interfaceDraft } from './interfaces'
import type { DiskFacts, HardwareFacts, InterfaceFacts, OsFacts } from './types'
import {
  compact,
  isRecord,
  keyValues,
  lines,
  meaningful,
  normaliseMac,
  parseJson,
  toCount,
} from './text'

/** The fields of `sw_vers`. */
export interface SwVers {
  productName: string
  productVersion: string
  buildVersion?: string
  /** Rapid Security Response suffix such as '(a)' (macOS 13 and later). */
  productVersionExtra?: string
}

/** `sw_vers` ("ProductName:\tmacOS" lines; older systems say "Mac OS X"). */
export function parseSwVers(text: string): SwVers | undefined {
  const values = keyValues(text, ':')
  const productName = meaningful(values.get('ProductName'))
  const productVersion = meaningful(values.get('ProductVersion'))
  if (!productName || !productVersion) return undefined
  return {
    productName,
    productVersion,
    ...compact({
      buildVersion: meaningful(values.get('BuildVersion')),
      productVersionExtra: meaningful(values.get('ProductVersionExtra')),
    }),
  }
}

// Marketing names by major version, so a technician reads "macOS Sonoma" rather than "macOS".
const MARKETING: Record<string, string> = {
  '11': 'Big Sur',
  '12': 'Monterey',
  '13': 'Ventura',
  '14': 'Sonoma',
  '15': 'Sequoia',
  '26': 'Tahoe',
}

/** OS identity from sw_vers plus `uname -srm` for the Darwin kernel and architecture. */
export function macosOsFacts(
  sw: SwVers | undefined,
  kernel: string | undefined,
  architecture: string | undefined,
): OsFacts {
  const major = sw?.productVersion.split('.')[0] ?? ''
  const marketing = Object.hasOwn(MARKETING, major) ? MARKETING[major] : undefined
  const version =
    sw && sw.productVersionExtra
      ? `${sw.productVersion} ${sw.productVersionExtra}`
      : sw?.productVersion
  return {
    family: 'macos',
    ...compact({
      name: sw ? (marketing ? `${sw.productName} ${marketing}` : sw.productName) : undefined,
      version,
      build: sw?.buildVersion,
      kernel,
      architecture,
    }),
  }
}

/** `sysctl name...` lines ("hw.memsize: 17179869184") as a map. */
export function parseSysctl(text: string): Map<string, string> | undefined {
  const values = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^([a-z][\w.]*)\s*[:=]\s*(.*)$/.exec(line.trim())
    if (match?.[1] && match[2] !== undefined && !values.has(match[1])) {
      values.set(match[1], match[2].trim())
    }
  }
  return values.size > 0 ? values : undefined
}

/** `kern.boottime` ("{ sec = 1712143256, usec = 512345 } Wed Apr  3 ...") in epoch ms. */
export function parseKernBoottime(value: string | undefined): number | undefined {
  const match = /sec\s*=\s*(\d+)\s*,\s*usec\s*=\s*(\d+)/.exec(value ?? '')
  const seconds = toCount(match?.[1])
  const micros = toCount(match?.[2])
  if (seconds === undefined || micros === undefined) return undefined
  return seconds * 1000 + Math.floor(micros / 1000)
}

/** What `system_profiler -json SPHardwareDataType SPStorageDataType` tells. */
export interface SystemProfilerFacts {
  hardware?: HardwareFacts
  disks?: DiskFacts[]
  /** From "physical_memory": "16 GB", used when sysctl is unavailable. */
  memoryBytes?: number
  cpuModel?: string
}

/**
 * The JSON of `system_profiler -json` (macOS 10.15+). Volumes mounted under /System/Volumes
 * (Data, VM, Preboot, Update) share the APFS container of "/", so only "/" stands for it.
 */
export function parseSystemProfiler(text: string): SystemProfilerFacts | undefined {
  const data = parseJson(text)
  if (!isRecord(data)) return undefined
  const out: SystemProfilerFacts = {}
  const overview = Array.isArray(data.SPHardwareDataType) ? data.SPHardwareDataType[0] : undefined
  if (isRecord(overview)) {
    const name = meaningful(overview.machine_name)
    const code = meaningful(overview.machine_model)
    out.hardware = compact({
      manufacturer: 'Apple',
      model: name && code ? `${name} (${code})` : (name ?? code),
      serial: meaningful(overview.serial_number),
      biosVersion: meaningful(overview.boot_rom_version),
    })
    out.cpuModel = meaningful(overview.chip_type) ?? meaningful(overview.cpu_type)
    const memory = /^(\d+(?:\.\d+)?)\s*(MB|GB|TB)$/.exec(String(overview.physical_memory ?? ''))
    if (memory?.[1] && memory[2]) {
      const scale = { MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[memory[2] as 'MB' | 'GB' | 'TB']
      out.memoryBytes = Math.round(Number(memory[1]) * scale)
    }
  }
  if (Array.isArray(data.SPStorageDataType)) {
    const disks: DiskFacts[] = []
    for (const volume of data.SPStorageDataType) {
      if (!isRecord(volume)) continue
      const mount = meaningful(volume.mount_point)
      const size = toCount(volume.size_in_bytes)
      const free = toCount(volume.free_space_in_bytes)
      if (!mount || mount.startsWith('/System/Volumes/') || size === undefined) continue
      if (free === undefined) continue
      const disk: DiskFacts = {
        mount,
        fsType: meaningful(volume.file_system) ?? 'unknown',
        sizeBytes: size,
        freeBytes: free,
      }
      const bsd = meaningful(volume.bsd_name)
      if (bsd) disk.device = `/dev/${bsd}`
      disks.push(disk)
    }
    out.disks = disks
  }
  return compact(out)
}

/**
 * macOS (BSD) `ifconfig`: "en0: flags=8863<UP,...> mtu 1500" then indented "ether",
 * "inet" and "inet6" lines. Loopback and IPv6 privacy ("temporary") addresses are dropped,
 * and the "%en0" zone suffix of link-local addresses is removed.
 */
export function parseIfconfig(text: string): InterfaceFacts[] | undefined {
  const drafts: InterfaceDraft[] = []
  let current: InterfaceDraft | undefined
  for (const raw of text.split('\n')) {
    const header = /^([A-Za-z0-9_.-]+):\s+flags=\d+<([^>]*)>/.exec(raw)
    if (header?.[1]) {
      current = interfaceDraft(header[1])
      current.skip = (header[2] ?? '').split(',').includes('LOOPBACK')
      drafts.push(current)
      continue
    }
    if (!current || !/^\s/.test(raw)) continue
    const [kind, value, ...rest] = raw.trim().split(/\s+/)
    if (!value) continue
    if (kind === 'ether' || kind === 'lladdr') {
      const mac = normaliseMac(value)
      if (mac) current.macs.push(mac)
    } else if (kind === 'inet') {
      current.ipv4.push(value)
    } else if (kind === 'inet6' && !rest.includes('temporary')) {
      current.ipv6.push(value.replace(/%.*$/, ''))
    }
  }
  return drafts.length > 0 ? finishInterfaces(drafts) : undefined
}

/** The only line of `date +%s`, in epoch ms. */
export function parseEpochSeconds(text: string): number | undefined {
  const seconds = toCount(lines(text)[0])
  return seconds === undefined ? undefined : seconds * 1000
}
