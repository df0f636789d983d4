/**
 * A deterministic MSP workspace: clients from the industries an MSP serves, their sites in
 * several time zones, and fleets that mix roles, operating systems and health the way real
 * ones do (some offline or stale, patches pending, antivirus off, backups failing, warranties
 * running out). The same options always give the same workspace, ids included.
 *
 * One extra client, "Switchboard Lab", holds the device "this-machine": SSH on 127.0.0.1:22 as
 * the local user, so a newcomer can try a real connection and a real collection.
 */
import type { DeviceDisk, DeviceRole } from '../../../../shared/contract'
import { blankDevice, type DeviceValues } from '../device-values'
import { Random } from '../../../../shared/base/seeded-random'
import {
  ADJECTIVES,
  AV_PRODUCTS,
  BACKUP_PRODUCTS,
  CITIES,
  FIRST_NAMES,
  INDUSTRIES,
  MACOS,
  MAC_CPUS,
  MAC_HARDWARE,
  NETWORK_HARDWARE,
  NETWORK_OS,
  OTHER_HARDWARE,
  PRINTER_HARDWARE,
  SERVER_CPUS,
  SERVER_HARDWARE,
  SERVER_NAMES,
  SERVER_OS,
  SURNAMES,
  TAGS,
  WINDOWS_WORKSTATION,
  WORKSTATION_BACKUP,
  WORKSTATION_CPUS,
  WORKSTATION_HARDWARE,
  serialFor,
  type City,
  type HardwareLine,
  type Industry,
  type OsRelease,
} from './sample-catalog'

/** What the local machine contributes to the "this-machine" device. */
export interface LocalMachine {
  user: string
  platform: string
  timeZone: string
}

/** How big a workspace to make, and from which seed. */
export interface SampleOptions {
  seed: number
  /** Clients in total, the lab client included (at least 1). */
  clients: number
  /** Devices in total, "this-machine" included (at least 1). */
  devices: number
  /** Timestamps are relative to this, so statuses mix the same way whenever it runs. */
  now: number
  local: LocalMachine
}

/** A generated client. */
export interface SampleClient {
  id: string
  name: string
  shortCode: string
  contractTier: string
  notes: string
  onlineMinutes: number
  staleMinutes: number
  createdAt: number
}

/** A generated site. */
export interface SampleSite {
  id: string
  clientId: string
  name: string
  address: string
  timeZone: string
  createdAt: number
}

/** A generated device. */
export interface SampleDevice {
  id: string
  values: DeviceValues
  createdAt: number
}

/** Everything the generator made. */
export interface SampleWorkspace {
  seed: number
  generatedAt: number
  clients: SampleClient[]
  sites: SampleSite[]
  devices: SampleDevice[]
}

/** The hostname of the device that points at the local sshd. */
export const THIS_MACHINE = 'this-machine'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const YEAR = 365 * DAY
const GB = 1024 ** 3

interface SiteContext {
  site: SampleSite
  city: City
  /** Index among all sites, for a unique private /20. */
  index: number
  publicIp: string
  nextHost: number
  nextNetworkHost: number
  weight: number
}

interface ClientContext {
  client: SampleClient
  industry: Industry
  sites: SiteContext[]
  domain: string
  av: string
  backup: string
  counters: Map<string, number>
}

/** Builds the workspace; pure apart from its options. */
export function generateSampleWorkspace(options: SampleOptions): SampleWorkspace {
  if (options.clients < 1 || options.devices < 1) {
    throw new Error('A sample workspace needs at least one client and one device')
  }
  const random = new Random(options.seed)
  const { now } = options
  const usedNames = new Set<string>()
  const usedCodes = new Set<string>(['LAB'])
  const usedSerials = new Set<string>()
  const sites: SampleSite[] = []
  const devices: SampleDevice[] = []

  const lab = labClient(random, options)
  const labSite: SampleSite = {
    id: random.uuid(),
    clientId: lab.id,
    name: 'This machine',
    address: 'Wherever Switchboard runs',
    timeZone: options.local.timeZone,
    createdAt: now,
  }
  sites.push(labSite)
  devices.push(thisMachine(random, lab, labSite, options))

  const contexts: ClientContext[] = []
  let siteIndex = 0
  for (let i = 1; i < options.clients; i++) {
    const industry = random.pick(INDUSTRIES)
    const name = uniqueName(random, industry, usedNames)
    const client: SampleClient = {
      id: random.uuid(),
      name,
      shortCode: uniqueCode(name, usedCodes),
      contractTier: random.weighted([
        ['Standard', 50],
        ['Premium', 25],
        ['Essentials', 20],
        ['Break-fix', 5],
      ]),
      notes: '',
      ...thresholds(
        random.weighted<[number, number]>([
          [[15, 1440], 80],
          [[10, 720], 10],
          [[60, 4320], 10],
        ]),
      ),
      createdAt: now - random.int(30, 3 * 365) * DAY,
    }
    const siteCount = random.weighted([
      [1, 55],
      [2, 28],
      [3, 12],
      [4, 5],
    ])
    const home = random.pick(CITIES)
    const clientSites: SiteContext[] = []
    for (let s = 0; s < siteCount; s++) {
      // Most branches stay in the head office's region; a few sit across the country or abroad.
      const city =
        s === 0 ? home : random.chance(0.7) ? sameRegion(random, home) : random.pick(CITIES)
      const site: SampleSite = {
        id: random.uuid(),
        clientId: client.id,
        name:
          s === 0 ? 'Head Office' : `${city.name.split(',')[0]} ${s === 1 ? 'Branch' : 'Office'}`,
        address: `${random.int(10, 2400)} ${random.pick(city.streets)}, ${city.name} ${city.postcode()}`,
        timeZone: city.timeZone,
        createdAt: client.createdAt,
      }
      sites.push(site)
      clientSites.push({
        site,
        city,
        index: siteIndex,
        publicIp: documentationAddress(siteIndex),
        nextHost: 20,
        nextNetworkHost: 1,
        weight: s === 0 ? 3 : 1,
      })
      siteIndex += 1
    }
    contexts.push({
      client,
      industry,
      sites: clientSites,
      domain: `${client.shortCode.toLowerCase()}.local`,
      av: random.chance(0.6) ? random.pick(AV_PRODUCTS) : 'Microsoft Defender Antivirus',
      backup: random.pick(BACKUP_PRODUCTS),
      counters: new Map(),
    })
  }

  const allocation = allocate(
    random,
    contexts.map((c) => c.industry.size * Math.exp(gaussian(random) * 0.6)),
    options.devices - 1,
  )
  contexts.forEach((context, index) => {
    const count = allocation[index] ?? 0
    for (let d = 0; d < count; d++) devices.push(makeDevice(random, context, now, usedSerials))
  })

  return {
    seed: options.seed,
    generatedAt: now,
    clients: [lab, ...contexts.map((c) => c.client)],
    sites,
    devices,
  }
}

function thresholds([onlineMinutes, staleMinutes]: [number, number]): {
  onlineMinutes: number
  staleMinutes: number
} {
  return { onlineMinutes, staleMinutes }
}

function labClient(random: Random, options: SampleOptions): SampleClient {
  return {
    id: random.uuid(),
    name: 'Switchboard Lab',
    shortCode: 'LAB',
    contractTier: 'Internal',
    notes: 'Your own machine, to try a real SSH connection and inventory collection.',
    onlineMinutes: 15,
    staleMinutes: 1440,
    createdAt: options.now,
  }
}

function thisMachine(
  random: Random,
  lab: SampleClient,
  site: SampleSite,
  options: SampleOptions,
): SampleDevice {
  const values = blankDevice(lab.id, THIS_MACHINE)
  values.siteId = site.id
  values.role = 'workstation'
  values.osFamily =
    options.local.platform === 'linux'
      ? 'linux'
      : options.local.platform === 'darwin'
        ? 'macos'
        : options.local.platform === 'win32'
          ? 'windows'
          : 'other'
  values.sshHost = '127.0.0.1'
  values.sshPort = 22
  values.sshUser = options.local.user
  values.tags = ['lab']
  values.notes =
    'This computer, over SSH on 127.0.0.1:22 as the local user. Choose “Refresh inventory” ' +
    'to collect its real facts (trust the host key once and store a credential first).'
  return { id: random.uuid(), values, createdAt: options.now }
}

function uniqueName(random: Random, industry: Industry, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const name = random
      .pick(industry.names)
      .replace(/\{S\}/g, () => random.pick(SURNAMES))
      .replace(/\{A\}/g, () => random.pick(ADJECTIVES))
      .replace(/\{P\}/g, () => random.pick(CITIES).name.split(',')[0] ?? 'Central')
    const candidate = attempt < 20 ? name : `${name} ${attempt}`
    if (!used.has(candidate)) {
      used.add(candidate)
      return candidate
    }
  }
}

/** Initials of the name's words ("Bright Smile Dental" → "BSD"), numbered when taken. */
function uniqueCode(name: string, used: Set<string>): string {
  const initials = name
    .split(/[\s&,+.-]+/)
    .map((word) => word.replace(/[^A-Za-z]/g, '').charAt(0))
    .join('')
    .toUpperCase()
    .slice(0, 5)
  const base = initials.length >= 2 ? initials : `C${initials}`
  for (let n = 1; ; n++) {
    const code = n === 1 ? base : `${base}${n}`
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
}

function sameRegion(random: Random, home: City): City {
  return random.pick(CITIES.filter((city) => city.region === home.region))
}

/** A public address from the documentation ranges (RFC 5737), never a real one. */
function documentationAddress(index: number): string {
  const prefix = ['203.0.113', '198.51.100', '192.0.2'][index % 3] as string
  return `${prefix}.${1 + ((Math.floor(index / 3) * 37) % 254)}`
}

/** Standard normal draw (Box–Muller). */
function gaussian(random: Random): number {
  const u = Math.max(random.float(), Number.EPSILON)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.float())
}

/** Splits `total` in proportion to `weights` (largest remainder), so the sum is exact. */
function allocate(random: Random, weights: number[], total: number): number[] {
  if (weights.length === 0) return []
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (w / sum) * total)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value), tie: random.float() }))
    .sort((a, b) => b.rest - a.rest || a.tie - b.tie)
  for (const { index } of order) {
    if (left <= 0) break
    counts[index] = (counts[index] ?? 0) + 1
    left -= 1
  }
  return counts
}

function pickRelease(random: Random, releases: readonly OsRelease[]): OsRelease {
  return random.weighted(releases.map((r) => [r, r.weight] as const))
}

function hostAddress(site: SiteContext, host: number): string {
  // Each site owns a private /20 (4094 hosts): 10.X.Y.0 with Y a multiple of 16.
  const second = 1 + (Math.floor(site.index / 16) % 254)
  const third = (site.index % 16) * 16 + Math.floor(host / 254)
  return `10.${second}.${third}.${(host % 254) + 1}`
}

function nextCounter(context: ClientContext, prefix: string): number {
  const next = (context.counters.get(prefix) ?? 0) + 1
  context.counters.set(prefix, next)
  return next
}

function uniqueSerial(random: Random, line: HardwareLine, used: Set<string>): string {
  for (;;) {
    const serial = serialFor(
      line.serial,
      (alphabet, count) => random.chars(alphabet, count),
      (items) => random.pick(items),
    )
    if (!used.has(serial)) {
      used.add(serial)
      return serial
    }
  }
}

function macAddress(random: Random, line: HardwareLine): string {
  return `${random.pick(line.oui)}:${random.chars('0123456789abcdef', 6).replace(/(..)(?!$)/g, '$1:')}`
}

function userName(random: Random): string {
  return `${random.pick(FIRST_NAMES).charAt(0)}${random.pick(SURNAMES)}`
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

function disk(
  random: Random,
  mount: string,
  fsType: string,
  sizesGb: readonly number[],
  fullShare = 0.08,
): DeviceDisk {
  const sizeBytes = random.pick(sizesGb) * GB
  // A few disks run nearly full, which is what a technician looks for.
  const used = random.chance(fullShare) ? 0.9 + random.float() * 0.09 : 0.2 + random.float() * 0.6
  return { mount, fsType, sizeBytes, freeBytes: Math.round(sizeBytes * (1 - used)) }
}

function makeDevice(
  random: Random,
  context: ClientContext,
  now: number,
  usedSerials: Set<string>,
): SampleDevice {
  const { client, industry } = context
  const role: DeviceRole = random.weighted(industry.roles)
  const site = random.weighted(context.sites.map((s) => [s, s.weight] as const))
  const values = blankDevice(client.id, '')
  values.siteId = site.site.id
  values.role = role

  let line: HardwareLine
  let release: OsRelease | null = null
  let prefix: string
  switch (role) {
    case 'workstation': {
      const mac = random.chance(industry.macShare)
      line = mac ? MAC_HARDWARE : random.pick(WORKSTATION_HARDWARE)
      release = mac ? pickRelease(random, MACOS) : pickRelease(random, WINDOWS_WORKSTATION)
      values.model = random.pick(line.models)
      prefix = mac ? 'MAC' : /Latitude|ThinkPad|ProBook|EliteBook/.test(values.model) ? 'LT' : 'WS'
      const [cpu, cores, threads] = mac ? random.pick(MAC_CPUS) : random.pick(WORKSTATION_CPUS)
      values.cpuModel = cpu
      values.cpuCores = cores
      values.cpuThreads = threads
      values.ramBytes = random.pick(mac ? [8, 16, 18, 32] : [8, 16, 16, 32]) * GB
      break
    }
    case 'server': {
      line = random.pick(SERVER_HARDWARE)
      release = pickRelease(random, SERVER_OS)
      values.model = random.pick(line.models)
      prefix = random.pick(SERVER_NAMES)
      const [cpu, cores, threads] = random.pick(SERVER_CPUS)
      values.cpuModel = cpu
      values.cpuCores = cores
      values.cpuThreads = threads
      values.ramBytes = random.pick([32, 64, 128, 256]) * GB
      break
    }
    case 'network': {
      line = random.pick(NETWORK_HARDWARE)
      release = pickRelease(random, NETWORK_OS)
      values.model = random.pick(line.models)
      prefix = /FortiGate|MX|Dream/.test(values.model)
        ? 'FW'
        : /U6/.test(values.model)
          ? 'AP'
          : 'SW'
      break
    }
    case 'printer':
      line = random.pick(PRINTER_HARDWARE)
      values.model = random.pick(line.models)
      prefix = 'PRN'
      break
    default:
      line = random.pick(OTHER_HARDWARE)
      values.model = random.pick(line.models)
      prefix = line.manufacturer === 'APC' ? 'UPS' : 'NAS'
  }
  const number = nextCounter(context, prefix)
  values.hostname =
    role === 'server'
      ? `${client.shortCode}-${prefix}${String(number).padStart(2, '0')}`
      : `${client.shortCode}-${prefix}-${String(number).padStart(3, '0')}`
  values.manufacturer = line.manufacturer
  const virtual = line.manufacturer.startsWith('VMware')
  values.serial = virtual
    ? `VMware-42 ${random.chars('0123456789abcdef', 16).replace(/(..)(?!$)/g, '$1 ')}`
    : uniqueSerial(random, line, usedSerials)
  if (virtual) usedSerials.add(values.serial)
  if (!virtual && random.chance(0.35))
    values.assetTag = `${client.shortCode}-${random.chars('0123456789', 5)}`

  if (release) {
    values.osFamily = release.family
    values.osName = release.name
    values.osVersion = release.version
    const build = random.pick(release.builds)
    values.osBuild = build === '' ? null : build
    values.kernel = release.kernel(build) || null
    values.osArch =
      release.family === 'macos' ? 'arm64' : release.family === 'other' ? null : 'x86_64'
  }

  // Addresses: network gear at the bottom of the subnet, everything else above it.
  const host = role === 'network' ? site.nextNetworkHost++ : site.nextHost++
  const ip = hostAddress(site, host)
  values.localIps = [ip]
  values.publicIp = role === 'printer' ? null : site.publicIp
  values.macs =
    role === 'server'
      ? [macAddress(random, line), macAddress(random, line)]
      : [macAddress(random, line)]
  const managed = release !== null && release.family !== 'other'
  if (managed && (release?.family === 'windows' || role === 'server')) {
    values.fqdn = `${values.hostname.toLowerCase()}.${context.domain}`
  }

  // Health: when it was last seen decides its status under the client's thresholds.
  const seen = random.weighted([
    ['online', 72],
    ['stale', 12],
    ['offline', 13],
    ['never', 3],
  ] as const)
  const onlineMs = client.onlineMinutes * MINUTE
  const staleMs = client.staleMinutes * MINUTE
  values.lastSeenAt =
    seen === 'online'
      ? now - random.int(0, Math.floor(onlineMs * 0.9))
      : seen === 'stale'
        ? now - random.int(onlineMs + MINUTE, staleMs - MINUTE)
        : seen === 'offline'
          ? now - random.int(staleMs + HOUR, staleMs + 90 * DAY)
          : null
  if (values.lastSeenAt !== null && managed) {
    values.lastBootAt = values.lastSeenAt - random.int(1, 45 * 24) * HOUR
  }

  if (managed && release) {
    const linux = release.family === 'linux'
    values.patchesPending = random.chance(0.35) ? random.int(1, linux ? 120 : 40) : 0
    values.patchesFailed = random.chance(0.06) ? random.int(1, 3) : 0
    values.patchesInstalled = random.int(40, 600)
    values.lastPatchedAt = now - random.int(1, 60) * DAY
    values.rebootRequired = random.chance(0.12)
    if (release.family === 'windows' || release.family === 'macos' || random.chance(0.4)) {
      const status = random.weighted([
        ['healthy', 86],
        ['outdated', 6],
        ['disabled', 5],
        ['missing', 3],
      ] as const)
      values.avStatus = status
      values.avProduct =
        status === 'missing'
          ? null
          : linux
            ? random.pick(['CrowdStrike Falcon', 'SentinelOne'])
            : release.family === 'macos' && context.av.startsWith('Microsoft')
              ? 'Microsoft Defender for Endpoint'
              : context.av
    }
    if (release.family === 'windows') {
      values.disks =
        role === 'server'
          ? [
              disk(random, 'C:', 'NTFS', [120, 200]),
              disk(random, 'D:', 'NTFS', [500, 1000, 2000, 4000]),
            ]
          : [disk(random, 'C:', 'NTFS', [256, 512, 512, 1024])]
    } else if (release.family === 'macos') {
      values.disks = [disk(random, '/', 'apfs', [256, 512, 1024])]
    } else {
      const fs = release.name.startsWith('Red Hat') ? 'xfs' : 'ext4'
      values.disks = [disk(random, '/', fs, [50, 100]), disk(random, '/srv', fs, [500, 1000, 2000])]
    }
    if (release.family === 'linux' || release.family === 'macos') {
      values.sshHost = ip
      values.sshPort = 22
      values.sshUser = 'itadmin'
    } else if (role === 'server' || random.chance(0.3)) {
      values.winrmUrl = `https://${values.fqdn ?? ip}:5986/wsman`
    }
  }

  const backedUp =
    role === 'server'
      ? random.chance(0.92)
      : role === 'workstation'
        ? random.chance(0.3)
        : role === 'other' && random.chance(0.5)
  if (backedUp) {
    values.backupProduct = role === 'workstation' ? random.pick(WORKSTATION_BACKUP) : context.backup
    const result = random.weighted([
      ['recent', 84],
      ['late', 12],
      ['never', 4],
    ] as const)
    values.backupLastSuccessAt =
      result === 'recent'
        ? now - random.int(1, 24) * HOUR
        : result === 'late'
          ? now - random.int(49, 20 * 24) * HOUR
          : null
  }

  if (role === 'workstation' && values.lastSeenAt !== null) {
    values.lastUser = userName(random)
    if (seen === 'online' && random.chance(0.75)) values.loggedInUser = values.lastUser
  }

  if (!virtual) {
    const purchased = now - Math.floor(random.float() * 6 * YEAR)
    const years =
      role === 'server' || role === 'network' ? 5 : role === 'printer' ? random.pick([1, 3]) : 3
    values.warrantyEndAt = purchased + years * YEAR
  }

  const tagCount = random.weighted([
    [0, 70],
    [1, 22],
    [2, 8],
  ])
  values.tags = [...new Set(Array.from({ length: tagCount }, () => random.pick(TAGS)))]
  if (role === 'server' && random.chance(0.5)) {
    values.customFields = { Rack: `R${random.int(1, 4)}-U${random.int(1, 42)}` }
  } else if (role === 'workstation' && random.chance(0.7)) {
    values.customFields = { Department: random.pick(industry.departments) }
  }

  return { id: random.uuid(), values, createdAt: now - random.int(1, 3 * 365) * DAY }
}
