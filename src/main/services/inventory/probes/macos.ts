import {
  macosOsFacts,
  parseEpochSeconds,
  parseIfconfig,
  parseKernBoottime,
  parseSwVers,
  parseSysctl,
  parseSystemProfiler,
} from './macos-parsers'
import { parseSoftwareUpdateList } from './packages'
import { posixPreamble } from './posix-preamble'
import { parseUname, parseWho } from './posix-parsers'
import { firstLine, noSectionsProblem, sectionReader, splitSections } from './sections'
import { compact, normaliseArchitecture, toCount } from './text'
import type { InventoryFacts, ProbeResult } from './types'

/**
 * The one script run on a Mac (through `sh -s` or `sh -c`; macOS's /bin/sh is bash in POSIX
 * mode). `softwareupdate -l` asks Apple's catalogue and can take a minute, so it runs last
 * and is cut off after 120 s.
 */
export const macosProbeScript =
  posixPreamble +
  String.raw`
sb_sysctl() {
  for sb_key in hw.model hw.memsize hw.physicalcpu hw.logicalcpu machdep.cpu.brand_string kern.boottime; do
    sysctl "$sb_key" 2>/dev/null
  done
  return 0
}

# softwareupdate prints "No new software available." on stderr, so stderr is kept here.
sb_softwareupdate() {
  sb_bounded 120 softwareupdate -l 2>&1
}

sb_section sw-vers sw_vers
sb_section uname uname -srm
sb_section hostname hostname -s
sb_section fqdn hostname
sb_section sysctl sb_sysctl
sb_section clock date +%s
sb_section system-profiler sb_bounded 60 system_profiler -json SPHardwareDataType SPStorageDataType
sb_section ifconfig ifconfig -a
sb_section who who
sb_section softwareupdate sb_softwareupdate
`

/** Turns the macOS probe's output into facts, listing what could not be learned. */
export function parseMacosProbe(output: string): ProbeResult {
  const split = splitSections(output)
  const problems = [...split.problems]
  const facts: InventoryFacts = {}
  if (split.sections.size === 0) return { facts, problems: [...problems, noSectionsProblem] }
  const read = sectionReader(split, problems)

  const sw = read('sw-vers', 'Operating system (sw_vers)', parseSwVers)
  const uname = read('uname', 'Kernel (uname -srm)', parseUname)
  facts.os = macosOsFacts(
    sw,
    uname?.kernelRelease,
    uname ? normaliseArchitecture(uname.machine) : undefined,
  )
  facts.hostname = read('hostname', 'Hostname (hostname -s)', firstLine)
  facts.fqdn = read('fqdn', 'FQDN', (body) => firstLine(body) ?? '', { optional: true })
  if (!facts.fqdn?.includes('.')) facts.fqdn = undefined

  const sysctl = read('sysctl', 'Hardware summary (sysctl)', parseSysctl)
  const profiler = read(
    'system-profiler',
    'Hardware and storage (system_profiler)',
    parseSystemProfiler,
  )
  facts.hardware = profiler?.hardware
  if (!facts.hardware?.model && sysctl?.get('hw.model')) {
    facts.hardware = { ...facts.hardware, manufacturer: 'Apple', model: sysctl.get('hw.model') }
  }
  facts.cpu = compact({
    model: sysctl?.get('machdep.cpu.brand_string') || profiler?.cpuModel,
    cores: toCount(sysctl?.get('hw.physicalcpu')),
    threads: toCount(sysctl?.get('hw.logicalcpu')),
  })
  facts.memoryBytes = toCount(sysctl?.get('hw.memsize')) ?? profiler?.memoryBytes
  facts.disks = profiler?.disks

  facts.lastBootAt = parseKernBoottime(sysctl?.get('kern.boottime'))
  const now = read('clock', 'Device clock (date)', parseEpochSeconds)
  if (facts.lastBootAt !== undefined && now !== undefined && now >= facts.lastBootAt) {
    facts.uptimeSeconds = Math.floor((now - facts.lastBootAt) / 1000)
  }
  facts.interfaces = read('ifconfig', 'Network interfaces (ifconfig)', parseIfconfig)
  facts.loggedInUsers = read('who', 'Logged-in users (who)', parseWho)
  const updates = read(
    'softwareupdate',
    'Pending updates (softwareupdate -l)',
    parseSoftwareUpdateList,
  )
  if (updates) {
    facts.patches = {
      manager: 'softwareupdate',
      pending: updates.pending,
      ...(updates.security === undefined ? {} : { security: updates.security }),
    }
  }
  return { facts: compact(facts) ?? {}, problems }
}
