import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linuxProbeScript, parseLinuxProbe } from './linux'
import { splitSections } from './sections'

// Scripts travel through shells, WinRM and code pages; plain ASCII survives them all.
const isPrintableAscii = (text: string): boolean =>
  [...text].every((ch) => ch === '\t' || ch === '\n' || (ch >= ' ' && ch <= '~'))

const fixture = (path: string): string =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8')

// The whole probe, run with sh on the Debian 12 development VM (see fixtures/README.md).
const realOutput = fixture('linux-debian12/probe-output.txt')

describe('parseLinuxProbe on the real capture from the Debian 12 VM', () => {
  const { facts, problems } = parseLinuxProbe(realOutput)

  it('reports the OS, kernel and host name the VM had', () => {
    expect(facts.os).toEqual({
      family: 'linux',
      name: 'Debian GNU/Linux 12 (bookworm)',
      version: '12.11',
      kernel: '6.18.44-fc-v669',
      architecture: 'x86_64',
    })
    expect(facts.hostname).toBe('vm')
    // hostname -f said "vm": the VM has no DNS domain, so there is no FQDN.
    expect(facts.fqdn).toBeUndefined()
  })

  it('reports its 2 vCPUs and MemTotal of 24684084 kB', () => {
    expect(facts.cpu).toEqual({ model: 'AMD EPYC', cores: 2, threads: 2 })
    expect(facts.memoryBytes).toBe(24684084 * 1024)
  })

  it('reports the ext4 root on /dev/vda and nothing from tmpfs', () => {
    expect(facts.disks).toEqual([
      {
        mount: '/',
        fsType: 'ext4',
        sizeBytes: 270553174016,
        freeBytes: 83388108800,
        device: '/dev/vda',
      },
    ])
  })

  it('reports eth0 with its addresses and leaves out lo and the ifb stubs', () => {
    expect(facts.interfaces).toEqual([
      {
        name: 'eth0',
        macs: ['02:fc:00:00:00:01'],
        ipv4: ['192.0.2.2'],
        ipv6: ['fd00::2', 'fe80::fc:ff:fe00:1'],
      },
    ])
  })

  it('reports boot time, uptime and that nobody was logged in', () => {
    expect(facts.lastBootAt).toBe(1795459719000)
    expect(facts.uptimeSeconds).toBe(2452)
    expect(facts.loggedInUsers).toEqual([])
  })

  it('reports 116 pending apt upgrades, 70 of them security, and the last upgrade', () => {
    expect(facts.patches).toEqual({
      manager: 'apt',
      pending: 116,
      security: 70,
      lastPatchedAt: 1795459803000,
    })
    expect(facts.rebootRequired).toBe(false)
  })

  it('explains the one thing it could not learn: the VM has no DMI table', () => {
    expect(facts.hardware).toBeUndefined()
    expect(problems).toEqual([expect.stringMatching(/^Hardware \(DMI\): nothing readable/)])
  })

  it('gives the same facts from CRLF output', () => {
    expect(parseLinuxProbe(realOutput.replace(/\n/g, '\r\n'))).toEqual({ facts, problems })
  })
})

describe('linuxProbeScript', () => {
  const emitted = new Set([...linuxProbeScript.matchAll(/sb_section ([\w-]+)/g)].map((m) => m[1]))

  it('is valid POSIX sh', () => {
    // sh -n parses without running anything.
    expect(() => execFileSync('sh', ['-n'], { input: linuxProbeScript })).not.toThrow()
  })

  it('emits every section the real capture holds, and no others', () => {
    const captured = [...splitSections(realOutput).sections.keys()]
    for (const name of captured) expect(emitted).toContain(name)
  })

  it('is ASCII, uses no bashisms and never asks for a password', () => {
    expect(isPrintableAscii(linuxProbeScript)).toBe(true)
    expect(linuxProbeScript).not.toMatch(/^\s*(local|source|declare|function) |\[\[ |<<<|\$\{/m)
    const code = linuxProbeScript
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n')
    expect(code).toMatch(/'sudo -n dmidecode'/)
    expect(code).not.toMatch(/sudo (?!-n)/)
  })

  it('only ever asks package managers, never refreshes or installs', () => {
    expect(linuxProbeScript).not.toMatch(/apt-get (update|install|upgrade)|apt (update|upgrade)/)
    expect(linuxProbeScript).toMatch(/apt-get -s -o Debug::NoLocking=1 upgrade/)
    expect(linuxProbeScript).toMatch(/dnf -q --cacheonly check-update/)
    expect(linuxProbeScript).toMatch(/zypper --non-interactive --no-refresh list-updates/)
    const zypper = [...linuxProbeScript.matchAll(/zypper ((?:--[\w-]+ )*)([\w-]+)/g)]
    expect(zypper.map((m) => m[2]).sort()).toEqual(['list-updates', 'needs-rebooting'])
    const dnf = [...linuxProbeScript.matchAll(/dnf ((?:-[\w-]+ )*)([\w-]+)/g)]
    expect(new Set(dnf.map((m) => m[2]))).toEqual(new Set(['check-update']))
  })
})

describe('parseLinuxProbe on recorded outputs', () => {
  it('reads a RHEL 9 host: dnf, security count, FQDN host name, docker bridge', () => {
    const { facts, problems } = parseLinuxProbe(fixture('linux-rhel9/probe-output.txt'))
    expect(problems).toEqual([])
    expect(facts.hostname).toBe('app01')
    expect(facts.fqdn).toBe('app01.corp.example.com')
    expect(facts.os).toMatchObject({ name: 'Red Hat Enterprise Linux 9.4 (Plow)', version: '9.4' })
    expect(facts.cpu).toEqual({
      model: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz',
      cores: 4,
      threads: 8,
    })
    expect(facts.disks?.map((d) => d.mount)).toEqual(['/', '/boot', '/boot/efi', '/home'])
    expect(facts.interfaces?.map((i) => i.name)).toEqual(['ens192', 'docker0'])
    expect(facts.hardware).toEqual({
      manufacturer: 'VMware, Inc.',
      model: 'VMware7,1',
      biosVersion: 'VMW71.00V.21805430.B64.2305221826',
    })
    expect(facts.rebootRequired).toBe(true)
    expect(facts.patches).toEqual({
      manager: 'dnf',
      pending: 12,
      security: 6,
      lastPatchedAt: 1710945901000,
    })
  })

  it('reads a SLES 12 host: ip -o fallback, 1024-blocks df, NFS left out, zypper', () => {
    const { facts, problems } = parseLinuxProbe(fixture('linux-sles12/probe-output.txt'))
    expect(facts.hostname).toBe('db02')
    expect(facts.fqdn).toBeUndefined()
    expect(facts.cpu).toEqual({ model: 'QEMU Virtual CPU version 2.5+', threads: 2 })
    expect(facts.disks).toEqual([
      {
        mount: '/',
        fsType: 'btrfs',
        sizeBytes: 41922560 * 1024,
        freeBytes: 4471616 * 1024,
        device: '/dev/vda2',
      },
      {
        mount: '/var/log',
        fsType: 'btrfs',
        sizeBytes: 41922560 * 1024,
        freeBytes: 4471616 * 1024,
        device: '/dev/vda2',
      },
    ])
    expect(facts.interfaces?.map((i) => i.name)).toEqual(['eth0'])
    expect(facts.patches).toEqual({ manager: 'zypper', pending: 5, lastPatchedAt: 1709251200000 })
    expect(facts.rebootRequired).toBeUndefined()
    expect(problems).toEqual([expect.stringMatching(/^Reboot required: unknown/)])
  })

  it('explains a dnf that has no metadata cache', () => {
    const output = fixture('linux-rhel9/probe-output.txt').replace(
      /@@SWITCHBOARD:dnf-check-update@@[\s\S]*?@@END:dnf-check-update:100@@/,
      '@@SWITCHBOARD:dnf-check-update@@\n\n@@END:dnf-check-update:1@@',
    )
    const { facts, problems } = parseLinuxProbe(output)
    expect(facts.patches).toBeUndefined()
    expect(problems).toEqual([
      expect.stringMatching(
        /dnf check-update\): the command failed \(exit 1\)\. dnf runs cache-only/,
      ),
    ])
  })

  it('says when no package manager answered', () => {
    const output = realOutput.replace(/@@SWITCHBOARD:apt-simulate@@[\s\S]*$/, '')
    const { facts, problems } = parseLinuxProbe(output)
    expect(facts.patches).toBeUndefined()
    expect(problems).toContain(
      'Pending updates: no supported package manager (apt, dnf, zypper) reported.',
    )
  })
})

describe('parseLinuxProbe robustness', () => {
  it('reports that nothing ran for empty or unrelated output', () => {
    for (const output of ['', 'bash: sh: command not found', '\u0000\u0001\u0002']) {
      const result = parseLinuxProbe(output)
      expect(result.facts).toEqual({})
      expect(result.problems).toEqual([expect.stringMatching(/^No inventory sections/)])
    }
  })

  it('never throws on the real output cut at any point, and never reports a cut section', () => {
    for (let end = 0; end <= realOutput.length; end += 101) {
      const cut = realOutput.slice(0, end)
      const { facts, problems } = parseLinuxProbe(cut)
      expect(Array.isArray(problems)).toBe(true)
      // A disk list from a half-read df would read as "disk removed"; it must be absent instead.
      if (facts.disks) expect(facts.disks).toHaveLength(1)
    }
  })

  it('never throws when every section body is replaced with garbage', () => {
    const garbled = realOutput.replace(
      /(@@SWITCHBOARD:[\w-]+@@\n)[\s\S]*?(\n@@END:)/g,
      '$1{"not":"what you expected"\n\u0000 ][ \\\n$2',
    )
    const { facts, problems } = parseLinuxProbe(garbled)
    expect(facts.os).toEqual({ family: 'linux' })
    expect(problems.length).toBeGreaterThan(5)
  })
})
