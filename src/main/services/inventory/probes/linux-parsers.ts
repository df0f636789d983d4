/** Parsers for the sections of the Linux probe. Each takes one section's text and never throws. */

import type { InterfaceDraft } from './interfaces'
import { finishInterfaces, interfaceDraft } from './interfaces'
import type { Uname } from './posix-parsers'
import type { CpuFacts, DiskFacts, HardwareFacts, InterfaceFacts, OsFacts } from './types'
import {
  compact,
  isRecord,
  lines,
  meaningful,
  normaliseArchitecture,
  normaliseMac,
  parseJson,
  toCount,
  toNumber,
} from './text'

/** os-release(5) as a key/value record, quotes and shell escapes removed. */
export function parseOsRelease(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (!match?.[1] || match[2] === undefined) continue
    out[match[1]] = unquoteShell(match[2].trim())
  }
  return Object.keys(out).length > 0 ? out : undefined
}

function unquoteShell(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(["$`\\])/g, '$1')
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1)
  return value
}

/**
 * OS identity from os-release, `uname -srm` and, on Debian, /etc/debian_version (the only
 * place Debian records its point release, e.g. 12.11).
 */
export function linuxOsFacts(
  release: Record<string, string> | undefined,
  uname: Uname | undefined,
  debianVersion?: string,
): OsFacts {
  const get = (key: string): string | undefined => meaningful(release?.[key])
  const name = get('PRETTY_NAME') ?? get('NAME')
  const versionId = get('VERSION_ID')
  const versionText = get('VERSION')
  let version = versionId
  // Ubuntu keeps its point release only in VERSION ("22.04.4 LTS (Jammy Jellyfish)").
  const dotted = versionText?.match(/^\d+(\.\d+)+/)?.[0]
  if (versionId && dotted?.startsWith(`${versionId}.`)) version = dotted
  const point = debianVersion?.trim()
  if (get('ID') === 'debian' && point && /^\d+(\.\d+)+$/.test(point)) version = point
  return {
    family: 'linux',
    ...compact({
      name,
      version,
      build: get('BUILD_ID'),
      kernel: uname?.kernelRelease,
      architecture: uname ? normaliseArchitecture(uname.machine) : undefined,
    }),
  }
}

// Which /proc/cpuinfo key names the processor, best first: x86, MIPS, 32-bit ARM, RISC-V, SoC.
const MODEL_KEYS = ['model name', 'cpu model', 'Processor', 'uarch', 'Hardware']

/** /proc/cpuinfo (whole, or the subset of keys the probe keeps). */
export function parseCpuinfo(text: string): CpuFacts | undefined {
  const entries: Map<string, string>[] = []
  const header = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf(':')
    if (at <= 0) continue
    const key = line.slice(0, at).trim()
    const value = line.slice(at + 1).trim()
    if (key === 'processor' && toCount(value) !== undefined) {
      entries.push(new Map())
      continue
    }
    const target = entries[entries.length - 1] ?? header
    if (!target.has(key)) target.set(key, value)
  }
  const lookup = (key: string): string | undefined =>
    [...entries, header].map((entry) => entry.get(key)).find((v) => v !== undefined && v !== '')
  let model: string | undefined
  for (const key of MODEL_KEYS) {
    const value = lookup(key)
    // Old ARM kernels reuse "Processor" for the index as well as the name.
    if (value !== undefined && toCount(value) === undefined) {
      model = value.replace(/\s+/g, ' ')
      break
    }
  }
  const threads = entries.length > 0 ? entries.length : undefined
  let cores: number | undefined
  if (entries.length > 0 && entries.every((entry) => entry.has('core id'))) {
    const unique = new Set(entries.map((e) => `${e.get('physical id') ?? '0'}:${e.get('core id')}`))
    cores = unique.size
  } else {
    const perPackage = toCount(lookup('cpu cores'))
    const packages = new Set(entries.map((e) => e.get('physical id') ?? '0')).size
    if (perPackage !== undefined && perPackage > 0) cores = perPackage * Math.max(packages, 1)
  }
  return compact({ model, cores, threads })
}

/** MemTotal from /proc/meminfo, in bytes (the kernel's "kB" means KiB). */
export function parseMeminfo(text: string): number | undefined {
  const match = /^MemTotal:\s*(\d+)\s*(kB)?\s*$/im.exec(text)
  if (!match?.[1]) return undefined
  const value = toCount(match[1])
  if (value === undefined) return undefined
  return match[2] ? value * 1024 : value
}

const DF_ROW = /^(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(\S.*)$/
const UNIT: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/**
 * `df -PT` in any block size: the header's "<n>-blocks" column (1-blocks, 1024-blocks,
 * 1K-blocks, a localised equivalent) says what a block is. Every mounted filesystem is
 * returned; see localDisks for the filtering.
 */
export function parseDfPT(text: string): DiskFacts[] | undefined {
  const all = lines(text)
  let blockSize = 1024
  let sawHeader = false
  const disks: DiskFacts[] = []
  for (const line of all) {
    const row = DF_ROW.exec(line)
    if (!row) {
      const unit = /(?:^|\s)(\d+)([kKmMgG]?)-\S+/.exec(line)
      if (!sawHeader && disks.length === 0 && unit?.[1]) {
        sawHeader = true
        blockSize = Number(unit[1]) * (UNIT[(unit[2] ?? '').toLowerCase()] ?? 1)
      }
      continue
    }
    const [, device, fsType, blocks, , available, , mount] = row
    if (!device || !fsType || !blocks || !available || !mount) continue
    const disk: DiskFacts = {
      mount,
      fsType,
      sizeBytes: Number(blocks) * blockSize,
      freeBytes: Number(available) * blockSize,
    }
    if (device.startsWith('/')) disk.device = device
    disks.push(disk)
  }
  return disks.length > 0 || sawHeader ? disks : undefined
}

// Filesystems that hold no data of the device's own: memory, kernel views, container layers,
// read-only images (always 100% full) and network shares (another machine's disks).
const NOT_LOCAL = new Set([
  'tmpfs',
  'devtmpfs',
  'devfs',
  'ramfs',
  'rootfs',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'efivarfs',
  'securityfs',
  'debugfs',
  'tracefs',
  'pstore',
  'bpf',
  'autofs',
  'mqueue',
  'hugetlbfs',
  'fusectl',
  'configfs',
  'binfmt_misc',
  'nsfs',
  'overlay',
  'aufs',
  'squashfs',
  'iso9660',
  'udf',
  'fuse.lxcfs',
  'fuse.gvfsd-fuse',
  'fuse.portal',
  'fuse.snapfuse',
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'sshfs',
  'fuse.sshfs',
  '9p',
  'ceph',
  'glusterfs',
  'fuse.glusterfs',
  'lustre',
  'afs',
  'davfs',
  'fuse.rclone',
])

/** Only the filesystems that are this device's own storage. */
export function localDisks(disks: DiskFacts[]): DiskFacts[] {
  return disks.filter((disk) => !NOT_LOCAL.has(disk.fsType) && disk.sizeBytes > 0)
}

/**
 * `ip -j addr show`. Loopback, container veth ends (those with a peer in another network
 * namespace) and IPv6 privacy addresses (rotated by design) are left out.
 */
export function parseIpJsonAddr(text: string): InterfaceFacts[] | undefined {
  const data = parseJson(text)
  if (!Array.isArray(data)) return undefined
  const drafts: InterfaceDraft[] = []
  for (const link of data) {
    if (!isRecord(link) || typeof link.ifname !== 'string') continue
    const flags = Array.isArray(link.flags) ? link.flags : []
    const draft = interfaceDraft(link.ifname)
    draft.skip =
      link.link_type === 'loopback' || flags.includes('LOOPBACK') || 'link_netnsid' in link
    const mac = normaliseMac(link.address)
    if (mac && link.link_type === 'ether') draft.macs.push(mac)
    for (const addr of Array.isArray(link.addr_info) ? link.addr_info : []) {
      if (!isRecord(addr) || typeof addr.local !== 'string' || addr.temporary === true) continue
      if (addr.family === 'inet') draft.ipv4.push(addr.local)
      else if (addr.family === 'inet6') draft.ipv6.push(addr.local)
    }
    drafts.push(draft)
  }
  return finishInterfaces(drafts)
}

const IP_LINK = /^\d+:\s+([^\s:@]+)(?:@[^\s:]+)?:\s+<([^>]*)>(.*)$/
const IP_ADDR = /^\d+:\s+([^\s@]+)(?:@\S+)?\s+(inet6?)\s+([0-9A-Fa-f.:]+)(?:\/\d+)?(.*)$/

/**
 * `ip -o link show` followed by `ip -o addr show`, the fallback for iproute2 without JSON.
 * Link lines supply MACs and the loopback flag; addr lines supply addresses.
 */
export function parseIpOAddr(text: string): InterfaceFacts[] | undefined {
  const drafts = new Map<string, InterfaceDraft>()
  const draft = (name: string): InterfaceDraft => {
    let found = drafts.get(name)
    if (!found) {
      found = interfaceDraft(name)
      drafts.set(name, found)
    }
    return found
  }
  let recognised = false
  for (const line of lines(text)) {
    const link = IP_LINK.exec(line)
    if (link?.[1]) {
      recognised = true
      const d = draft(link[1])
      const rest = link[3] ?? ''
      if ((link[2] ?? '').split(',').includes('LOOPBACK') || rest.includes('link-netnsid')) {
        d.skip = true
      }
      const ether = /link\/ether\s+(\S+)/.exec(rest)?.[1]
      const mac = normaliseMac(ether)
      if (mac && !d.macs.includes(mac)) d.macs.push(mac)
      continue
    }
    const addr = IP_ADDR.exec(line)
    if (!addr?.[1] || !addr[3]) continue
    recognised = true
    const rest = addr[4] ?? ''
    // Without link lines, "scope host" is how loopback shows itself.
    if (/\btemporary\b/.test(rest) || /\bscope host\b/.test(rest)) {
      draft(addr[1])
      continue
    }
    const d = draft(addr[1])
    if (addr[2] === 'inet') d.ipv4.push(addr[3])
    else d.ipv6.push(addr[3])
  }
  return recognised ? finishInterfaces(drafts.values()) : undefined
}

/** Whole seconds since boot from /proc/uptime. */
export function parseUptime(text: string): number | undefined {
  const first = lines(text)[0]?.split(/\s+/)[0]
  const seconds = toNumber(first)
  return seconds !== undefined && seconds >= 0 ? Math.floor(seconds) : undefined
}

/** Boot time in epoch ms from the `btime` line of /proc/stat. */
export function parseBootTime(text: string): number | undefined {
  const match = /^btime\s+(\d+)\s*$/m.exec(text)
  const seconds = toCount(match?.[1])
  return seconds === undefined ? undefined : seconds * 1000
}

/**
 * The probe's `key=value` DMI lines (from /sys/class/dmi/id, dmidecode via passwordless sudo,
 * or the device tree on boards without SMBIOS).
 */
export function parseDmi(text: string): HardwareFacts | undefined {
  const values = new Map<string, string>()
  for (const line of text.split('\n')) {
    const at = line.indexOf('=')
    if (at <= 0) continue
    const value = meaningful(line.slice(at + 1))
    const key = line.slice(0, at).trim()
    if (value !== undefined && !values.has(key)) values.set(key, value)
  }
  const manufacturer = values.get('sys_vendor')
  let model = values.get('product_name') ?? values.get('devicetree_model')
  const friendly = values.get('product_version')
  // Lenovo keeps the machine-type code in product_name and the model's name in product_version.
  if (manufacturer && /lenovo/i.test(manufacturer) && friendly && model) {
    model = `${friendly} (${model})`
  }
  return compact({
    manufacturer,
    model,
    serial: values.get('product_serial') ?? values.get('devicetree_serial-number'),
    assetTag: values.get('chassis_asset_tag'),
    biosVersion: values.get('bios_version'),
  })
}

/**
 * The probe's reboot section: Debian's /run/reboot-required flag file, `needs-restarting -r`
 * (exit 1 = reboot needed) and `zypper needs-rebooting` (exit 102 = reboot needed).
 */
export function parseRebootRequired(text: string): boolean | undefined {
  const values = new Map<string, string>()
  for (const line of lines(text)) {
    const at = line.indexOf('=')
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1))
  }
  const verdicts = [
    verdict(values.get('reboot-required-file'), 'absent', 'present'),
    verdict(values.get('needs-restarting'), '0', '1'),
    verdict(values.get('zypper-needs-rebooting'), '0', '102'),
  ]
  if (verdicts.includes(true)) return true
  return verdicts.includes(false) ? false : undefined
}

function verdict(value: string | undefined, no: string, yes: string): boolean | undefined {
  return value === yes ? true : value === no ? false : undefined
}

/** Epoch ms of the last apt transaction that upgraded packages (the probe's apt-history). */
export function parseAptHistory(text: string): number | undefined {
  const match = /^epoch=(\d+)\s*$/m.exec(text)
  const seconds = toCount(match?.[1])
  return seconds === undefined ? undefined : seconds * 1000
}

/** Epoch ms of the newest package install from `rpm -qa --qf '%{INSTALLTIME}\n' | sort -n`. */
export function parseRpmLastInstall(text: string): number | undefined {
  const last = lines(text).at(-1)
  const seconds = toCount(last)
  return seconds === undefined || seconds === 0 ? undefined : seconds * 1000
}
