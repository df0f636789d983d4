import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { splitSections } from './sections'
import { parseWindowsProbe, windowsProbeScript } from './windows'
import {
  parseCimDate,
  parseDefenderStatus,
  parseInstalledMemory,
  parseInteractiveUsers,
  parseLastHotFix,
  parseRebootPending,
  parseSectionError,
  parseWin32Bios,
  parseWin32ComputerSystem,
  parseWin32LogicalDisk,
  parseWin32NetworkAdapterConfiguration,
  parseWin32OperatingSystem,
  parseWin32Processor,
  parseWindowsCurrentVersion,
  parseWindowsUpdateSearch,
  windowsOsFacts,
} from './windows-parsers'

// Scripts travel through shells, WinRM and code pages; plain ASCII survives them all.
const isPrintableAscii = (text: string): boolean =>
  [...text].every((ch) => ch === '\t' || ch === '\n' || (ch >= ' ' && ch <= '~'))

// Recorded fixtures in Windows PowerShell's real output shapes (see fixtures/README.md).
const fixture = (path: string): string =>
  readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8')
const win11 = splitSections(fixture('windows-11/probe-output.txt')).sections
const server = splitSections(fixture('windows-server-2019/probe-output.txt')).sections
const body = (sections: typeof win11, name: string): string => sections.get(name)?.body ?? ''

describe('parseCimDate', () => {
  it('reads every shape a CIM date reaches JSON in', () => {
    expect(parseCimDate(1712127600500)).toBe(1712127600500)
    expect(parseCimDate('/Date(1712127600500)/')).toBe(1712127600500)
    expect(parseCimDate('\\/Date(1712127600500)\\/')).toBe(1712127600500)
    expect(parseCimDate('/Date(1712127600500+0200)/')).toBe(1712127600500)
    expect(parseCimDate('2024-04-03T09:00:00.5+02:00')).toBe(1712127600500)
    expect(parseCimDate('20240403090000.500000+120')).toBe(1712127600500)
    expect(parseCimDate('20240403070000.500000-000')).toBe(1712127600500)
  })

  it('answers undefined for anything else', () => {
    for (const value of ['', '4/3/2024', 'yesterday', null, {}, Number.NaN, -5]) {
      expect(parseCimDate(value)).toBeUndefined()
    }
  })
})

describe('parseWin32OperatingSystem', () => {
  it('reads the probe section (epoch ms)', () => {
    expect(parseWin32OperatingSystem(body(win11, 'os'))).toEqual({
      caption: 'Microsoft Windows 11 Pro',
      version: '10.0.22631',
      buildNumber: '22631',
      osArchitecture: '64-bit',
      lastBootAt: 1712127600500,
      now: 1712156400000,
    })
  })

  it('reads raw ConvertTo-Json from Windows PowerShell 5.1 and PowerShell 7 alike', () => {
    const ps51 = parseWin32OperatingSystem(
      fixture('windows-server-2019/win32-operatingsystem-ps51.txt'),
    )
    expect(ps51).toMatchObject({ lastBootAt: 1709449200000, now: 1712156400000 })
    const ps7 = parseWin32OperatingSystem(fixture('windows-11/win32-operatingsystem-ps7.txt'))
    expect(ps7).toMatchObject({ lastBootAt: 1712127600500, now: 1712156400000 })
  })

  it('answers undefined for non-JSON', () => {
    expect(parseWin32OperatingSystem('Get-CimInstance : Access denied')).toBeUndefined()
  })
})

describe('windowsOsFacts', () => {
  it('takes the name from CIM, the release and UBR from the registry', () => {
    const os = windowsOsFacts(
      parseWin32OperatingSystem(body(win11, 'os')),
      parseWindowsCurrentVersion(body(win11, 'os-version')),
      9,
    )
    expect(os).toEqual({
      family: 'windows',
      name: 'Microsoft Windows 11 Pro',
      version: '23H2',
      build: '22631.3447',
      kernel: '10.0.22631',
      architecture: 'x86_64',
    })
  })

  it('falls back to ReleaseId on Server 2019 and reads localised or ARM architectures', () => {
    const current = parseWindowsCurrentVersion(body(server, 'os-version'))
    expect(windowsOsFacts(undefined, current, undefined)).toMatchObject({
      version: '1809',
      build: '17763.5576',
    })
    expect(windowsOsFacts({ osArchitecture: '64 bits' }, undefined, undefined).architecture).toBe(
      'x86_64',
    )
    expect(windowsOsFacts({ osArchitecture: '32-Bit' }, undefined, 9).architecture).toBe('x86')
    expect(
      windowsOsFacts({ osArchitecture: 'ARM 64-bit Processor' }, undefined, 12).architecture,
    ).toBe('arm64')
  })
})

describe('parseWin32ComputerSystem, memory and firmware', () => {
  it('builds the FQDN only for domain members', () => {
    expect(parseWin32ComputerSystem(body(win11, 'computer'))).toMatchObject({
      hostname: 'WS-ACCT-07',
      fqdn: 'WS-ACCT-07.corp.example.com',
      manufacturer: 'Dell Inc.',
      model: 'OptiPlex 7090',
    })
    expect(parseWin32ComputerSystem(body(server, 'computer'))?.fqdn).toBeUndefined()
  })

  it('reads installed memory and ignores an empty sum', () => {
    expect(parseInstalledMemory(body(win11, 'memory'))).toBe(17179869184)
    expect(parseInstalledMemory('{"InstalledBytes":null}')).toBeUndefined()
  })

  it('combines BIOS and enclosure, dropping "No Asset Tag" and "None"', () => {
    expect(parseWin32Bios(body(win11, 'bios'), body(win11, 'enclosure'))).toEqual({
      serial: '7RECRD3',
      biosVersion: '1.21.0',
      assetTag: 'ACME-00417',
    })
    expect(
      parseWin32Bios(body(server, 'bios'), body(server, 'enclosure'))?.assetTag,
    ).toBeUndefined()
  })
})

describe('single object versus array (ConvertTo-Json quirk)', () => {
  it('sums processors whether one socket (object) or two (array)', () => {
    expect(parseWin32Processor(body(win11, 'cpu'))).toEqual({
      model: '11th Gen Intel(R) Core(TM) i7-11700 @ 2.50GHz',
      cores: 8,
      threads: 16,
      architectureCode: 9,
    })
    expect(parseWin32Processor(body(server, 'cpu'))).toMatchObject({ cores: 4, threads: 4 })
  })

  it('reads one disk (object) and two disks (array)', () => {
    expect(parseWin32LogicalDisk(body(server, 'disks'))).toEqual([
      { mount: 'C:', fsType: 'NTFS', sizeBytes: 107372081152, freeBytes: 8053063680 },
    ])
    expect(parseWin32LogicalDisk(body(win11, 'disks'))?.map((d) => d.mount)).toEqual(['C:', 'D:'])
  })

  it('reads one adapter (object) and two (array), splitting IPv4 from IPv6', () => {
    expect(parseWin32NetworkAdapterConfiguration(body(win11, 'network'))).toEqual([
      {
        name: 'Ethernet',
        macs: ['d0:8e:79:12:34:56'],
        ipv4: ['10.20.30.41'],
        ipv6: ['fe80::8d4c:2f1a:9b3e:7c21'],
      },
    ])
    expect(
      parseWin32NetworkAdapterConfiguration(body(server, 'network'))?.map((i) => i.name),
    ).toEqual(['Ethernet0', 'Ethernet1'])
  })

  it('reads one user (a bare string), several, or none', () => {
    expect(parseInteractiveUsers(body(win11, 'users'))).toEqual(['CORP\\jsmith'])
    expect(parseInteractiveUsers('["CORP\\\\b","CORP\\\\a","CORP\\\\b"]')).toEqual([
      'CORP\\a',
      'CORP\\b',
    ])
    expect(parseInteractiveUsers('')).toEqual([])
    expect(parseInteractiveUsers('not json')).toBeUndefined()
  })

  it('skips a disk that reports no size (locked BitLocker volume)', () => {
    const text =
      '[{"DeviceID":"C:","FileSystem":"NTFS","Size":100,"FreeSpace":50},{"DeviceID":"E:","FileSystem":null,"Size":null,"FreeSpace":null}]'
    expect(parseWin32LogicalDisk(text)?.map((d) => d.mount)).toEqual(['C:'])
  })
})

describe('parseDefenderStatus', () => {
  it('reads a healthy Defender', () => {
    expect(parseDefenderStatus(body(win11, 'defender'))).toEqual({
      product: 'Microsoft Defender Antivirus',
      enabled: true,
      upToDate: true,
      signatureAgeDays: 0,
    })
  })

  it('treats real-time protection off as not enabled', () => {
    const text =
      '{"AMServiceEnabled":true,"AntivirusEnabled":true,"RealTimeProtectionEnabled":false,"AntivirusSignatureAge":1}'
    expect(parseDefenderStatus(text)).toMatchObject({ enabled: false, upToDate: true })
  })

  it('judges signature age itself where DefenderSignaturesOutOfDate is missing', () => {
    const status = (age: number): string =>
      `{"AntivirusEnabled":true,"RealTimeProtectionEnabled":true,"AntivirusSignatureAge":${age}}`
    expect(parseDefenderStatus(status(7))?.upToDate).toBe(true)
    expect(parseDefenderStatus(status(9))).toMatchObject({ upToDate: false, signatureAgeDays: 9 })
    expect(parseDefenderStatus(status(65535))).toEqual({
      product: 'Microsoft Defender Antivirus',
      enabled: true,
      upToDate: false,
    })
  })

  it('names passive mode and answers undefined without the basics', () => {
    const passive =
      '{"AntivirusEnabled":false,"AMRunningMode":"Passive Mode","DefenderSignaturesOutOfDate":false}'
    expect(parseDefenderStatus(passive)).toMatchObject({
      product: 'Microsoft Defender Antivirus (passive mode)',
      enabled: false,
    })
    expect(parseDefenderStatus('{"AntivirusEnabled":true}')).toBeUndefined()
    expect(parseDefenderStatus('')).toBeUndefined()
  })
})

describe('updates, hotfixes and reboot flags', () => {
  it('reads the Windows Update counts and the last hotfix date', () => {
    expect(parseWindowsUpdateSearch(body(win11, 'windows-update'))).toEqual({
      pending: 3,
      security: 1,
    })
    expect(parseWindowsUpdateSearch('{"Pending":0}')).toEqual({ pending: 0 })
    expect(parseWindowsUpdateSearch('{"Count":3}')).toBeUndefined()
    expect(parseLastHotFix(body(win11, 'hotfix'))).toBe(1710716400000)
  })

  it('trusts CBS and Windows Update keys but not PendingFileRenameOperations', () => {
    expect(parseRebootPending(body(win11, 'reboot'))).toBe(true)
    expect(parseRebootPending(body(server, 'reboot'))).toBe(false)
    expect(parseRebootPending('{}')).toBeUndefined()
  })

  it('reads the error of a failed section', () => {
    expect(parseSectionError(body(server, 'windows-update'))).toBe(
      'The Windows Update search timed out after 120 s.',
    )
    expect(parseSectionError('garbage')).toBeUndefined()
  })
})

describe('parseWindowsProbe', () => {
  it('assembles the Windows 11 output, BOM and CRLF included', () => {
    const { facts, problems } = parseWindowsProbe(fixture('windows-11/probe-output.txt'))
    expect(problems).toEqual([])
    expect(facts).toEqual({
      hostname: 'WS-ACCT-07',
      fqdn: 'WS-ACCT-07.corp.example.com',
      os: {
        family: 'windows',
        name: 'Microsoft Windows 11 Pro',
        version: '23H2',
        build: '22631.3447',
        kernel: '10.0.22631',
        architecture: 'x86_64',
      },
      hardware: {
        manufacturer: 'Dell Inc.',
        model: 'OptiPlex 7090',
        serial: '7RECRD3',
        biosVersion: '1.21.0',
        assetTag: 'ACME-00417',
      },
      cpu: { model: '11th Gen Intel(R) Core(TM) i7-11700 @ 2.50GHz', cores: 8, threads: 16 },
      memoryBytes: 17179869184,
      disks: [
        { mount: 'C:', fsType: 'NTFS', sizeBytes: 511157661696, freeBytes: 201326592000 },
        { mount: 'D:', fsType: 'NTFS', sizeBytes: 1000186310656, freeBytes: 812345678848 },
      ],
      interfaces: [
        {
          name: 'Ethernet',
          macs: ['d0:8e:79:12:34:56'],
          ipv4: ['10.20.30.41'],
          ipv6: ['fe80::8d4c:2f1a:9b3e:7c21'],
        },
      ],
      lastBootAt: 1712127600500,
      uptimeSeconds: 28799,
      loggedInUsers: ['CORP\\jsmith'],
      patches: { manager: 'windows-update', pending: 3, security: 1, lastPatchedAt: 1710716400000 },
      antivirus: {
        product: 'Microsoft Defender Antivirus',
        enabled: true,
        upToDate: true,
        signatureAgeDays: 0,
      },
      rebootRequired: true,
    })
  })

  it("passes on the script's own error messages for failed sections", () => {
    const { facts, problems } = parseWindowsProbe(fixture('windows-server-2019/probe-output.txt'))
    expect(facts.antivirus).toBeUndefined()
    expect(facts.patches).toBeUndefined()
    expect(facts.loggedInUsers).toEqual([])
    expect(problems).toEqual([
      expect.stringMatching(
        /^Microsoft Defender \(Get-MpComputerStatus\): The term 'Get-MpComputerStatus' is not recognized/,
      ),
      'Pending updates (Windows Update): The Windows Update search timed out after 120 s.',
    ])
  })

  it('never throws on cut, garbled or empty output', () => {
    const whole = fixture('windows-11/probe-output.txt')
    for (let end = 0; end <= whole.length; end += 89) {
      expect(() => parseWindowsProbe(whole.slice(0, end))).not.toThrow()
    }
    const garbled = whole.replace(/(@@\r\n)\{[^\r]*(\r\n@@END)/g, '$1{"Caption":[[[$2')
    const { facts, problems } = parseWindowsProbe(garbled)
    expect(facts.os).toEqual({ family: 'windows' })
    expect(problems.length).toBeGreaterThan(5)
    expect(parseWindowsProbe('').problems).toEqual([
      expect.stringMatching(/^No inventory sections/),
    ])
  })
})

describe('windowsProbeScript', () => {
  it('emits every section of the recorded output', () => {
    const emitted = new Set(
      [...windowsProbeScript.matchAll(/Write-SbSection '([\w-]+)'/g)].map((m) => m[1]),
    )
    for (const name of win11.keys()) expect(emitted).toContain(name)
    expect(emitted.size).toBe(win11.size)
  })

  it('is ASCII with no backtick escapes, so it survives any transport encoding', () => {
    expect(isPrintableAscii(windowsProbeScript)).toBe(true)
    expect(windowsProbeScript).not.toContain('`')
  })

  it('only reads: no installs, downloads, online scans or registry writes', () => {
    expect(windowsProbeScript).toMatch(/\$searcher\.Online = \$false/)
    expect(windowsProbeScript).toMatch(/IsInstalled=0/)
    expect(windowsProbeScript).not.toMatch(
      /CreateUpdateInstaller|CreateUpdateDownloader|Set-ItemProperty|New-Item|Remove-Item|Update-MpSignature|Install-/,
    )
  })

  it('serialises every section with ConvertTo-Json -Depth 4 -Compress', () => {
    expect(windowsProbeScript).toMatch(/ConvertTo-Json -InputObject \$value -Depth 4 -Compress/)
  })
})
