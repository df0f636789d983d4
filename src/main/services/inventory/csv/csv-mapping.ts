/**
 * Matches CSV headers to device fields. Headers are compared without case, spaces or
 * punctuation ("Computer Name", "computer_name" and "COMPUTERNAME" are one), against the names
 * the common RMM and documentation tools export under (Datto RMM, NinjaOne, Tactical RMM,
 * IT Glue, Excel inventories), and against Switchboard's own export.
 */
import type { CsvField, CsvTarget } from '../../../../shared/contract'

const SYNONYMS: Record<CsvField, readonly string[]> = {
  hostname: [
    'hostname',
    'host',
    'computername',
    'computer',
    'devicename',
    'device',
    'machinename',
    'systemname',
    'nodename',
    'name',
    'assetname',
  ],
  client: [
    'client',
    'clientname',
    'customer',
    'customername',
    'company',
    'organization',
    'organisation',
    'account',
    'clientcode',
  ],
  site: ['site', 'sitename', 'location', 'office', 'branch'],
  fqdn: ['fqdn', 'dnsname', 'dnshostname', 'fullyqualifieddomainname'],
  role: ['role', 'type', 'devicetype', 'deviceclass', 'class', 'category'],
  osFamily: ['osfamily', 'platform', 'ostype'],
  osName: ['os', 'osname', 'operatingsystem'],
  osVersion: ['osversion', 'version', 'operatingsystemversion'],
  osBuild: ['osbuild', 'build', 'buildnumber'],
  osArch: ['architecture', 'arch', 'osarchitecture'],
  kernel: ['kernel', 'kernelversion'],
  manufacturer: ['manufacturer', 'make', 'vendor'],
  model: ['model', 'modelname'],
  serial: ['serial', 'serialnumber', 'serialno', 'sn', 'servicetag'],
  assetTag: ['assettag', 'assetnumber', 'assetid'],
  cpuModel: ['cpu', 'cpumodel', 'processor', 'processorname'],
  cpuCores: ['cores', 'cpucores', 'corecount', 'numberofcores'],
  ram: ['ram', 'ramgb', 'memory', 'memorygb', 'totalmemory', 'installedram', 'rambytes'],
  ip: [
    'ip',
    'ipaddress',
    'ipaddresses',
    'ips',
    'localip',
    'ipv4',
    'ipv4address',
    'privateip',
    'lanip',
    'internalip',
  ],
  publicIp: ['publicip', 'externalip', 'wanip', 'publicipaddress'],
  mac: ['mac', 'macaddress', 'macaddresses', 'macs'],
  loggedInUser: ['loggedinuser', 'currentuser', 'user', 'username', 'loggedonuser'],
  lastUser: ['lastuser', 'lastloggedinuser', 'lastloggedonuser', 'lastlogonuser'],
  lastBoot: ['lastboot', 'lastreboot', 'boottime', 'lastboottime'],
  lastSeen: ['lastseen', 'lastcontact', 'lastcheckin', 'lastonline', 'lastseenutc'],
  rebootRequired: ['rebootrequired', 'pendingreboot', 'needsreboot'],
  patchesPending: ['patchespending', 'pendingpatches', 'missingpatches', 'pendingupdates'],
  patchesFailed: ['patchesfailed', 'failedpatches'],
  patchesInstalled: ['patchesinstalled', 'installedpatches'],
  lastPatched: ['lastpatched', 'lastpatchdate', 'lastupdated'],
  avProduct: ['antivirus', 'av', 'avproduct', 'antivirusproduct', 'edr'],
  avStatus: ['avstatus', 'antivirusstatus', 'edrstatus'],
  backupProduct: ['backup', 'backupproduct'],
  backupLastSuccess: [
    'lastbackup',
    'lastbackupsuccess',
    'backuplastsuccess',
    'lastsuccessfulbackup',
  ],
  warrantyEnd: [
    'warranty',
    'warrantyend',
    'warrantyexpiry',
    'warrantyexpiration',
    'warrantyenddate',
    'warrantyexpires',
  ],
  tags: ['tags', 'labels', 'tag'],
  sshHost: ['sshhost', 'sshaddress'],
  sshPort: ['sshport'],
  sshUser: ['sshuser', 'sshusername'],
  winrmUrl: ['winrmurl', 'winrm'],
  notes: ['notes', 'note', 'description', 'comments', 'comment'],
}

// Units and qualifiers in parentheses are part of the match ("RAM (GB)" → ramgb).
const normalise = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '')

const LOOKUP = new Map<string, CsvField>()
for (const [field, names] of Object.entries(SYNONYMS) as Array<[CsvField, readonly string[]]>) {
  for (const name of names) if (!LOOKUP.has(name)) LOOKUP.set(name, field)
}

/** One target per header, each field used at most once (the first matching column wins). */
export function autoMap(headers: readonly string[]): Array<CsvTarget | null> {
  const used = new Set<CsvField>()
  return headers.map((header) => {
    const field = LOOKUP.get(normalise(header))
    if (!field || used.has(field)) return null
    used.add(field)
    return field
  })
}

/** Problems with a mapping the technician chose, or an empty list. */
export function mappingProblems(
  mapping: ReadonlyArray<CsvTarget | null>,
  headers: readonly string[],
): string[] {
  const problems: string[] = []
  if (mapping.length !== headers.length) {
    problems.push(
      `The mapping has ${mapping.length} entries; the file has ${headers.length} columns`,
    )
  }
  const seen = new Map<string, number>()
  mapping.forEach((target, column) => {
    if (target === null) return
    const earlier = seen.get(target)
    if (earlier !== undefined) {
      problems.push(
        `Columns ${earlier + 1} and ${column + 1} both map to ${target}; choose one of them`,
      )
    }
    seen.set(target, column)
  })
  if (!seen.has('hostname')) problems.push('No column is mapped to hostname')
  return problems
}
