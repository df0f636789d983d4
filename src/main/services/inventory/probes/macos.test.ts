import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { macosProbeScript, parseMacosProbe } from './macos'
import {
  macosOsFacts,
  parseEpochSeconds,
  parseIfconfig,
  parseKernBoottime,
  parseSwVers,
  parseSysctl,
  parseSystemProfiler,
} from './macos-parsers'
import { parseUname, parseWho } from './posix-parsers'
import { splitSections } from './sections'

// Scripts travel through shells, WinRM and code pages; plain ASCII survives them all.
const isPrintableAscii = (text: string): boolean =>
  [...text].every((ch) => ch === '\t' || ch === '\n' || (ch >= ' ' && ch <= '~'))

// Recorded fixtures in macOS's real formats (see fixtures/README.md).
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/macos-sonoma/${name}`, import.meta.url), 'utf8')

describe('parseSwVers and macosOsFacts', () => {
  it('reads tab-padded sw_vers and names the release', () => {
    const sw = parseSwVers(fixture('sw_vers.txt'))
    expect(sw).toEqual({ productName: 'macOS', productVersion: '14.4.1', buildVersion: '23E224' })
    const uname = parseUname(fixture('uname-srm.txt'))
    expect(macosOsFacts(sw, uname?.kernelRelease, 'arm64')).toEqual({
      family: 'macos',
      name: 'macOS Sonoma',
      version: '14.4.1',
      build: '23E224',
      kernel: '23.4.0',
      architecture: 'arm64',
    })
  })

  it('keeps a Rapid Security Response suffix and old product names', () => {
    const sw = parseSwVers(
      'ProductName:\tmacOS\nProductVersion:\t13.3.1\nProductVersionExtra:\t(a)\nBuildVersion:\t22E772610a\n',
    )
    expect(macosOsFacts(sw, undefined, undefined)).toMatchObject({
      name: 'macOS Ventura',
      version: '13.3.1 (a)',
    })
    const old = parseSwVers(
      'ProductName:\tMac OS X\nProductVersion:\t10.13.6\nBuildVersion:\t17G66\n',
    )
    expect(macosOsFacts(old, undefined, undefined).name).toBe('Mac OS X')
  })

  it('answers undefined without a product name and version', () => {
    expect(parseSwVers('sw_vers: command not found')).toBeUndefined()
  })
})

describe('parseSysctl and parseKernBoottime', () => {
  it('reads the probe keys, boottime to the millisecond', () => {
    const values = parseSysctl(fixture('sysctl.txt'))
    expect(values?.get('hw.memsize')).toBe('17179869184')
    expect(values?.get('machdep.cpu.brand_string')).toBe('Apple M1 Pro')
    expect(parseKernBoottime(values?.get('kern.boottime'))).toBe(1712143256512)
  })

  it('answers undefined for unknown shapes', () => {
    expect(parseKernBoottime('Wed Apr  3 13:20:56 2024')).toBeUndefined()
    expect(parseSysctl('')).toBeUndefined()
  })
})

describe('parseSystemProfiler', () => {
  it('reads Apple Silicon hardware and keeps / but not its APFS siblings', () => {
    expect(parseSystemProfiler(fixture('system_profiler.txt'))).toEqual({
      hardware: {
        manufacturer: 'Apple',
        model: 'MacBook Pro (MacBookPro18,3)',
        serial: 'C02RECORD0X1',
        biosVersion: '10151.101.3',
      },
      cpuModel: 'Apple M1 Pro',
      memoryBytes: 16 * 1024 ** 3,
      disks: [
        {
          mount: '/',
          fsType: 'APFS',
          sizeBytes: 494384795648,
          freeBytes: 287912079360,
          device: '/dev/disk3s1s1',
        },
        {
          mount: '/Volumes/TRANSFER',
          fsType: 'ExFAT',
          sizeBytes: 63999836160,
          freeBytes: 41231572992,
          device: '/dev/disk5s1',
        },
      ],
    })
  })

  it('reads an Intel Mac overview', () => {
    const text = JSON.stringify({
      SPHardwareDataType: [
        {
          _name: 'hardware_overview',
          cpu_type: 'Quad-Core Intel Core i7',
          machine_model: 'MacBookPro16,2',
          machine_name: 'MacBook Pro',
          physical_memory: '32 GB',
          serial_number: 'C02INTEL0X2',
          boot_rom_version: '1968.100.17.0.0 (iBridge: 21.16.4222.0.0,0)',
        },
      ],
    })
    expect(parseSystemProfiler(text)).toMatchObject({
      cpuModel: 'Quad-Core Intel Core i7',
      memoryBytes: 32 * 1024 ** 3,
      hardware: { model: 'MacBook Pro (MacBookPro16,2)' },
    })
  })

  it('answers undefined for text that is not its JSON', () => {
    expect(parseSystemProfiler('2024-04-03 system_profiler[123] crashed')).toBeUndefined()
    expect(parseSystemProfiler('[1,2]')).toBeUndefined()
  })
})

describe('parseIfconfig', () => {
  it('keeps routable interfaces and drops loopback, fe80-only links and privacy addresses', () => {
    expect(parseIfconfig(fixture('ifconfig.txt'))).toEqual([
      {
        name: 'en0',
        macs: ['3c:22:fb:8a:19:e4'],
        ipv4: ['192.168.1.23'],
        ipv6: ['fe80::1c8f:5b2e:9a7d:41c2', '2001:db8:5678:9a00:10e4:3f2b:aa17:bb02'],
      },
      { name: 'utun4', ipv4: ['10.8.0.6'], ipv6: [] },
    ])
  })

  it('answers undefined when there is no interface header', () => {
    expect(parseIfconfig('ifconfig: not found')).toBeUndefined()
  })
})

describe('parseWho and parseEpochSeconds (macOS)', () => {
  it('reads console and tty sessions', () => {
    expect(parseWho(fixture('who.txt'))).toEqual(['alice', 'bob'])
    expect(parseEpochSeconds(fixture('date.txt'))).toBe(1712156456000)
  })
})

describe('parseMacosProbe', () => {
  it('assembles the recorded probe output', () => {
    const { facts, problems } = parseMacosProbe(fixture('probe-output.txt'))
    expect(problems).toEqual([])
    expect(facts).toMatchObject({
      hostname: 'Alices-MacBook-Pro',
      fqdn: 'Alices-MacBook-Pro.local',
      os: { family: 'macos', name: 'macOS Sonoma', version: '14.4.1', architecture: 'arm64' },
      hardware: { manufacturer: 'Apple', serial: 'C02RECORD0X1' },
      cpu: { model: 'Apple M1 Pro', cores: 8, threads: 8 },
      memoryBytes: 17179869184,
      lastBootAt: 1712143256512,
      uptimeSeconds: 13199,
      loggedInUsers: ['alice', 'bob'],
      patches: { manager: 'softwareupdate', pending: 3, security: 0 },
    })
    expect(facts.disks?.map((d) => d.mount)).toEqual(['/', '/Volumes/TRANSFER'])
    expect(facts.interfaces?.map((i) => i.name)).toEqual(['en0', 'utun4'])
  })

  it('falls back to sysctl hw.model and reports what is missing', () => {
    const output = fixture('probe-output.txt').replace(
      /@@SWITCHBOARD:system-profiler@@[\s\S]*?@@END:system-profiler:0@@/,
      '@@SWITCHBOARD:system-profiler@@\n\n@@END:system-profiler:143@@',
    )
    const { facts, problems } = parseMacosProbe(output)
    expect(facts.hardware).toEqual({ manufacturer: 'Apple', model: 'MacBookPro18,3' })
    expect(facts.disks).toBeUndefined()
    expect(problems).toEqual(['Hardware and storage (system_profiler): timed out.'])
  })

  it('never throws on cut or garbled output', () => {
    const whole = fixture('probe-output.txt')
    for (let end = 0; end <= whole.length; end += 97) {
      expect(() => parseMacosProbe(whole.slice(0, end))).not.toThrow()
    }
    expect(parseMacosProbe('zsh: command not found: sh').problems).toHaveLength(1)
  })
})

describe('macosProbeScript', () => {
  it('is valid POSIX sh, ASCII, and emits every section of the recorded output', () => {
    expect(() => execFileSync('sh', ['-n'], { input: macosProbeScript })).not.toThrow()
    expect(isPrintableAscii(macosProbeScript)).toBe(true)
    const emitted = new Set([...macosProbeScript.matchAll(/sb_section ([\w-]+)/g)].map((m) => m[1]))
    for (const name of splitSections(fixture('probe-output.txt')).sections.keys()) {
      expect(emitted).toContain(name)
    }
  })

  it('bounds the slow commands and installs nothing', () => {
    expect(macosProbeScript).toMatch(/sb_bounded 120 softwareupdate -l/)
    expect(macosProbeScript).toMatch(/sb_bounded 60 system_profiler/)
    expect(macosProbeScript).not.toMatch(/softwareupdate (-i|--install|-d|--download)/)
  })
})
