/**
 * What changed on a device between two inventory runs, in words a technician can scan.
 *
 * Rules, each chosen so a diff only speaks when something happened:
 * - A fact unknown on either side (a section failed) is not a change: a probe problem is
 *   reported by the probe, not as "RAM removed".
 * - Never compared, because they change on every run or every login: uptimeSeconds,
 *   loggedInUsers (session state, kept in the facts but not diffed), antivirus
 *   signatureAgeDays (ages daily; upToDate carries the meaning), and disk devices (kernel
 *   names such as sda/sdb may swap between boots).
 * - Thresholds: RAM and disk size changes under 1% (kernel reservations shift between
 *   boots, ZFS sizes float), disk free space unless it moves by more than 10% of the disk
 *   or crosses 90% used, boot time unless it moves forward by more than 2 minutes (btime
 *   jitters by a second; NTP steps it).
 * - Host names compare case-insensitively; address lists compare as sets.
 * Output order is fixed: identity, OS, hardware, CPU, memory, disks by mount, interfaces by
 * name, boot, patches, antivirus, reboot flag.
 */

import { compareText } from './text'
import type { DiskFacts, InterfaceFacts, InventoryFacts } from './types'

/** One difference between two runs. */
export interface FactChange {
  /** Dotted path, e.g. 'memoryBytes', 'os.kernel', 'disks./', 'interfaces.eth0.ipv4'. */
  field: string
  before: unknown
  after: unknown
  summary: string
}

const DISK_FULL_PERCENT = 90
const FREE_SPACE_MOVE = 0.1
const SIZE_TOLERANCE = 0.01
const REBOOT_TOLERANCE_MS = 120_000

/** Human size with binary units, labelled the way Windows and most tools do ("16 GB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const shown = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10
  return `${shown} ${units[unit]}`
}

/** Epoch ms as 'YYYY-MM-DD HH:MM UTC', independent of the host's locale and zone. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const usedPercent = (disk: DiskFacts): number =>
  disk.sizeBytes > 0 ? Math.round(((disk.sizeBytes - disk.freeBytes) / disk.sizeBytes) * 100) : 0

const differsBeyond = (before: number, after: number, fraction: number): boolean =>
  Math.abs(after - before) > Math.abs(before) * fraction

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const left = [...new Set(a)].sort(compareText)
  const right = [...new Set(b)].sort(compareText)
  return left.length === right.length && left.every((value, i) => value === right[i])
}

const sorted = (values: readonly string[]): string[] => [...new Set(values)].sort(compareText)

/** The changes from `previous` to `next`, in a fixed order. */
export function diffFacts(previous: InventoryFacts, next: InventoryFacts): FactChange[] {
  const changes: FactChange[] = []
  const push = (field: string, before: unknown, after: unknown, summary: string): void => {
    changes.push({ field, before, after, summary })
  }
  const text = (
    field: string,
    before: string | undefined,
    after: string | undefined,
    describe: (b: string, a: string) => string,
    caseInsensitive = false,
  ): void => {
    if (before === undefined || after === undefined) return
    const same = caseInsensitive ? before.toLowerCase() === after.toLowerCase() : before === after
    if (!same) push(field, before, after, describe(before, after))
  }
  const count = (
    field: string,
    before: number | undefined,
    after: number | undefined,
    describe: (b: number, a: number) => string,
  ): void => {
    if (before !== undefined && after !== undefined && before !== after) {
      push(field, before, after, describe(before, after))
    }
  }
  const flag = (
    field: string,
    before: boolean | undefined,
    after: boolean | undefined,
    whenTrue: string,
    whenFalse: string,
  ): void => {
    if (before !== undefined && after !== undefined && before !== after) {
      push(field, before, after, after ? whenTrue : whenFalse)
    }
  }

  text('hostname', previous.hostname, next.hostname, (b, a) => `Hostname ${b} → ${a}`, true)
  text('fqdn', previous.fqdn, next.fqdn, (b, a) => `FQDN ${b} → ${a}`, true)

  const [po, no] = [previous.os, next.os]
  text('os.family', po?.family, no?.family, (b, a) => `OS family ${b} → ${a}`)
  text('os.name', po?.name, no?.name, (b, a) => `OS ${b} → ${a}`)
  text('os.version', po?.version, no?.version, (b, a) => `OS version ${b} → ${a}`)
  text('os.build', po?.build, no?.build, (b, a) => `OS build ${b} → ${a}`)
  text('os.kernel', po?.kernel, no?.kernel, (b, a) => `Kernel updated: ${b} → ${a}`)
  text('os.architecture', po?.architecture, no?.architecture, (b, a) => `Architecture ${b} → ${a}`)

  const [ph, nh] = [previous.hardware, next.hardware]
  text(
    'hardware.manufacturer',
    ph?.manufacturer,
    nh?.manufacturer,
    (b, a) => `Manufacturer ${b} → ${a}`,
  )
  text('hardware.model', ph?.model, nh?.model, (b, a) => `Model ${b} → ${a}`)
  text(
    'hardware.serial',
    ph?.serial,
    nh?.serial,
    (b, a) => `Serial number ${b} → ${a} (board replaced, or another machine at this address)`,
  )
  text('hardware.assetTag', ph?.assetTag, nh?.assetTag, (b, a) => `Asset tag ${b} → ${a}`)
  text(
    'hardware.biosVersion',
    ph?.biosVersion,
    nh?.biosVersion,
    (b, a) => `BIOS updated: ${b} → ${a}`,
  )

  const [pc, nc] = [previous.cpu, next.cpu]
  text('cpu.model', pc?.model, nc?.model, (b, a) => `CPU ${b} → ${a}`)
  count('cpu.cores', pc?.cores, nc?.cores, (b, a) => `CPU cores ${b} → ${a}`)
  count('cpu.threads', pc?.threads, nc?.threads, (b, a) => `CPU threads ${b} → ${a}`)

  const [pm, nm] = [previous.memoryBytes, next.memoryBytes]
  if (pm !== undefined && nm !== undefined && differsBeyond(pm, nm, SIZE_TOLERANCE)) {
    push('memoryBytes', pm, nm, `RAM ${formatBytes(pm)} → ${formatBytes(nm)}`)
  }

  if (previous.disks && next.disks) diffDisks(previous.disks, next.disks, push)
  if (previous.interfaces && next.interfaces) {
    diffInterfaces(previous.interfaces, next.interfaces, push)
  }

  const [pb, nb] = [previous.lastBootAt, next.lastBootAt]
  if (pb !== undefined && nb !== undefined && nb - pb > REBOOT_TOLERANCE_MS) {
    push('lastBootAt', pb, nb, `Rebooted (booted ${formatTime(nb)})`)
  }

  const [pp, np] = [previous.patches, next.patches]
  text('patches.manager', pp?.manager, np?.manager, (b, a) => `Patch manager ${b} → ${a}`)
  count('patches.pending', pp?.pending, np?.pending, (b, a) => `Pending patches ${b} → ${a}`)
  count('patches.security', pp?.security, np?.security, (b, a) => {
    return `Pending security patches ${b} → ${a}`
  })
  count('patches.lastPatchedAt', pp?.lastPatchedAt, np?.lastPatchedAt, (b, a) =>
    a > b
      ? `Patches installed (${formatTime(a)})`
      : `Last patch date ${formatTime(b)} → ${formatTime(a)}`,
  )

  const [pa, na] = [previous.antivirus, next.antivirus]
  text('antivirus.product', pa?.product, na?.product, (b, a) => `Antivirus ${b} → ${a}`)
  flag(
    'antivirus.enabled',
    pa?.enabled,
    na?.enabled,
    `Antivirus turned on (${na?.product ?? ''})`,
    `Antivirus turned off (${na?.product ?? ''})`,
  )
  flag(
    'antivirus.upToDate',
    pa?.upToDate,
    na?.upToDate,
    'Antivirus signatures up to date again',
    na?.signatureAgeDays === undefined
      ? 'Antivirus signatures out of date'
      : `Antivirus signatures out of date (${na.signatureAgeDays} days old)`,
  )
  flag(
    'rebootRequired',
    previous.rebootRequired,
    next.rebootRequired,
    'Reboot required',
    'Reboot no longer required',
  )
  return changes
}

type Push = (field: string, before: unknown, after: unknown, summary: string) => void

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>()
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item)
  return map
}

function diffDisks(previous: readonly DiskFacts[], next: readonly DiskFacts[], push: Push): void {
  const before = byKey(previous, (d) => d.mount)
  const after = byKey(next, (d) => d.mount)
  const mounts = [...new Set([...before.keys(), ...after.keys()])].sort(compareText)
  for (const mount of mounts) {
    const b = before.get(mount)
    const a = after.get(mount)
    const field = `disks.${mount}`
    if (!a) {
      if (b) push(field, b, undefined, `Disk ${mount} removed`)
      continue
    }
    if (!b) {
      push(field, undefined, a, `Disk ${mount} added (${formatBytes(a.sizeBytes)} ${a.fsType})`)
      continue
    }
    if (b.fsType !== a.fsType) {
      push(
        `${field}.fsType`,
        b.fsType,
        a.fsType,
        `Disk ${mount} filesystem ${b.fsType} → ${a.fsType}`,
      )
    }
    if (differsBeyond(b.sizeBytes, a.sizeBytes, SIZE_TOLERANCE)) {
      push(
        `${field}.sizeBytes`,
        b.sizeBytes,
        a.sizeBytes,
        `Disk ${mount} resized ${formatBytes(b.sizeBytes)} → ${formatBytes(a.sizeBytes)}`,
      )
    }
    const [usedBefore, usedAfter] = [usedPercent(b), usedPercent(a)]
    const filled = usedBefore < DISK_FULL_PERCENT && usedAfter >= DISK_FULL_PERCENT
    const relieved = usedBefore >= DISK_FULL_PERCENT && usedAfter < DISK_FULL_PERCENT
    const moved = Math.abs(a.freeBytes - b.freeBytes) > a.sizeBytes * FREE_SPACE_MOVE
    if (filled) {
      push(
        `${field}.freeBytes`,
        b.freeBytes,
        a.freeBytes,
        `Disk ${mount} is ${usedAfter}% full (was ${usedBefore}%)`,
      )
    } else if (relieved) {
      push(
        `${field}.freeBytes`,
        b.freeBytes,
        a.freeBytes,
        `Disk ${mount} back under ${DISK_FULL_PERCENT}% full (${usedAfter}%, was ${usedBefore}%)`,
      )
    } else if (moved) {
      push(
        `${field}.freeBytes`,
        b.freeBytes,
        a.freeBytes,
        `Disk ${mount} free space ${formatBytes(b.freeBytes)} → ${formatBytes(a.freeBytes)} (${usedAfter}% used)`,
      )
    }
  }
}

const list = (values: readonly string[]): string => (values.length > 0 ? values.join(', ') : 'none')

function diffInterfaces(
  previous: readonly InterfaceFacts[],
  next: readonly InterfaceFacts[],
  push: Push,
): void {
  const before = byKey(previous, (i) => i.name)
  const after = byKey(next, (i) => i.name)
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText)
  for (const name of names) {
    const b = before.get(name)
    const a = after.get(name)
    const field = `interfaces.${name}`
    if (!a) {
      if (b) push(field, b, undefined, `Interface ${name} removed`)
      continue
    }
    if (!b) {
      push(field, undefined, a, `Interface ${name} added (${list([...a.ipv4, ...a.ipv6])})`)
      continue
    }
    if (b.macs && a.macs && !sameSet(b.macs, a.macs)) {
      push(
        `${field}.macs`,
        sorted(b.macs),
        sorted(a.macs),
        `MAC on ${name} ${list(sorted(b.macs))} → ${list(sorted(a.macs))}`,
      )
    }
    if (!sameSet(b.ipv4, a.ipv4)) {
      push(
        `${field}.ipv4`,
        sorted(b.ipv4),
        sorted(a.ipv4),
        `IP ${list(sorted(b.ipv4))} → ${list(sorted(a.ipv4))} on ${name}`,
      )
    }
    if (!sameSet(b.ipv6, a.ipv6)) {
      push(
        `${field}.ipv6`,
        sorted(b.ipv6),
        sorted(a.ipv6),
        `IPv6 ${list(sorted(b.ipv6))} → ${list(sorted(a.ipv6))} on ${name}`,
      )
    }
  }
}
