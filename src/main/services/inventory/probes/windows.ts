import type { SplitSections } from './sections'
import { describeExit, noSectionsProblem, readSection, splitSections } from './sections'
import { compact } from './text'
import type { InventoryFacts, ProbeResult } from './types'
import {
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

/**
 * The one script run on a Windows device (Windows PowerShell 5.1 or PowerShell 7, over WinRM
 * or SSH). Dates leave as epoch ms so neither PowerShell's date format reaches the parser.
 * Windows Update is asked for its cached results only (Online = false), inside a job that is
 * abandoned after 120 s; nothing is scanned, downloaded or installed.
 */
export const windowsProbeScript = String.raw`# Switchboard inventory probe. Read-only: it installs, scans and writes nothing. Every
# section is one ConvertTo-Json document framed by markers that carry an exit status.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# UTF-8 without BOM so accented user names survive; a host without a console refuses, harmlessly.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }

function ConvertTo-SbEpochMs($Value) {
  if ($null -eq $Value) { return $null }
  $epoch = New-Object DateTime 1970, 1, 1, 0, 0, 0, ([DateTimeKind]::Utc)
  [long](([DateTime]$Value).ToUniversalTime() - $epoch).TotalMilliseconds
}

# Output goes through the pipeline, not [Console], so it survives both WinRS and PSRP hosts.
function Write-SbSection([string]$Name, [scriptblock]$Body) {
  $code = 0
  $json = ''
  try {
    $value = & $Body
    if ($null -ne $value) { $json = ConvertTo-Json -InputObject $value -Depth 4 -Compress }
  } catch {
    $code = 1
    $json = ConvertTo-Json -InputObject @{ error = $_.Exception.Message } -Compress
  }
  "@@SWITCHBOARD:$($Name)@@"
  $json
  "@@END:$($Name):$($code)@@"
}

Write-SbSection 'os' {
  Get-CimInstance Win32_OperatingSystem | Select-Object Caption, Version, BuildNumber, OSArchitecture,
    @{ n = 'LastBootUpTime'; e = { ConvertTo-SbEpochMs $_.LastBootUpTime } },
    @{ n = 'LocalDateTime'; e = { ConvertTo-SbEpochMs $_.LocalDateTime } }
}
Write-SbSection 'os-version' {
  Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' |
    Select-Object ProductName, DisplayVersion, ReleaseId, CurrentBuild, UBR
}
Write-SbSection 'computer' {
  Get-CimInstance Win32_ComputerSystem |
    Select-Object Name, DNSHostName, Domain, PartOfDomain, Manufacturer, Model, TotalPhysicalMemory
}
Write-SbSection 'memory' {
  $installed = (Get-CimInstance Win32_PhysicalMemory | Measure-Object -Property Capacity -Sum).Sum
  [pscustomobject]@{ InstalledBytes = $installed }
}
Write-SbSection 'bios' {
  Get-CimInstance Win32_BIOS | Select-Object Manufacturer, SerialNumber, SMBIOSBIOSVersion
}
Write-SbSection 'enclosure' {
  Get-CimInstance Win32_SystemEnclosure | Select-Object SMBIOSAssetTag, SerialNumber
}
Write-SbSection 'cpu' {
  Get-CimInstance Win32_Processor |
    Select-Object Name, NumberOfCores, NumberOfLogicalProcessors, Architecture
}
Write-SbSection 'disks' {
  Get-CimInstance Win32_LogicalDisk -Filter 'DriveType=3' |
    Select-Object DeviceID, FileSystem, Size, FreeSpace, VolumeName
}
Write-SbSection 'network' {
  $names = @{}
  Get-CimInstance Win32_NetworkAdapter | ForEach-Object { $names[[string]$_.DeviceID] = $_.NetConnectionID }
  Get-CimInstance Win32_NetworkAdapterConfiguration -Filter 'IPEnabled=True' | ForEach-Object {
    [pscustomobject]@{
      Name = $names[[string]$_.Index]
      Description = $_.Description
      MACAddress = $_.MACAddress
      IPAddress = $_.IPAddress
    }
  }
}
Write-SbSection 'users' {
  Get-CimInstance Win32_Process -Filter "Name='explorer.exe'" | ForEach-Object {
    $owner = Invoke-CimMethod -InputObject $_ -MethodName GetOwner
    if ($owner.User) { '{0}\{1}' -f $owner.Domain, $owner.User }
  } | Sort-Object -Unique
}
Write-SbSection 'defender' {
  Get-MpComputerStatus | Select-Object AMServiceEnabled, AntivirusEnabled, RealTimeProtectionEnabled,
    AntivirusSignatureAge, AntivirusSignatureVersion, AMProductVersion, AMRunningMode,
    DefenderSignaturesOutOfDate,
    @{ n = 'AntivirusSignatureLastUpdated'; e = { ConvertTo-SbEpochMs $_.AntivirusSignatureLastUpdated } }
}
Write-SbSection 'reboot' {
  $renames = Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue
  [pscustomobject]@{
    ComponentBasedServicing = Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing\RebootPending'
    WindowsUpdate = Test-Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
    PendingFileRename = $null -ne $renames
  }
}
Write-SbSection 'hotfix' {
  $latest = Get-HotFix | Where-Object { $_.InstalledOn } | Sort-Object InstalledOn -Descending | Select-Object -First 1
  if ($latest) {
    [pscustomobject]@{ HotFixID = $latest.HotFixID; InstalledOn = ConvertTo-SbEpochMs $latest.InstalledOn }
  }
}
Write-SbSection 'windows-update' {
  $job = Start-Job {
    $searcher = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
    $searcher.Online = $false
    $result = $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
    $security = 0
    foreach ($update in $result.Updates) {
      foreach ($category in $update.Categories) {
        if ($category.CategoryID -eq '0fa1201d-4330-4fa8-8ae9-b877473b6441') { $security++; break }
      }
    }
    [pscustomobject]@{ Pending = $result.Updates.Count; Security = $security }
  }
  if (-not (Wait-Job $job -Timeout 120)) {
    Remove-Job $job -Force
    throw 'The Windows Update search timed out after 120 s.'
  }
  Receive-Job $job | Select-Object Pending, Security
  Remove-Job $job -Force
}
`

/** A section's JSON text, or undefined after noting why (including the script's own error). */
function readJson<T>(
  split: SplitSections,
  problems: string[],
  name: string,
  label: string,
  parse: (body: string) => T | undefined,
  optional = false,
): T | undefined {
  const section = split.sections.get(name)
  if (section?.complete && section.exitCode !== undefined && section.exitCode !== 0) {
    if (!optional) {
      const why = parseSectionError(section.body) ?? describeExit(section.exitCode)
      problems.push(`${label}: ${why.replace(/[.\s]+$/, '')}.`)
    }
    return undefined
  }
  return readSection(split, problems, name, label, parse, { optional })
}

/** Turns the Windows probe's output into facts, listing what could not be learned. */
export function parseWindowsProbe(output: string): ProbeResult {
  const split = splitSections(output)
  const problems = [...split.problems]
  const facts: InventoryFacts = {}
  if (split.sections.size === 0) return { facts, problems: [...problems, noSectionsProblem] }
  const read = <T>(
    name: string,
    label: string,
    parse: (body: string) => T | undefined,
    optional = false,
  ): T | undefined => readJson(split, problems, name, label, parse, optional)

  const os = read('os', 'Operating system (Win32_OperatingSystem)', parseWin32OperatingSystem)
  const current = read('os-version', 'Windows version (registry)', parseWindowsCurrentVersion)
  const computer = read('computer', 'Computer (Win32_ComputerSystem)', parseWin32ComputerSystem)
  const cpu = read('cpu', 'CPU (Win32_Processor)', parseWin32Processor)
  facts.os = windowsOsFacts(os, current, cpu?.architectureCode)
  facts.hostname = computer?.hostname
  facts.fqdn = computer?.fqdn
  if (cpu) facts.cpu = compact({ model: cpu.model, cores: cpu.cores, threads: cpu.threads })
  facts.memoryBytes =
    read('memory', 'Installed memory (Win32_PhysicalMemory)', parseInstalledMemory, true) ??
    computer?.totalPhysicalMemory

  const bios = split.sections.get('bios')
  const enclosure = split.sections.get('enclosure')
  const firmware = read('bios', 'Firmware (Win32_BIOS)', (body) =>
    parseWin32Bios(body, enclosure?.complete && enclosure.exitCode === 0 ? enclosure.body : ''),
  )
  if (bios || computer) {
    facts.hardware = compact({
      manufacturer: computer?.manufacturer,
      model: computer?.model,
      ...firmware,
    })
  }
  facts.disks = read('disks', 'Disks (Win32_LogicalDisk)', parseWin32LogicalDisk)
  facts.interfaces = read(
    'network',
    'Network interfaces (Win32_NetworkAdapterConfiguration)',
    parseWin32NetworkAdapterConfiguration,
  )
  facts.loggedInUsers = read(
    'users',
    'Logged-in users (explorer.exe owners)',
    parseInteractiveUsers,
  )
  facts.lastBootAt = os?.lastBootAt
  if (os?.lastBootAt !== undefined && os.now !== undefined && os.now >= os.lastBootAt) {
    facts.uptimeSeconds = Math.floor((os.now - os.lastBootAt) / 1000)
  }
  facts.antivirus = read(
    'defender',
    'Microsoft Defender (Get-MpComputerStatus)',
    parseDefenderStatus,
  )
  facts.rebootRequired = read('reboot', 'Reboot required (registry)', parseRebootPending)
  const updates = read(
    'windows-update',
    'Pending updates (Windows Update)',
    parseWindowsUpdateSearch,
  )
  if (updates) {
    const lastPatchedAt = read('hotfix', 'Last hotfix (Get-HotFix)', parseLastHotFix, true)
    facts.patches = {
      manager: 'windows-update',
      ...updates,
      ...(lastPatchedAt === undefined ? {} : { lastPatchedAt }),
    }
  }
  return { facts: compact(facts) ?? {}, problems }
}
