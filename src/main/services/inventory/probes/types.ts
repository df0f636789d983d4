/**
 * What one agentless probe learns about a device. Every field is optional because any section
 * of a probe may be missing on a given device; absence means "unknown", never "none".
 * Values are plain JSON (numbers, strings, booleans, arrays, objects) so facts can be stored
 * and synced as-is.
 */

/** The operating system family a probe ran on. */
export type OsFamily = 'linux' | 'macos' | 'windows' | 'other'

/** Which tool reported the pending patches. */
export type PatchManager = 'apt' | 'dnf' | 'zypper' | 'softwareupdate' | 'windows-update'

/** Operating system identity. */
export interface OsFacts {
  family: OsFamily
  /** Human name, e.g. 'Debian GNU/Linux 12 (bookworm)', 'macOS', 'Microsoft Windows 11 Pro'. */
  name?: string
  /** Release, e.g. '12.11', '14.4.1', '23H2'. */
  version?: string
  /** Build, e.g. macOS '23E224' or Windows '22631.3447' (build.UBR). */
  build?: string
  /** Normalised CPU architecture: 'x86_64', 'arm64', 'x86', or the raw name if unknown. */
  architecture?: string
  /** Kernel release: `uname -r` on Linux and macOS, the NT version on Windows. */
  kernel?: string
}

/** Firmware-reported identity of the machine (SMBIOS/DMI, device tree, or system_profiler). */
export interface HardwareFacts {
  manufacturer?: string
  model?: string
  serial?: string
  assetTag?: string
  biosVersion?: string
}

/** Processor summary across all sockets. */
export interface CpuFacts {
  model?: string
  /** Physical cores. */
  cores?: number
  /** Logical processors (hardware threads). */
  threads?: number
}

/** One mounted local filesystem (or a Windows fixed drive). */
export interface DiskFacts {
  /** Mount point ('/', '/home') or drive letter ('C:'). */
  mount: string
  fsType: string
  sizeBytes: number
  freeBytes: number
  /** Block device or volume behind the mount, when the probe saw one. */
  device?: string
}

/** One network interface with its addresses; loopback is never listed. */
export interface InterfaceFacts {
  name: string
  /** Lower-case, colon-separated hardware addresses. */
  macs?: string[]
  ipv4: string[]
  ipv6: string[]
}

/** Patch state as the device's own package manager sees it (no refresh is triggered). */
export interface PatchFacts {
  manager: PatchManager
  pending: number
  security?: number
  /** Epoch ms of the last time packages were upgraded, when the device records it. */
  lastPatchedAt?: number
}

/** Antivirus state (Microsoft Defender on Windows). */
export interface AntivirusFacts {
  product: string
  /** Engine on and real-time protection on. */
  enabled: boolean
  upToDate: boolean
  signatureAgeDays?: number
}

/** Everything an inventory probe can report about one device. */
export interface InventoryFacts {
  hostname?: string
  fqdn?: string
  os?: OsFacts
  hardware?: HardwareFacts
  cpu?: CpuFacts
  memoryBytes?: number
  disks?: DiskFacts[]
  interfaces?: InterfaceFacts[]
  /** Epoch ms. */
  lastBootAt?: number
  uptimeSeconds?: number
  /** Distinct user names with an interactive session, sorted. */
  loggedInUsers?: string[]
  patches?: PatchFacts
  antivirus?: AntivirusFacts
  rebootRequired?: boolean
}

/** The facts a probe produced and, in plain words, what it could not find out. */
export interface ProbeResult {
  facts: InventoryFacts
  problems: string[]
}
