/**
 * The pure half of agentless inventory: the scripts to run on a device and the functions
 * that turn their output into InventoryFacts. Nothing here opens a connection.
 */

import { linuxProbeScript, parseLinuxProbe } from './linux'
import { macosProbeScript, parseMacosProbe } from './macos'
import type { OsFamily, ProbeResult } from './types'
import { parseWindowsProbe, windowsProbeScript } from './windows'

/** A script and the parser for its output; `shell` says what must run the script. */
export interface Probe {
  shell: 'sh' | 'powershell'
  script: string
  parse(output: string): ProbeResult
}

/** The probe for each OS family a device can be reached as. */
export const probes: Readonly<Record<Exclude<OsFamily, 'other'>, Probe>> = {
  linux: { shell: 'sh', script: linuxProbeScript, parse: parseLinuxProbe },
  macos: { shell: 'sh', script: macosProbeScript, parse: parseMacosProbe },
  windows: { shell: 'powershell', script: windowsProbeScript, parse: parseWindowsProbe },
}

export type { FactChange } from './diff'
export { diffFacts, formatBytes, formatTime } from './diff'
export { linuxProbeScript, parseLinuxProbe } from './linux'
export { macosProbeScript, parseMacosProbe } from './macos'
export type { PendingUpdates, SoftwareUpdates } from './packages'
export type { ProbeSection, SplitSections } from './sections'
export { splitSections } from './sections'
export type * from './types'
export { parseWindowsProbe, windowsProbeScript } from './windows'
