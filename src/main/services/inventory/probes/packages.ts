/**
 * Parsers for package managers' "what would be updated" listings. The probes only ever ask;
 * none of these commands installs, downloads or refreshes anything.
 */

import { lines, uniqueSorted } from './text'

/** Updates a package manager would install, as far as its listing says. */
export interface PendingUpdates {
  pending: number
  /** Of those, how many come from a security channel; absent when the listing cannot tell. */
  security?: number
  /** Package names (or update labels), sorted. */
  packages: string[]
}

const APT_INST = /^Inst\s+(\S+)(?:\s+\[[^\]]*\])?\s+\(([^)]*)\)/
const APT_SUMMARY = /^\d+\s+upgraded,\s+\d+\s+newly installed/m

/**
 * `apt-get -s upgrade`: one "Inst" line per package to install. A package counts as security
 * when one of the archives offering the new version is a -security suite.
 */
export function parseAptSimulate(text: string): PendingUpdates | undefined {
  const names: string[] = []
  let security = 0
  for (const line of lines(text)) {
    const inst = APT_INST.exec(line)
    if (!inst?.[1]) continue
    names.push(inst[1])
    if (/security/i.test(inst[2] ?? '')) security += 1
  }
  if (names.length === 0 && !APT_SUMMARY.test(text)) return undefined
  return { pending: names.length, security, packages: uniqueSorted(names) }
}

const APT_LIST = /^([^\s/]+)\/(\S+)\s+\S+\s+\S+\s+\[[^\]]+\]\s*$/

/** `apt list --upgradable`: "name/suite[,suite] version arch [upgradable from: old]". */
export function parseAptListUpgradable(text: string): PendingUpdates | undefined {
  const names: string[] = []
  let security = 0
  let recognised = false
  for (const line of lines(text)) {
    if (line.startsWith('Listing...')) {
      recognised = true
      continue
    }
    const row = APT_LIST.exec(line)
    if (!row?.[1]) continue
    names.push(row[1])
    if ((row[2] ?? '').split(',').some((suite) => suite.endsWith('-security'))) security += 1
  }
  if (!recognised && names.length === 0) return undefined
  return { pending: names.length, security, packages: uniqueSorted(names) }
}

// Lines dnf prints around its table that carry no package.
const DNF_CHATTER = [
  /^Last metadata expiration check/,
  /^Security: /,
  /^Updating and loading repositories/,
  /^Repositories loaded/,
]

/**
 * `dnf check-update` (dnf 4 and 5, yum-compatible): "name.arch  [epoch:]version  repo".
 * A name too long for its column sits alone with the rest on the next, indented line.
 * Everything under "Obsoleting Packages" repeats packages already listed, so it is not counted.
 * Empty output is zero updates (dnf -q exits 0 and prints nothing).
 */
export function parseDnfCheckUpdate(text: string): PendingUpdates | undefined {
  const names: string[] = []
  let unrecognised = 0
  let wrapped: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    if (/^Obsoleting packages/i.test(line)) break
    if (DNF_CHATTER.some((pattern) => pattern.test(line))) continue
    const fields = line.split(/\s+/)
    if (wrapped !== undefined && fields.length === 2) {
      names.push(wrapped)
      wrapped = undefined
      continue
    }
    wrapped = undefined
    const [name] = fields
    if (name && /^\S+\.[A-Za-z0-9_]+$/.test(name)) {
      if (fields.length === 3) names.push(name)
      else if (fields.length === 1) wrapped = name
      else unrecognised += 1
      continue
    }
    unrecognised += 1
  }
  if (names.length === 0 && unrecognised > 0) return undefined
  return { pending: names.length, packages: uniqueSorted(names) }
}

/**
 * `zypper list-updates`: a table "S | Repository | Name | Current Version | Available Version
 * | Arch", or "No updates found.". zypper marks no security updates here.
 */
export function parseZypperListUpdates(text: string): PendingUpdates | undefined {
  const names: string[] = []
  let recognised = /^No updates found\.?$/m.test(text)
  for (const line of lines(text)) {
    const cols = line.split('|').map((col) => col.trim())
    if (cols.length < 6 || /^-+\+/.test(line)) continue
    if (cols[2] === 'Name') {
      recognised = true
      continue
    }
    const name = cols[2]
    if (name) names.push(name)
  }
  if (!recognised && names.length === 0) return undefined
  return { pending: names.length, packages: uniqueSorted(names) }
}

/** What `softwareupdate -l` offers. */
export interface SoftwareUpdates extends PendingUpdates {
  /** True when an offered update will restart the Mac. */
  restartRequired: boolean
}

/**
 * `softwareupdate -l` in both layouts: "* Label: X" + "Title: ..., Action: restart" (macOS
 * 10.15 and later) and "   * X" + "X (1.0), 123K [recommended] [restart]" (earlier). Security
 * is counted from names that say so ("Security Update", "Background Security Improvement",
 * XProtect); full OS point releases also carry fixes but do not say it.
 */
export function parseSoftwareUpdateList(text: string): SoftwareUpdates | undefined {
  const items: { label: string; details: string[] }[] = []
  let listing = false
  let noUpdates = false
  for (const line of lines(text)) {
    if (/^No new software available/i.test(line)) noUpdates = true
    if (/^Software Update found the following/i.test(line)) {
      listing = true
      continue
    }
    if (!listing) continue
    const item = /^[*-]\s+(?:Label:\s*)?(.+)$/.exec(line)
    if (item?.[1]) items.push({ label: item[1].trim(), details: [] })
    else items.at(-1)?.details.push(line)
  }
  if (!noUpdates && !listing) return undefined
  const says = (pattern: RegExp) => (item: { label: string; details: string[] }) =>
    pattern.test(item.label) || item.details.some((detail) => pattern.test(detail))
  return {
    pending: items.length,
    security: items.filter(says(/security|xprotect/i)).length,
    restartRequired: items.some(says(/Action:\s*restart|\[restart\]/i)),
    packages: uniqueSorted(items.map((item) => item.label)),
  }
}
