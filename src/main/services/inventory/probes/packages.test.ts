import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  parseAptListUpgradable,
  parseAptSimulate,
  parseDnfCheckUpdate,
  parseSoftwareUpdateList,
  parseZypperListUpdates,
} from './packages'

const fixture = (path: string): string =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8')

describe('parseAptSimulate', () => {
  it('counts the real Debian 12 VM: 116 upgrades, 70 from the security archive', () => {
    const updates = parseAptSimulate(fixture('linux-debian12/apt-get-s-upgrade.txt'))
    expect(updates?.pending).toBe(116)
    expect(updates?.security).toBe(70)
    expect(updates?.packages).toContain('openssl')
    expect(updates?.packages).toContain('base-files')
  })

  it('agrees with apt list --upgradable captured on the same VM', () => {
    const simulated = parseAptSimulate(fixture('linux-debian12/apt-get-s-upgrade.txt'))
    const listed = parseAptListUpgradable(fixture('linux-debian12/apt-list-upgradable.txt'))
    expect(listed?.packages).toEqual(simulated?.packages)
    expect(listed?.security).toBe(simulated?.security)
  })

  it('reads an up-to-date system, with the non-root simulation note', () => {
    const text =
      'NOTE: This is only a simulation!\n      apt-get needs root privileges for real execution.\n' +
      'Reading package lists...\nBuilding dependency tree...\nReading state information...\n' +
      'Calculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n'
    expect(parseAptSimulate(text)).toEqual({ pending: 0, security: 0, packages: [] })
  })

  it('reads Ubuntu origins, where security is a pocket of the archive', () => {
    const text =
      'Inst libssl3 [3.0.2-0ubuntu1.14] (3.0.2-0ubuntu1.15 Ubuntu:22.04/jammy-updates, ' +
      'Ubuntu:22.04/jammy-security [amd64])\n' +
      'Inst snapd [2.61.3] (2.62 Ubuntu:22.04/jammy-updates [amd64])\n' +
      '2 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.\n'
    expect(parseAptSimulate(text)).toEqual({
      pending: 2,
      security: 1,
      packages: ['libssl3', 'snapd'],
    })
  })

  it('answers undefined for output that is not apt', () => {
    expect(
      parseAptSimulate('E: Could not open lock file /var/lib/dpkg/lock-frontend'),
    ).toBeUndefined()
  })
})

describe('parseAptListUpgradable', () => {
  it('counts the real capture', () => {
    const updates = parseAptListUpgradable(fixture('linux-debian12/apt-list-upgradable.txt'))
    expect(updates?.pending).toBe(116)
  })

  it('reads "Listing..." alone as nothing to upgrade', () => {
    expect(parseAptListUpgradable('Listing...\n')).toEqual({
      pending: 0,
      security: 0,
      packages: [],
    })
    expect(parseAptListUpgradable('random words')).toBeUndefined()
  })
})

describe('parseDnfCheckUpdate', () => {
  it('reads the recorded RHEL 9 listing: wrapped names, obsoletes not counted', () => {
    const updates = parseDnfCheckUpdate(fixture('linux-rhel9/dnf-check-update.txt'))
    expect(updates?.pending).toBe(12)
    expect(updates?.packages).toContain('texlive-collection-latexrecommended.noarch')
    expect(updates?.packages).not.toContain('grub2-tools-efi.x86_64')
  })

  it('reads the --security listing with the same parser', () => {
    expect(parseDnfCheckUpdate(fixture('linux-rhel9/dnf-check-update-security.txt'))?.pending).toBe(
      6,
    )
  })

  it('treats empty output (dnf -q, exit 0) as no updates and skips chatter', () => {
    expect(parseDnfCheckUpdate('')).toEqual({ pending: 0, packages: [] })
    const chatty =
      'Last metadata expiration check: 0:42:17 ago on Wed 03 Apr 2024 02:00:01 PM CEST.\n' +
      'Security: kernel-core-5.14.0-427.31.1.el9_4.x86_64 is an installed security update\n' +
      '\nbash.x86_64   5.1.8-9.el9   baseos\n'
    expect(parseDnfCheckUpdate(chatty)?.packages).toEqual(['bash.x86_64'])
  })

  it('answers undefined for an error message', () => {
    expect(
      parseDnfCheckUpdate("Error: Cache-only enabled but no cache for 'baseos'"),
    ).toBeUndefined()
  })
})

describe('parseZypperListUpdates', () => {
  it('reads the recorded SLES table and the "No updates found." case', () => {
    expect(parseZypperListUpdates(fixture('linux-sles12/zypper-list-updates.txt'))).toEqual({
      pending: 5,
      packages: ['glibc', 'glibc-locale', 'kernel-default', 'openssh', 'timezone'],
    })
    expect(parseZypperListUpdates(fixture('linux-sles12/zypper-list-updates-none.txt'))).toEqual({
      pending: 0,
      packages: [],
    })
  })

  it('answers undefined without a table or verdict', () => {
    expect(
      parseZypperListUpdates('System management is locked by the application with pid 4242'),
    ).toBeUndefined()
  })
})

describe('parseSoftwareUpdateList', () => {
  it('reads the macOS 10.15+ layout with a restart-requiring update', () => {
    expect(parseSoftwareUpdateList(fixture('macos-sonoma/softwareupdate-l.txt'))).toEqual({
      pending: 3,
      security: 0,
      restartRequired: true,
      packages: [
        'Command Line Tools for Xcode-15.3',
        'Safari17.5SonomaAuto-17.5',
        'macOS Sonoma 14.5-23F79',
      ],
    })
  })

  it('reads the pre-10.15 layout and counts the security update', () => {
    const updates = parseSoftwareUpdateList(fixture('macos-sonoma/softwareupdate-l-mojave.txt'))
    expect(updates).toMatchObject({ pending: 3, security: 1, restartRequired: true })
  })

  it('reads "No new software available." as zero', () => {
    expect(parseSoftwareUpdateList(fixture('macos-sonoma/softwareupdate-none.txt'))).toEqual({
      pending: 0,
      security: 0,
      restartRequired: false,
      packages: [],
    })
  })

  it('answers undefined when the catalogue could not be reached', () => {
    expect(
      parseSoftwareUpdateList('Software Update Tool\n\nFinding available software\nCan’t connect'),
    ).toBeUndefined()
  })
})
