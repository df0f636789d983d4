import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  linuxOsFacts,
  localDisks,
  parseAptHistory,
  parseBootTime,
  parseCpuinfo,
  parseDfPT,
  parseDmi,
  parseIpJsonAddr,
  parseIpOAddr,
  parseMeminfo,
  parseOsRelease,
  parseRebootRequired,
  parseRpmLastInstall,
  parseUptime,
} from './linux-parsers'
import { parseUname, parseWho } from './posix-parsers'

// Real captures from the Debian 12 development VM (see fixtures/README.md).
const real = (name: string): string =>
  readFileSync(new URL(`./fixtures/linux-debian12/${name}`, import.meta.url), 'utf8')
const recorded = (path: string): string =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8')

describe('parseOsRelease', () => {
  it('reads the real Debian 12 os-release', () => {
    const release = parseOsRelease(real('os-release.txt'))
    expect(release).toMatchObject({
      PRETTY_NAME: 'Debian GNU/Linux 12 (bookworm)',
      ID: 'debian',
      VERSION_ID: '12',
      VERSION_CODENAME: 'bookworm',
    })
  })

  it('removes single and double quotes and shell escapes, skips comments', () => {
    const release = parseOsRelease(
      `# comment\nNAME='Single'\nPRETTY_NAME="Say \\"hi\\" for \\$5"\nID=plain\nnot a line\n`,
    )
    expect(release).toEqual({ NAME: 'Single', PRETTY_NAME: 'Say "hi" for $5', ID: 'plain' })
  })

  it('answers undefined when nothing looks like os-release', () => {
    expect(parseOsRelease('')).toBeUndefined()
    expect(parseOsRelease('<html>404</html>')).toBeUndefined()
  })
})

describe('linuxOsFacts', () => {
  it('uses Debian point release and uname for the real VM', () => {
    const os = linuxOsFacts(
      parseOsRelease(real('os-release.txt')),
      parseUname(real('uname-srm.txt')),
      real('debian_version.txt'),
    )
    expect(os).toEqual({
      family: 'linux',
      name: 'Debian GNU/Linux 12 (bookworm)',
      version: '12.11',
      kernel: '6.18.44-fc-v669',
      architecture: 'x86_64',
    })
  })

  it("takes Ubuntu's point release from VERSION and normalises aarch64", () => {
    const os = linuxOsFacts(
      {
        PRETTY_NAME: 'Ubuntu 22.04.4 LTS',
        VERSION_ID: '22.04',
        VERSION: '22.04.4 LTS (Jammy Jellyfish)',
        ID: 'ubuntu',
      },
      { kernelName: 'Linux', kernelRelease: '5.15.0-105-generic', machine: 'aarch64' },
      'bookworm/sid',
    )
    expect(os).toMatchObject({ version: '22.04.4', architecture: 'arm64' })
  })

  it('still names the family when nothing else is known', () => {
    expect(linuxOsFacts(undefined, undefined)).toEqual({ family: 'linux' })
  })
})

describe('parseUname', () => {
  it('reads the real uname -srm', () => {
    expect(parseUname(real('uname-srm.txt'))).toEqual({
      kernelName: 'Linux',
      kernelRelease: '6.18.44-fc-v669',
      machine: 'x86_64',
    })
  })

  it('rejects anything that is not three fields', () => {
    expect(parseUname('Linux vm 6.1.0 #1 SMP x86_64 GNU/Linux')).toBeUndefined()
    expect(parseUname('')).toBeUndefined()
  })
})

describe('parseCpuinfo', () => {
  it('counts the real 2-vCPU AMD EPYC', () => {
    expect(parseCpuinfo(real('proc-cpuinfo.txt'))).toEqual({
      model: 'AMD EPYC',
      cores: 2,
      threads: 2,
    })
  })

  it('separates sockets, cores and hyper-threads', () => {
    const entries = [0, 1, 2, 3, 4, 5, 6, 7].map(
      (i) =>
        `processor\t: ${i}\nmodel name\t: Intel(R) Xeon(R)   Silver 4314\nphysical id\t: ${i < 4 ? 0 : 1}\n` +
        `core id\t\t: ${[0, 0, 1, 1][i % 4]}\ncpu cores\t: 2\n`,
    )
    expect(parseCpuinfo(entries.join('\n'))).toEqual({
      model: 'Intel(R) Xeon(R) Silver 4314',
      cores: 4,
      threads: 8,
    })
  })

  it('reads 32-bit ARM, where "Processor" names the chip and core ids are missing', () => {
    const text =
      'Processor\t: ARMv7 Processor rev 4 (v7l)\nprocessor\t: 0\nBogoMIPS\t: 38.40\n\n' +
      'processor\t: 1\nBogoMIPS\t: 38.40\n\nHardware\t: BCM2835\n'
    expect(parseCpuinfo(text)).toEqual({ model: 'ARMv7 Processor rev 4 (v7l)', threads: 2 })
  })

  it('answers undefined for garbage', () => {
    expect(parseCpuinfo('hello\nworld')).toBeUndefined()
  })
})

describe('parseMeminfo', () => {
  it('reads MemTotal of the real VM in bytes (kB means KiB)', () => {
    expect(parseMeminfo(real('proc-meminfo.txt'))).toBe(24684084 * 1024)
  })

  it('answers undefined without MemTotal', () => {
    expect(parseMeminfo('MemFree: 10 kB')).toBeUndefined()
    expect(parseMeminfo('MemTotal: lots')).toBeUndefined()
  })
})

describe('parseDfPT and localDisks', () => {
  it('reads the real df -PTl -B1 and keeps only the ext4 root', () => {
    const all = parseDfPT(real('df-PTl-B1.txt'))
    expect(all).toHaveLength(5)
    expect(all?.[1]).toEqual({
      mount: '/dev/shm',
      fsType: 'tmpfs',
      sizeBytes: 25276502016,
      freeBytes: 25276502016,
    })
    expect(localDisks(all ?? [])).toEqual([
      {
        mount: '/',
        fsType: 'ext4',
        sizeBytes: 270553174016,
        freeBytes: 83388149760,
        device: '/dev/vda',
      },
    ])
  })

  it('scales the real df -PTk by its 1024-blocks header', () => {
    const root = localDisks(parseDfPT(real('df-PTk.txt')) ?? [])
    expect(root).toEqual([
      {
        mount: '/',
        fsType: 'ext4',
        sizeBytes: 264212084 * 1024,
        freeBytes: 81433736 * 1024,
        device: '/dev/vda',
      },
    ])
  })

  it("reads BusyBox's 1K-blocks header and a localised header", () => {
    const busybox =
      'Filesystem           Type       1K-blocks      Used Available Use% Mounted on\n' +
      '/dev/mmcblk0p2       ext4        29801344   4120368  24440196  14% /\n'
    expect(parseDfPT(busybox)?.[0]?.sizeBytes).toBe(29801344 * 1024)
    const german =
      'Dateisystem    Typ  1K-Blöcke  Benutzt Verfügbar Verw% Eingehängt auf\n' +
      '/dev/sda1      ext4  1000000    500000    500000   50% /mnt/meine daten\n'
    expect(parseDfPT(german)).toEqual([
      {
        mount: '/mnt/meine daten',
        fsType: 'ext4',
        sizeBytes: 1024000000,
        freeBytes: 512000000,
        device: '/dev/sda1',
      },
    ])
  })

  it('drops network, image and in-memory filesystems', () => {
    const disks = parseDfPT(
      [
        'Filesystem Type 1-blocks Used Available Capacity Mounted on',
        'nas:/export nfs4 100 50 50 50% /mnt/nas',
        '/dev/loop3 squashfs 100 100 0 100% /snap/core/1',
        'overlay overlay 100 1 99 1% /var/lib/docker/overlay2/x/merged',
        '/dev/sdb1 xfs 100 1 99 1% /data',
      ].join('\n'),
    )
    expect(localDisks(disks ?? []).map((d) => d.mount)).toEqual(['/data'])
  })

  it('answers undefined for output with neither header nor rows', () => {
    expect(parseDfPT('df: invalid option -- B')).toBeUndefined()
  })
})

describe('parseIpJsonAddr', () => {
  it('reads the real ip -j addr: loopback and address-less ifb stubs left out', () => {
    expect(parseIpJsonAddr(real('ip-j-addr.txt'))).toEqual([
      {
        name: 'eth0',
        macs: ['02:fc:00:00:00:01'],
        ipv4: ['192.0.2.2'],
        ipv6: ['fd00::2', 'fe80::fc:ff:fe00:1'],
      },
    ])
  })

  it('drops container veth peers and IPv6 privacy addresses', () => {
    const text = JSON.stringify([
      {
        ifname: 'veth1a2b',
        link_type: 'ether',
        link_netnsid: 0,
        address: '6a:11:22:33:44:55',
        addr_info: [{ family: 'inet', local: '10.1.0.1' }],
      },
      {
        ifname: 'wlp2s0',
        link_type: 'ether',
        address: 'A4:C3:F0:11:22:33',
        addr_info: [
          { family: 'inet6', local: '2001:db8::10' },
          { family: 'inet6', local: '2001:db8::beef', temporary: true },
        ],
      },
    ])
    expect(parseIpJsonAddr(text)).toEqual([
      { name: 'wlp2s0', macs: ['a4:c3:f0:11:22:33'], ipv4: [], ipv6: ['2001:db8::10'] },
    ])
  })

  it('answers undefined for non-JSON and [] for an empty list', () => {
    expect(parseIpJsonAddr('Option "-j" is unknown, try "ip -help".')).toBeUndefined()
    expect(parseIpJsonAddr('[]')).toEqual([])
  })
})

describe('parseIpOAddr', () => {
  it('reads the real ip -o link + addr the same way as the JSON form', () => {
    expect(parseIpOAddr(real('ip-o-link-addr.txt'))).toEqual(parseIpJsonAddr(real('ip-j-addr.txt')))
  })

  it('reads iproute2 4.12 output with a temporary address (recorded, SLES 12)', () => {
    expect(parseIpOAddr(recorded('linux-sles12/ip-o-link-addr.txt'))).toEqual([
      {
        name: 'eth0',
        macs: ['52:54:00:3a:9f:01'],
        ipv4: ['10.0.5.31'],
        ipv6: ['2001:db8:5::31', 'fe80::5054:ff:fe3a:9f01'],
      },
    ])
  })

  it('recognises loopback by scope host when link lines are missing, strips @peer', () => {
    const text =
      '1: lo    inet 127.0.0.1/8 scope host lo\n' +
      '5: eth0.100@eth0    inet 10.100.0.2/24 scope global eth0.100\n'
    expect(parseIpOAddr(text)).toEqual([{ name: 'eth0.100', ipv4: ['10.100.0.2'], ipv6: [] }])
  })

  it('answers undefined for unrelated text', () => {
    expect(parseIpOAddr('sh: ip: not found')).toBeUndefined()
  })
})

describe('parseUptime and parseBootTime', () => {
  it('reads the real /proc/uptime and btime', () => {
    expect(parseUptime(real('proc-uptime.txt'))).toBe(2449)
    expect(parseBootTime(real('proc-stat-btime.txt'))).toBe(1795459719000)
  })

  it('answers undefined for garbage', () => {
    expect(parseUptime('up 3 days')).toBeUndefined()
    expect(parseBootTime('btime soon')).toBeUndefined()
  })
})

describe('parseWho', () => {
  it('reads the real (empty) who as nobody logged in', () => {
    expect(parseWho(real('who.txt'))).toEqual([])
  })

  it('lists distinct users sorted, skipping a localised who -H header', () => {
    const text =
      'BENUTZER LEITUNG      ZEIT             KOMMENTAR\n' +
      'zoe      pts/1        2024-04-03 09:12 (10.0.0.8)\n' +
      'adam     tty1         2024-04-03 08:00\n' +
      'zoe      pts/2        2024-04-03 10:00 (10.0.0.9)\n'
    expect(parseWho(text)).toEqual(['adam', 'zoe'])
  })

  it('ignores lines too short to be sessions', () => {
    expect(parseWho('garbage\n\n')).toEqual([])
  })
})

describe('parseDmi', () => {
  it('maps sysfs names and drops firmware placeholders', () => {
    const text =
      'sys_vendor=Dell Inc.\nproduct_name=OptiPlex 7090\nproduct_serial=To Be Filled By O.E.M.\n' +
      'chassis_asset_tag=ACME-00417\nbios_version=1.21.0\n'
    expect(parseDmi(text)).toEqual({
      manufacturer: 'Dell Inc.',
      model: 'OptiPlex 7090',
      assetTag: 'ACME-00417',
      biosVersion: '1.21.0',
    })
  })

  it("uses Lenovo's product_version for the model name", () => {
    const text =
      'sys_vendor=LENOVO\nproduct_name=20XW00ABUS\nproduct_version=ThinkPad X1 Carbon Gen 9\n' +
      'product_serial=PF3ABCDE\n'
    expect(parseDmi(text)).toMatchObject({
      model: 'ThinkPad X1 Carbon Gen 9 (20XW00ABUS)',
      serial: 'PF3ABCDE',
    })
  })

  it('falls back to the device tree on boards without SMBIOS', () => {
    const text =
      'devicetree_model=Raspberry Pi 4 Model B Rev 1.4\ndevicetree_serial-number=10000000abcdef01\n'
    expect(parseDmi(text)).toEqual({
      model: 'Raspberry Pi 4 Model B Rev 1.4',
      serial: '10000000abcdef01',
    })
  })

  it('answers undefined when nothing was readable (the real VM has no DMI)', () => {
    expect(parseDmi('')).toBeUndefined()
  })
})

describe('parseRebootRequired', () => {
  it("reads Debian's flag file both ways", () => {
    expect(parseRebootRequired('reboot-required-file=present')).toBe(true)
    expect(parseRebootRequired('reboot-required-file=absent')).toBe(false)
  })

  it('reads needs-restarting -r and zypper needs-rebooting exit codes', () => {
    expect(parseRebootRequired('needs-restarting=1')).toBe(true)
    expect(parseRebootRequired('needs-restarting=0')).toBe(false)
    expect(parseRebootRequired('zypper-needs-rebooting=102')).toBe(true)
    expect(parseRebootRequired('zypper-needs-rebooting=0')).toBe(false)
  })

  it('answers undefined when no mechanism gave a verdict', () => {
    expect(parseRebootRequired('zypper-needs-rebooting=1')).toBeUndefined()
    expect(parseRebootRequired('')).toBeUndefined()
  })
})

describe('last patch times', () => {
  it("reads the probe's apt history epoch", () => {
    expect(parseAptHistory('end-date=2026-11-23 18:50:03\nepoch=1795459803\n')).toBe(1795459803000)
    expect(parseAptHistory('end-date=2026-11-23 18:50:03\n')).toBeUndefined()
  })

  it('reads the newest rpm install time', () => {
    expect(parseRpmLastInstall('1709251200\n1710945901\n')).toBe(1710945901000)
    expect(parseRpmLastInstall('error: rpmdb open failed')).toBeUndefined()
  })
})
