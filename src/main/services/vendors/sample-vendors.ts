/**
 * The sample workspace's vendors: the ISPs, makers and software a small-business fleet really
 * depends on, with support lines, hours in each vendor's own zone, escalation paths and
 * contacts, and each sample client's accounts: one ISP line, Microsoft 365 seats for its
 * workstations, and a support contract with each maker of its devices. Numbers are the
 * reserved 555-01xx range; people and accounts are made up.
 */
import type Database from 'better-sqlite3'
import { mulberry32 } from '../../../shared/base/seeded-random'
import type { BusinessHours } from '../../../shared/domain/sla/business-hours'
import type {
  EscalationTier,
  SupportLine,
  VendorCategory,
  VendorContactFields,
} from '../../../shared/domain/vendors'
import { timeOrderedId } from '../../base/time-ordered-id'

interface SampleVendor {
  name: string
  category: VendorCategory
  website: string
  portalUrl: string | null
  supportEmail: string | null
  hours: BusinessHours
  phones: SupportLine[]
  escalation: EscalationTier[]
  contacts: VendorContactFields[]
  /** Device manufacturers (as collected) this vendor makes. */
  makes?: string[]
}

const weekdays = (open: string, close: string, timeZone: string): BusinessHours => {
  const day = [{ open, close }]
  return { timeZone, weekly: { mon: day, tue: day, wed: day, thu: day, fri: day } }
}
const allDay = [{ open: '00:00', close: '24:00' }]
const aroundTheClock = (timeZone: string): BusinessHours => ({
  timeZone,
  weekly: {
    mon: allDay,
    tue: allDay,
    wed: allDay,
    thu: allDay,
    fri: allDay,
    sat: allDay,
    sun: allDay,
  },
})

const contact = (
  name: string,
  role: string,
  phone: string | null,
  email: string | null,
  preferred = false,
): VendorContactFields => ({
  name,
  role,
  phones: phone ? [phone] : [],
  email,
  notes: '',
  preferred,
})

const line = (label: string, number: string, hours: BusinessHours | null = null): SupportLine => ({
  label,
  number,
  hours,
})

const tier = (n: number, name: string, phone: string | null, when: string): EscalationTier => ({
  tier: n,
  name,
  phone,
  email: null,
  when,
})

const ISPS: SampleVendor[] = [
  {
    name: 'Lumen Business',
    category: 'isp',
    website: 'https://www.lumen.com',
    portalUrl: 'https://portal.lumen.com',
    supportEmail: 'repair@lumen.example',
    hours: aroundTheClock('America/Denver'),
    phones: [
      line('Repair (24×7)', '+1 800 555 0101'),
      line('Billing', '+1 800 555 0102', weekdays('08:00', '17:00', 'America/Denver')),
    ],
    escalation: [
      tier(1, 'Repair desk', '+1 800 555 0101', 'Open a ticket; ask for the ticket number'),
      tier(2, 'Duty manager', '+1 800 555 0103', 'No engineer assigned after 2 h'),
      tier(3, 'Account team', '+1 303 555 0104', 'Outage past the contracted restore time'),
    ],
    contacts: [
      contact('Dana Ruiz', 'Account manager', '+1 303 555 0142', 'dana.ruiz@lumen.example', true),
      contact('Marcus Webb', 'Service delivery', '+1 303 555 0143', 'marcus.webb@lumen.example'),
    ],
  },
  {
    name: 'Comcast Business',
    category: 'isp',
    website: 'https://business.comcast.com',
    portalUrl: 'https://business.comcast.com/account',
    supportEmail: null,
    hours: aroundTheClock('America/New_York'),
    phones: [line('Technical support (24×7)', '+1 800 555 0111')],
    escalation: [
      tier(1, 'Business support', '+1 800 555 0111', 'First call'),
      tier(2, 'Enterprise escalations', '+1 800 555 0112', 'Repeat outage within 30 days'),
    ],
    contacts: [
      contact(
        'Priya Natarajan',
        'Account executive',
        '+1 215 555 0117',
        'priya.n@comcast.example',
        true,
      ),
    ],
  },
  {
    name: 'Spectrum Enterprise',
    category: 'isp',
    website: 'https://enterprise.spectrum.com',
    portalUrl: 'https://enterprise.spectrum.com/support',
    supportEmail: 'noc@spectrum.example',
    hours: aroundTheClock('America/Chicago'),
    phones: [line('NOC (24×7)', '+1 888 555 0121')],
    escalation: [tier(1, 'Enterprise NOC', '+1 888 555 0121', 'First call')],
    contacts: [
      contact(
        'Tom Okafor',
        'Sales engineer',
        '+1 312 555 0125',
        'tom.okafor@spectrum.example',
        true,
      ),
    ],
  },
]

const MAKERS: SampleVendor[] = [
  {
    name: 'Dell Technologies',
    category: 'hardware',
    website: 'https://www.dell.com',
    portalUrl: 'https://www.dell.com/support',
    supportEmail: null,
    hours: weekdays('07:00', '20:00', 'America/Chicago'),
    phones: [
      line('ProSupport', '+1 800 555 0131'),
      line('ProSupport Plus (24×7)', '+1 800 555 0132', aroundTheClock('America/Chicago')),
    ],
    escalation: [
      tier(1, 'ProSupport', '+1 800 555 0131', 'Give the service tag'),
      tier(
        2,
        'Technical account manager',
        '+1 512 555 0133',
        'Part not dispatched by next business day',
      ),
    ],
    contacts: [
      contact(
        'Lena Fischer',
        'Technical account manager',
        '+1 512 555 0134',
        'lena.fischer@dell.example',
        true,
      ),
    ],
    makes: ['Dell Inc.'],
  },
  {
    name: 'Lenovo',
    category: 'hardware',
    website: 'https://www.lenovo.com',
    portalUrl: 'https://support.lenovo.com',
    supportEmail: null,
    hours: weekdays('09:00', '18:00', 'America/New_York'),
    phones: [line('Premier Support', '+1 855 555 0141')],
    escalation: [tier(1, 'Premier Support', '+1 855 555 0141', 'Give the serial number')],
    contacts: [],
    makes: ['LENOVO'],
  },
  {
    name: 'HP Inc.',
    category: 'hardware',
    website: 'https://www.hp.com',
    portalUrl: 'https://support.hp.com',
    supportEmail: null,
    hours: weekdays('08:00', '20:00', 'America/Los_Angeles'),
    phones: [line('Care Pack support', '+1 800 555 0151')],
    escalation: [tier(1, 'Care Pack support', '+1 800 555 0151', 'Give the serial number')],
    contacts: [
      contact('Owen Park', 'Partner manager', '+1 650 555 0152', 'owen.park@hp.example', true),
    ],
    makes: ['HP'],
  },
  {
    name: 'Hewlett Packard Enterprise',
    category: 'hardware',
    website: 'https://www.hpe.com',
    portalUrl: 'https://support.hpe.com',
    supportEmail: null,
    hours: aroundTheClock('America/Chicago'),
    phones: [line('Pointnext (24×7)', '+1 800 555 0161')],
    escalation: [
      tier(1, 'Pointnext', '+1 800 555 0161', 'Give the serial and the contract number'),
    ],
    contacts: [],
    makes: ['HPE'],
  },
  {
    name: 'Fortinet',
    category: 'security',
    website: 'https://www.fortinet.com',
    portalUrl: 'https://support.fortinet.com',
    supportEmail: 'support@fortinet.example',
    hours: aroundTheClock('America/Los_Angeles'),
    phones: [line('FortiCare (24×7)', '+1 866 555 0171')],
    escalation: [
      tier(1, 'FortiCare', '+1 866 555 0171', 'Open a ticket with the serial'),
      tier(2, 'TAC duty manager', '+1 408 555 0172', 'P1 without an engineer after 1 h'),
    ],
    contacts: [
      contact(
        'Ana Costa',
        'Channel account manager',
        '+1 408 555 0173',
        'ana.costa@fortinet.example',
        true,
      ),
    ],
    makes: ['Fortinet'],
  },
  {
    name: 'Ubiquiti',
    category: 'hardware',
    website: 'https://www.ui.com',
    portalUrl: 'https://help.ui.com',
    supportEmail: 'support@ui.example',
    hours: weekdays('06:00', '18:00', 'America/New_York'),
    phones: [],
    escalation: [],
    contacts: [],
    makes: ['Ubiquiti'],
  },
  {
    name: 'Synology',
    category: 'hardware',
    website: 'https://www.synology.com',
    portalUrl: 'https://account.synology.com',
    supportEmail: null,
    hours: weekdays('08:00', '17:00', 'America/Los_Angeles'),
    phones: [line('Technical support', '+1 425 555 0181')],
    escalation: [],
    contacts: [],
    makes: ['Synology'],
  },
]

const SOFTWARE: SampleVendor[] = [
  {
    name: 'Microsoft 365',
    category: 'software',
    website: 'https://www.microsoft.com/microsoft-365',
    portalUrl: 'https://admin.microsoft.com',
    supportEmail: null,
    hours: aroundTheClock('America/Los_Angeles'),
    phones: [line('Business support (24×7)', '+1 800 555 0191')],
    escalation: [
      tier(1, 'Admin center service request', null, 'Open it from the admin center'),
      tier(2, 'Partner support', '+1 800 555 0192', 'Severity A without contact in 1 h'),
    ],
    contacts: [],
  },
]

export const SAMPLE_VENDORS: readonly SampleVendor[] = [...ISPS, ...MAKERS, ...SOFTWARE]

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const DAY_MS = 86_400_000

/**
 * Writes the sample vendors and every sample client's accounts, in the caller's transaction.
 * Does nothing when vendors exist (the sample is only ever added to an empty directory).
 */
export function writeSampleVendors(
  db: Database.Database,
  seed: number,
  now: number,
): { vendors: number; accounts: number } {
  if (db.prepare('SELECT EXISTS (SELECT 1 FROM vendors)').pluck().get() === 1) {
    return { vendors: 0, accounts: 0 }
  }
  const random = mulberry32(seed ^ 0x5eed_7e4d)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const insertVendor = db.prepare(
    `INSERT INTO vendors (id, name, category, website, portal_url, support_email, hours, phones,
       escalation, manufacturers, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
  )
  const insertContact = db.prepare(
    `INSERT INTO vendor_contacts (id, vendor_id, name, role, phones, email, notes, preferred,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
  )
  const insertAccount = db.prepare(
    `INSERT INTO client_accounts (id, vendor_id, client_id, account_number, contract_number,
       contract_start, contract_end, renewal_date, sla, circuit_ids, licence_count, notes,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
  )
  const ids = new Map<string, string>()
  for (const vendor of SAMPLE_VENDORS) {
    const id = timeOrderedId(now)
    ids.set(vendor.name, id)
    insertVendor.run(
      id,
      vendor.name,
      vendor.category,
      vendor.website,
      vendor.portalUrl,
      vendor.supportEmail,
      JSON.stringify(vendor.hours),
      JSON.stringify(vendor.phones),
      JSON.stringify(vendor.escalation),
      JSON.stringify(vendor.makes ?? []),
      now,
      now,
    )
    for (const person of vendor.contacts) {
      insertContact.run(
        timeOrderedId(now),
        id,
        person.name,
        person.role,
        JSON.stringify(person.phones),
        person.email,
        person.preferred ? 1 : 0,
        now,
        now,
      )
    }
  }

  const clients = db
    .prepare<[], { id: string; short_code: string }>(
      'SELECT id, short_code FROM clients ORDER BY id',
    )
    .all()
  const makesOf = db
    .prepare<[string], string>(
      'SELECT DISTINCT manufacturer FROM devices WHERE client_id = ? AND manufacturer IS NOT NULL',
    )
    .pluck()
  const workstations = db
    .prepare<[string], number>(
      `SELECT count(*) FROM devices WHERE client_id = ? AND role = 'workstation'`,
    )
    .pluck()
  let accounts = 0
  const account = (
    vendor: string,
    clientId: string,
    fields: {
      account: string
      contract?: string
      months?: number
      sla?: string
      circuits?: string[]
      licences?: number | null
    },
  ): void => {
    // Contracts started up to two years ago, for a term of one to three years: some are due.
    const start = now - Math.floor(random() * 730) * DAY_MS
    const end = fields.months === undefined ? null : start + fields.months * 30 * DAY_MS
    insertAccount.run(
      timeOrderedId(now),
      ids.get(vendor),
      clientId,
      fields.account,
      fields.contract ?? '',
      isoDate(start),
      end === null ? null : isoDate(end),
      end === null ? null : isoDate(end - 60 * DAY_MS),
      fields.sla ?? '',
      JSON.stringify(fields.circuits ?? []),
      fields.licences ?? null,
      now,
      now,
    )
    accounts += 1
  }
  const digits = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(random() * 10)).join('')
  for (const client of clients) {
    const isp = pick(ISPS)
    account(isp.name, client.id, {
      account: `${digits(4)}-${digits(4)}`,
      contract: `MSA-${digits(5)}`,
      months: pick([12, 24, 36]),
      sla: pick(['4 h restore, 24×7', 'Next business day', '8 h restore, business hours']),
      circuits: [`CID ${digits(2)}/KXGS/${digits(6)}`],
    })
    account('Microsoft 365', client.id, {
      account: `${client.short_code.toLowerCase()}.onmicrosoft.com`,
      months: 12,
      licences: Math.max(5, workstations.get(client.id) ?? 0),
    })
    for (const make of makesOf.all(client.id)) {
      const maker = MAKERS.find((m) => m.makes?.includes(make))
      if (!maker) continue
      account(maker.name, client.id, {
        account: `${client.short_code}-${digits(6)}`,
        contract: `SC-${digits(8)}`,
        months: pick([12, 36, 60]),
        sla: pick(['Next business day on-site', '4 h on-site, 24×7', 'Mail-in repair']),
      })
    }
  }
  return { vendors: SAMPLE_VENDORS.length, accounts }
}
