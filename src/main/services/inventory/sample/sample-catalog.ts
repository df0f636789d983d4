/**
 * The vocabulary of the sample workspace: industries an MSP serves, where their offices are,
 * and the hardware, operating systems and tools their devices really run. Serial and MAC
 * formats follow each vendor's pattern; all addresses are private or documentation ranges.
 */
import type { DeviceRole } from '../../../../shared/contract'

/** A kind of client, with how it names itself and what its fleet looks like. */
export interface Industry {
  key: string
  names: readonly string[]
  /** Relative fleet size. */
  size: number
  /** Share of roles among devices. */
  roles: ReadonlyArray<readonly [DeviceRole, number]>
  /** Share of Macs among workstations. */
  macShare: number
  departments: readonly string[]
}

// {S} surname, {P} place, {A} adjective.
export const INDUSTRIES: readonly Industry[] = [
  {
    key: 'dental',
    names: ['{S} Family Dental', '{A} Smile Dental', '{P} Dental Group', '{S} Orthodontics'],
    size: 0.5,
    roles: [
      ['workstation', 68],
      ['server', 5],
      ['printer', 15],
      ['network', 10],
      ['other', 2],
    ],
    macShare: 0.05,
    departments: ['Front Desk', 'Operatory', 'Imaging', 'Billing'],
  },
  {
    key: 'law',
    names: ['{S} & {S} LLP', '{S} Law Group', '{S}, {S} & {S}', '{S} Legal'],
    size: 1,
    roles: [
      ['workstation', 75],
      ['server', 7],
      ['printer', 10],
      ['network', 8],
    ],
    macShare: 0.12,
    departments: ['Litigation', 'Corporate', 'Paralegals', 'Records', 'Reception'],
  },
  {
    key: 'manufacturing',
    names: [
      '{P} Precision Manufacturing',
      '{S} Tool & Die',
      '{A} Plastics',
      '{P} Metalworks',
      '{S} Industrial',
    ],
    size: 2.5,
    roles: [
      ['workstation', 62],
      ['server', 12],
      ['printer', 8],
      ['network', 14],
      ['other', 4],
    ],
    macShare: 0.02,
    departments: ['Shop Floor', 'Engineering', 'Quality', 'Shipping', 'Office'],
  },
  {
    key: 'accounting',
    names: ['{S} CPA Group', '{S} & Co. Accountants', '{P} Tax Advisors'],
    size: 0.8,
    roles: [
      ['workstation', 78],
      ['server', 6],
      ['printer', 9],
      ['network', 7],
    ],
    macShare: 0.08,
    departments: ['Tax', 'Audit', 'Payroll', 'Admin'],
  },
  {
    key: 'medical',
    names: ['{P} Family Medicine', '{P} Pediatrics', '{S} Medical Associates'],
    size: 1.2,
    roles: [
      ['workstation', 70],
      ['server', 6],
      ['printer', 12],
      ['network', 9],
      ['other', 3],
    ],
    macShare: 0.04,
    departments: ['Clinical', 'Reception', 'Billing', 'Lab'],
  },
  {
    key: 'veterinary',
    names: ['{P} Animal Hospital', '{A} Paws Veterinary', '{S} Veterinary Clinic'],
    size: 0.5,
    roles: [
      ['workstation', 70],
      ['server', 5],
      ['printer', 14],
      ['network', 11],
    ],
    macShare: 0.06,
    departments: ['Exam Rooms', 'Surgery', 'Reception'],
  },
  {
    key: 'architecture',
    names: ['{S} Architects', '{A} Design Studio', '{S} + {S} Architecture'],
    size: 0.7,
    roles: [
      ['workstation', 78],
      ['server', 6],
      ['printer', 9],
      ['network', 7],
    ],
    macShare: 0.45,
    departments: ['Design', 'CAD', 'Admin'],
  },
  {
    key: 'nonprofit',
    names: ['{P} Food Bank', '{P} Community Foundation', '{A} Futures Trust'],
    size: 0.6,
    roles: [
      ['workstation', 74],
      ['server', 4],
      ['printer', 12],
      ['network', 10],
    ],
    macShare: 0.15,
    departments: ['Programs', 'Development', 'Volunteers', 'Finance'],
  },
  {
    key: 'realestate',
    names: ['{S} Realty', '{P} Property Management', '{A} Key Real Estate'],
    size: 0.6,
    roles: [
      ['workstation', 76],
      ['server', 3],
      ['printer', 11],
      ['network', 10],
    ],
    macShare: 0.3,
    departments: ['Agents', 'Leasing', 'Maintenance', 'Office'],
  },
  {
    key: 'construction',
    names: ['{S} Construction', '{P} Builders', '{S} & Sons Contracting'],
    size: 1.3,
    roles: [
      ['workstation', 70],
      ['server', 8],
      ['printer', 9],
      ['network', 11],
      ['other', 2],
    ],
    macShare: 0.05,
    departments: ['Estimating', 'Project Management', 'Field', 'Office'],
  },
  {
    key: 'logistics',
    names: ['{P} Freight & Logistics', '{S} Transport', '{A} Line Logistics'],
    size: 1.8,
    roles: [
      ['workstation', 64],
      ['server', 11],
      ['printer', 10],
      ['network', 13],
      ['other', 2],
    ],
    macShare: 0.03,
    departments: ['Dispatch', 'Warehouse', 'Customs', 'Office'],
  },
  {
    key: 'school',
    names: ['St. {S} Academy', '{P} Montessori School', '{P} Christian School'],
    size: 1.5,
    roles: [
      ['workstation', 80],
      ['server', 4],
      ['printer', 7],
      ['network', 9],
    ],
    macShare: 0.25,
    departments: ['Classrooms', 'Library', 'Administration', 'Computer Lab'],
  },
]

/** Family names for client names and users, from many origins as real client lists have. */
export const SURNAMES = [
  'Anderson',
  'Baker',
  'Bennett',
  'Brooks',
  'Carter',
  'Chen',
  'Collins',
  'Delgado',
  'Dubois',
  'Ellison',
  'Fischer',
  'Foster',
  'Garcia',
  'Goldberg',
  'Hartmann',
  'Hayes',
  'Hughes',
  'Ibrahim',
  'Jensen',
  'Kaplan',
  'Kowalski',
  'Lambert',
  'Lindqvist',
  'Marshall',
  'Martinez',
  'McAllister',
  'Moreau',
  'Nakamura',
  'Novak',
  'O’Brien',
  'Okafor',
  'Patel',
  'Peterson',
  'Quinn',
  'Ramirez',
  'Reyes',
  'Richter',
  'Rossi',
  'Schneider',
  'Shapiro',
  'Sullivan',
  'Tanaka',
  'Thompson',
  'Vargas',
  'Walsh',
  'Weber',
  'Whitaker',
  'Young',
  'Zimmerman',
]

/** Words small businesses put in their names. */
export const ADJECTIVES = [
  'Bright',
  'Blue Ridge',
  'Cedar',
  'Clear',
  'Golden',
  'Harbor',
  'Keystone',
  'Lakeside',
  'Maple',
  'Northstar',
  'Pinnacle',
  'Redwood',
  'Silverline',
  'Summit',
  'True North',
  'Evergreen',
  'Granite',
  'Meridian',
]

/** Given names for user accounts. */
export const FIRST_NAMES = [
  'Aisha',
  'Alex',
  'Ana',
  'Ben',
  'Carla',
  'Chris',
  'Dana',
  'David',
  'Elena',
  'Emma',
  'Farah',
  'Grace',
  'Hannah',
  'Ivan',
  'Jamal',
  'Jana',
  'Jordan',
  'Julia',
  'Kai',
  'Laura',
  'Leo',
  'Lukas',
  'Maria',
  'Mark',
  'Mia',
  'Nina',
  'Noah',
  'Olivia',
  'Omar',
  'Priya',
  'Rafael',
  'Rosa',
  'Sam',
  'Sara',
  'Sofia',
  'Tom',
  'Victor',
  'Yuki',
  'Zoe',
]

/** A city with its IANA zone; multi-site clients stay mostly within a region. */
export interface City {
  name: string
  region: 'us' | 'ca' | 'uk' | 'eu' | 'au'
  timeZone: string
  streets: readonly string[]
  postcode: () => string
}

/** A downtown five-digit ZIP: the city's three-digit area prefix and 01 (02101 for Boston). */
const usZip = (prefix: string) => () => `${prefix}01`
/** Office locations, each in its IANA time zone. */
export const CITIES: readonly City[] = [
  {
    name: 'Boston, MA',
    region: 'us',
    timeZone: 'America/New_York',
    streets: ['Boylston St', 'Tremont St', 'Atlantic Ave', 'Cambridge St'],
    postcode: usZip('021'),
  },
  {
    name: 'Philadelphia, PA',
    region: 'us',
    timeZone: 'America/New_York',
    streets: ['Market St', 'Chestnut St', 'Walnut St', 'Spring Garden St'],
    postcode: usZip('191'),
  },
  {
    name: 'Atlanta, GA',
    region: 'us',
    timeZone: 'America/New_York',
    streets: ['Peachtree St NE', 'Spring St NW', 'Ponce de Leon Ave'],
    postcode: usZip('303'),
  },
  {
    name: 'Chicago, IL',
    region: 'us',
    timeZone: 'America/Chicago',
    streets: ['W Madison St', 'N Clark St', 'S Wabash Ave', 'W Fulton Market'],
    postcode: usZip('606'),
  },
  {
    name: 'Dallas, TX',
    region: 'us',
    timeZone: 'America/Chicago',
    streets: ['Elm St', 'McKinney Ave', 'Commerce St', 'Ross Ave'],
    postcode: usZip('752'),
  },
  {
    name: 'Minneapolis, MN',
    region: 'us',
    timeZone: 'America/Chicago',
    streets: ['Nicollet Mall', 'Hennepin Ave', 'Washington Ave S'],
    postcode: usZip('554'),
  },
  {
    name: 'Denver, CO',
    region: 'us',
    timeZone: 'America/Denver',
    streets: ['Larimer St', 'Blake St', 'Colfax Ave', 'Broadway'],
    postcode: usZip('802'),
  },
  {
    name: 'Phoenix, AZ',
    region: 'us',
    timeZone: 'America/Phoenix',
    streets: ['E Camelback Rd', 'N Central Ave', 'W Washington St'],
    postcode: usZip('850'),
  },
  {
    name: 'Seattle, WA',
    region: 'us',
    timeZone: 'America/Los_Angeles',
    streets: ['Pike St', '1st Ave', 'Westlake Ave N', 'Rainier Ave S'],
    postcode: usZip('981'),
  },
  {
    name: 'San Diego, CA',
    region: 'us',
    timeZone: 'America/Los_Angeles',
    streets: ['Harbor Dr', 'El Cajon Blvd', 'Mission Blvd'],
    postcode: usZip('921'),
  },
  {
    name: 'Toronto, ON',
    region: 'ca',
    timeZone: 'America/Toronto',
    streets: ['King St W', 'Queen St E', 'Yonge St', 'Spadina Ave'],
    postcode: () => 'M5V',
  },
  {
    name: 'Vancouver, BC',
    region: 'ca',
    timeZone: 'America/Vancouver',
    streets: ['Granville St', 'W Broadway', 'Main St'],
    postcode: () => 'V6B',
  },
  {
    name: 'London',
    region: 'uk',
    timeZone: 'Europe/London',
    streets: ['Old Street', 'Farringdon Road', 'Borough High Street', 'Upper Street'],
    postcode: () => 'EC1V',
  },
  {
    name: 'Manchester',
    region: 'uk',
    timeZone: 'Europe/London',
    streets: ['Deansgate', 'Oxford Road', 'Portland Street'],
    postcode: () => 'M1',
  },
  {
    name: 'Berlin',
    region: 'eu',
    timeZone: 'Europe/Berlin',
    streets: ['Friedrichstraße', 'Torstraße', 'Kastanienallee', 'Oranienstraße'],
    postcode: () => '10115',
  },
  {
    name: 'Amsterdam',
    region: 'eu',
    timeZone: 'Europe/Amsterdam',
    streets: ['Herengracht', 'Damrak', 'Overtoom'],
    postcode: () => '1016',
  },
  {
    name: 'Sydney, NSW',
    region: 'au',
    timeZone: 'Australia/Sydney',
    streets: ['George St', 'Pitt St', 'Crown St'],
    postcode: () => '2000',
  },
]

/** A hardware line: who makes it, its models, and how its serials and MACs look. */
export interface HardwareLine {
  manufacturer: string
  models: readonly string[]
  serial: 'dell' | 'lenovo' | 'hp' | 'apple' | 'cisco' | 'ubiquiti' | 'brother' | 'hpe'
  oui: readonly string[]
}

/** Business desktops and laptops. */
export const WORKSTATION_HARDWARE: readonly HardwareLine[] = [
  {
    manufacturer: 'Dell Inc.',
    models: ['OptiPlex 7090', 'OptiPlex 7010', 'Latitude 5440', 'Latitude 7420', 'Precision 3660'],
    serial: 'dell',
    oui: ['f8:bc:12', 'b0:7b:25', '18:66:da'],
  },
  {
    manufacturer: 'LENOVO',
    models: ['ThinkPad T14 Gen 3', 'ThinkPad X1 Carbon Gen 11', 'ThinkCentre M70q Gen 4'],
    serial: 'lenovo',
    oui: ['8c:16:45', '54:e1:ad', 'e8:6a:64'],
  },
  {
    manufacturer: 'HP',
    models: ['EliteDesk 800 G6', 'ProBook 450 G9', 'EliteBook 840 G8', 'Z2 G9 Tower'],
    serial: 'hp',
    oui: ['3c:52:82', '10:e7:c6', '6c:02:e0'],
  },
]

/** Apple machines, for the share of Mac users. */
export const MAC_HARDWARE: HardwareLine = {
  manufacturer: 'Apple Inc.',
  models: ['MacBook Pro (14-inch, 2023)', 'MacBook Air (M2, 2022)', 'iMac (24-inch, M3, 2023)'],
  serial: 'apple',
  oui: ['a4:83:e7', 'f0:18:98', '3c:22:fb'],
}

/** Rack and tower servers, and the VMs that run on them. */
export const SERVER_HARDWARE: readonly HardwareLine[] = [
  {
    manufacturer: 'Dell Inc.',
    models: ['PowerEdge R740', 'PowerEdge R650', 'PowerEdge T550'],
    serial: 'dell',
    oui: ['b0:26:28', '24:6e:96'],
  },
  {
    manufacturer: 'HPE',
    models: ['ProLiant DL380 Gen10', 'ProLiant ML350 Gen10', 'ProLiant DL360 Gen11'],
    serial: 'hpe',
    oui: ['94:40:c9', '48:df:37'],
  },
  {
    manufacturer: 'VMware, Inc.',
    models: ['VMware Virtual Platform', 'VMware7,1'],
    serial: 'dell',
    oui: ['00:50:56'],
  },
]

/** Switches, firewalls and access points. */
export const NETWORK_HARDWARE: readonly HardwareLine[] = [
  {
    manufacturer: 'Cisco',
    models: ['Catalyst 9200L-24P', 'Catalyst 1000-48P', 'Meraki MX68'],
    serial: 'cisco',
    oui: ['00:1b:54', '70:db:98'],
  },
  {
    manufacturer: 'Ubiquiti',
    models: ['UniFi Switch Pro 24 PoE', 'UniFi Dream Machine Pro', 'UniFi U6 Pro'],
    serial: 'ubiquiti',
    oui: ['24:5a:4c', '74:83:c2'],
  },
  {
    manufacturer: 'Fortinet',
    models: ['FortiGate 60F', 'FortiGate 100F'],
    serial: 'cisco',
    oui: ['00:09:0f'],
  },
]

/** Office printers and multifunction devices. */
export const PRINTER_HARDWARE: readonly HardwareLine[] = [
  {
    manufacturer: 'HP',
    models: ['LaserJet Pro M404dn', 'Color LaserJet Pro MFP M479fdw', 'LaserJet Enterprise M611'],
    serial: 'hp',
    oui: ['a0:d3:c1', '6c:c2:17'],
  },
  {
    manufacturer: 'Brother',
    models: ['MFC-L8900CDW', 'HL-L6200DW', 'MFC-L5850DW'],
    serial: 'brother',
    oui: ['00:80:77', '30:05:5c'],
  },
  {
    manufacturer: 'Ricoh',
    models: ['IM C3000', 'SP 5300DN'],
    serial: 'brother',
    oui: ['00:26:73'],
  },
]

/** Storage and power devices that still need tracking. */
export const OTHER_HARDWARE: readonly HardwareLine[] = [
  {
    manufacturer: 'Synology',
    models: ['DS920+', 'RS1221+'],
    serial: 'brother',
    oui: ['00:11:32'],
  },
  {
    manufacturer: 'APC',
    models: ['Smart-UPS 1500', 'Smart-UPS SRT 3000'],
    serial: 'brother',
    oui: ['00:c0:b7'],
  },
]

/** One operating system release with what RMMs show about it. */
export interface OsRelease {
  family: 'windows' | 'linux' | 'macos' | 'other'
  name: string
  version: string
  builds: readonly string[]
  kernel: (build: string) => string
  weight: number
}

const ntKernel = (build: string): string => `10.0.${build}`

/** Desktop operating systems, weighted as fleets run them today. */
export const WINDOWS_WORKSTATION: readonly OsRelease[] = [
  {
    family: 'windows',
    name: 'Microsoft Windows 11 Pro',
    version: '23H2',
    builds: ['22631.3447', '22631.3880', '22631.4317'],
    kernel: ntKernel,
    weight: 40,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows 11 Pro',
    version: '24H2',
    builds: ['26100.2033', '26100.2314'],
    kernel: ntKernel,
    weight: 15,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows 11 Enterprise',
    version: '22H2',
    builds: ['22621.3447', '22621.4317'],
    kernel: ntKernel,
    weight: 8,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows 10 Pro',
    version: '22H2',
    builds: ['19045.4291', '19045.4651', '19045.5011'],
    kernel: ntKernel,
    weight: 30,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows 10 Enterprise',
    version: '21H2',
    builds: ['19044.3086'],
    kernel: ntKernel,
    weight: 4,
  },
  {
    family: 'linux',
    name: 'Ubuntu 22.04.4 LTS',
    version: '22.04',
    builds: [''],
    kernel: () => '6.5.0-28-generic',
    weight: 3,
  },
]

/** Recent macOS releases. */
export const MACOS: readonly OsRelease[] = [
  {
    family: 'macos',
    name: 'macOS',
    version: '14.4.1',
    builds: ['23E224'],
    kernel: () => '23.4.0',
    weight: 40,
  },
  {
    family: 'macos',
    name: 'macOS',
    version: '15.1',
    builds: ['24B83'],
    kernel: () => '24.1.0',
    weight: 30,
  },
  {
    family: 'macos',
    name: 'macOS',
    version: '13.6.6',
    builds: ['22G630'],
    kernel: () => '22.6.0',
    weight: 30,
  },
]

/** Server operating systems, weighted as SMB fleets run them. */
export const SERVER_OS: readonly OsRelease[] = [
  {
    family: 'windows',
    name: 'Microsoft Windows Server 2022 Standard',
    version: '21H2',
    builds: ['20348.2402', '20348.2762'],
    kernel: ntKernel,
    weight: 30,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows Server 2019 Standard',
    version: '1809',
    builds: ['17763.5696', '17763.6414'],
    kernel: ntKernel,
    weight: 25,
  },
  {
    family: 'windows',
    name: 'Microsoft Windows Server 2016 Standard',
    version: '1607',
    builds: ['14393.6897'],
    kernel: ntKernel,
    weight: 8,
  },
  {
    family: 'linux',
    name: 'Ubuntu 22.04.4 LTS',
    version: '22.04',
    builds: [''],
    kernel: () => '5.15.0-105-generic',
    weight: 12,
  },
  {
    family: 'linux',
    name: 'Ubuntu 24.04.1 LTS',
    version: '24.04',
    builds: [''],
    kernel: () => '6.8.0-45-generic',
    weight: 6,
  },
  {
    family: 'linux',
    name: 'Debian GNU/Linux 12 (bookworm)',
    version: '12.7',
    builds: [''],
    kernel: () => '6.1.0-25-amd64',
    weight: 9,
  },
  {
    family: 'linux',
    name: 'Red Hat Enterprise Linux 9.4 (Plow)',
    version: '9.4',
    builds: [''],
    kernel: () => '5.14.0-427.13.1.el9_4.x86_64',
    weight: 6,
  },
  {
    family: 'linux',
    name: 'Red Hat Enterprise Linux 8.9 (Ootpa)',
    version: '8.9',
    builds: [''],
    kernel: () => '4.18.0-513.24.1.el8_9.x86_64',
    weight: 4,
  },
]

/** Firmware of the network devices. */
export const NETWORK_OS: readonly OsRelease[] = [
  {
    family: 'other',
    name: 'Cisco IOS XE',
    version: '17.9.4a',
    builds: [''],
    kernel: () => '',
    weight: 40,
  },
  {
    family: 'other',
    name: 'UniFi OS',
    version: '3.2.12',
    builds: [''],
    kernel: () => '',
    weight: 35,
  },
  {
    family: 'other',
    name: 'FortiOS',
    version: '7.2.8',
    builds: ['1639'],
    kernel: () => '',
    weight: 25,
  },
]

/** Workstation processors: model, cores, threads. */
export const WORKSTATION_CPUS = [
  ['Intel(R) Core(TM) i5-10500 CPU @ 3.10GHz', 6, 12],
  ['Intel(R) Core(TM) i7-1185G7 @ 3.00GHz', 4, 8],
  ['13th Gen Intel(R) Core(TM) i5-1345U', 10, 12],
  ['12th Gen Intel(R) Core(TM) i7-12700', 12, 20],
  ['AMD Ryzen 7 PRO 5850U with Radeon Graphics', 8, 16],
] as const

/** Server processors: model, cores, threads. */
export const SERVER_CPUS = [
  ['Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz', 12, 24],
  ['Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', 32, 64],
  ['Intel(R) Xeon(R) E-2378 CPU @ 2.60GHz', 8, 16],
  ['AMD EPYC 7313P 16-Core Processor', 16, 32],
] as const

/** Apple silicon: model, cores, threads. */
export const MAC_CPUS = [
  ['Apple M2', 8, 8],
  ['Apple M3 Pro', 12, 12],
  ['Apple M1 Pro', 10, 10],
] as const

/** Antivirus and EDR products MSPs deploy. */
export const AV_PRODUCTS = [
  'Microsoft Defender Antivirus',
  'SentinelOne',
  'CrowdStrike Falcon',
  'Sophos Intercept X',
  'ESET Endpoint Security',
  'Bitdefender GravityZone',
]

/** Server backup products MSPs deploy. */
export const BACKUP_PRODUCTS = [
  'Veeam Backup & Replication',
  'Datto SIRIS',
  'Acronis Cyber Protect',
  'Synology Active Backup',
  'Axcient x360Recover',
]

/** Endpoint backup products. */
export const WORKSTATION_BACKUP = ['Acronis Cyber Protect', 'Datto Endpoint Backup', 'Veeam Agent']

/** Tags technicians put on devices. */
export const TAGS = [
  'vip',
  'kiosk',
  'loaner',
  'critical',
  'finance',
  'reception',
  'cad',
  'remote',
  'shared',
  'byod',
  'legacy',
  'hyper-v',
]

/** Server name stems by function (DC01, FS01, SQL01, ...). */
export const SERVER_NAMES = ['DC', 'FS', 'APP', 'SQL', 'HV', 'RDS', 'PRINT', 'BKP', 'WEB', 'ERP']

const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'
const digits = '0123456789'

/** A serial in the format the vendor prints on its labels. */
export function serialFor(
  format: HardwareLine['serial'],
  draw: (alphabet: string, count: number) => string,
  pick: (items: readonly string[]) => string,
): string {
  switch (format) {
    case 'dell':
      return draw(alnum, 7)
    case 'lenovo':
      return pick(['PF', 'PC', 'MJ', 'R9']) + draw(alnum, 6)
    case 'hp':
      return pick(['5CG', '2UA', 'MXL', 'CZC', 'VNB']) + draw(digits, 4) + draw(alnum, 3)
    case 'apple':
      return pick(['C02', 'FVF', 'H4T']) + draw(alnum, 9)
    case 'cisco':
      return pick(['FOC', 'FCW', 'FGT60F']) + draw(digits, 4) + draw(alnum, 4)
    case 'ubiquiti':
      return draw('0123456789ABCDEF', 12)
    case 'brother':
      return pick(['U64', 'E78', 'J7F']) + draw(digits, 6) + draw(alnum, 3)
    case 'hpe':
      return pick(['CZJ', 'MXQ', '2M2']) + draw(digits, 4) + draw(alnum, 3)
  }
}
