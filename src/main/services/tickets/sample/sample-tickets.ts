/**
 * Deterministic sample tickets for the clients, sites and devices already in a store: the
 * everyday work of an MSP service desk (disk space, printers, VPN, new starters, failed
 * backups, patching, phishing reports), most of it done, some of it open, waiting or
 * scheduled, with notes, time entries and status histories that make the SLA clocks show
 * every state. They arrive as server-confirmed tickets (no outbox rows), numbered T-DEMO-….
 * The same seed and store give the same tickets, ids included.
 */
import type Database from 'better-sqlite3'
import {
  formatTicketNumber,
  priorityFromMatrix,
  type ImpactLevel,
  type TicketSnapshot,
  type TicketStatus,
  type TicketTypeName,
  type WorkTypeName,
} from '../../../../shared/domain/tickets'
import { FIRST_NAMES, SURNAMES } from '../../inventory/sample/sample-catalog'
import { Random } from '../../../../shared/base/seeded-random'

/** The number prefix of sample tickets, so they never look like this installation's own. */
export const SAMPLE_PREFIX = 'DEMO'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** What to make, and for whom. */
export interface SampleTicketOptions {
  seed: number
  /** How many tickets. */
  tickets: number
  /** Average notes per ticket (the bench uses 5 for a million notes on 200k tickets). */
  notesPerTicket?: number
  /**
   * Share of tickets still open (the rest are resolved or closed). Default: 30%, but at most
   * 10,000 open tickets: a service desk's open work does not grow with its history.
   */
  openShare?: number
  now: number
  /** The technician of this installation: some open tickets are theirs ("My tickets"). */
  technician: string
}

/** The inventory the tickets refer to. */
export interface SampleInventory {
  clients: Array<{
    id: string
    siteIds: string[]
    devices: Array<{ id: string; hostname: string }>
  }>
}

/** Reads clients, their sites and devices from the store. */
export function readSampleInventory(db: Database.Database): SampleInventory {
  const clients = new Map<string, SampleInventory['clients'][number]>()
  for (const id of db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as string[]) {
    clients.set(id, { id, siteIds: [], devices: [] })
  }
  const sites = db.prepare('SELECT id, client_id FROM sites ORDER BY id').all() as Array<{
    id: string
    client_id: string
  }>
  for (const site of sites) clients.get(site.client_id)?.siteIds.push(site.id)
  const devices = db
    .prepare('SELECT id, hostname, client_id FROM devices ORDER BY seq')
    .all() as Array<{ id: string; hostname: string; client_id: string }>
  for (const device of devices) {
    clients.get(device.client_id)?.devices.push({ id: device.id, hostname: device.hostname })
  }
  return { clients: [...clients.values()] }
}

interface Template {
  subject: string
  description: string
  type: TicketTypeName
  impact: ImpactLevel
  urgency: ImpactLevel
  /** Needs a device in the subject. */
  device: boolean
  work: string[]
}

const TEMPLATES: Template[] = [
  {
    subject: '{host} is almost out of disk space',
    description: 'Monitoring alert: C: below 5% free on {host}. Users report slow logons.',
    type: 'incident',
    impact: 'medium',
    urgency: 'high',
    device: true,
    work: ['Cleared WinSxS and temp folders', 'Moved old IIS logs to the archive share'],
  },
  {
    subject: 'Printer in reception shows paper jam',
    description:
      '{person} says the reception printer reports a jam on tray 2 but nothing is stuck.',
    type: 'incident',
    impact: 'low',
    urgency: 'medium',
    device: false,
    work: ['Cleaned the pickup rollers', 'Ordered a replacement feed roller kit'],
  },
  {
    subject: 'VPN drops every hour for {person}',
    description: 'FortiClient disconnects roughly every 60 minutes when working from home.',
    type: 'incident',
    impact: 'low',
    urgency: 'high',
    device: false,
    work: ['Raised the IKE lifetime on the FortiGate', 'Updated FortiClient to the current build'],
  },
  {
    subject: 'New starter: laptop and accounts for {person}',
    description: 'Starts Monday. Needs a laptop, M365 licence, shared mailbox access and VPN.',
    type: 'service-request',
    impact: 'low',
    urgency: 'medium',
    device: false,
    work: ['Imaged laptop with Autopilot', 'Created accounts and added groups'],
  },
  {
    subject: 'Backup job failed on {host}',
    description:
      'Nightly backup of {host} ended with "VSS snapshot timed out" two nights in a row.',
    type: 'incident',
    impact: 'high',
    urgency: 'medium',
    device: true,
    work: ['Restarted the VSS writers', 'Ran a manual backup, completed successfully'],
  },
  {
    subject: 'Monthly patching: {host}',
    description: 'Apply this month’s security updates and reboot in the maintenance window.',
    type: 'maintenance',
    impact: 'medium',
    urgency: 'low',
    device: true,
    work: ['Installed cumulative update and rebooted', 'Verified services after reboot'],
  },
  {
    subject: 'Outlook keeps asking {person} for a password',
    description: 'Credential prompt every few minutes since the password change on Friday.',
    type: 'incident',
    impact: 'low',
    urgency: 'medium',
    device: false,
    work: ['Cleared cached credentials in Credential Manager', 'Re-created the Outlook profile'],
  },
  {
    subject: 'Phishing email reported by {person}',
    description: 'Invoice-themed email with a link to a fake Microsoft login page.',
    type: 'incident',
    impact: 'medium',
    urgency: 'high',
    device: false,
    work: ['Purged the message from all mailboxes', 'Blocked the sender domain'],
  },
  {
    subject: 'Replace failing disk in {host}',
    description: 'RAID controller reports predictive failure on bay 3 of {host}.',
    type: 'change',
    impact: 'high',
    urgency: 'medium',
    device: true,
    work: ['Hot-swapped the disk in bay 3', 'Array rebuild completed'],
  },
  {
    subject: 'Wi-Fi slow in the meeting room',
    description: 'Video calls stutter in the large meeting room; other rooms are fine.',
    type: 'problem',
    impact: 'medium',
    urgency: 'low',
    device: false,
    work: [
      'Moved the access point to a clean 5 GHz channel',
      'Site survey with the Wi-Fi analyser',
    ],
  },
  {
    subject: 'Access to the finance share for {person}',
    description: 'Manager approved read/write access to \\\\files\\finance.',
    type: 'service-request',
    impact: 'low',
    urgency: 'low',
    device: false,
    work: ['Added the user to the finance group'],
  },
  {
    subject: '{host} restarts randomly',
    description: 'Unexpected shutdowns (Kernel-Power 41) several times a week on {host}.',
    type: 'problem',
    impact: 'medium',
    urgency: 'medium',
    device: true,
    work: ['Updated BIOS and chipset drivers', 'Ran a memory test overnight, no errors'],
  },
  {
    subject: 'Firewall firmware upgrade',
    description: 'Vendor advisory: upgrade the firewall firmware to fix an SSL-VPN vulnerability.',
    type: 'change',
    impact: 'high',
    urgency: 'high',
    device: false,
    work: ['Backed up the configuration', 'Upgraded firmware and tested the VPN'],
  },
  {
    subject: 'Website certificate expires in 10 days',
    description: 'The TLS certificate of the client portal expires soon; renew and deploy.',
    type: 'maintenance',
    impact: 'medium',
    urgency: 'medium',
    device: false,
    work: ['Renewed the certificate', 'Deployed it to the load balancer'],
  },
]

const CUSTOMER_FIRST = [
  'Thanks for reporting this, we are looking into it now.',
  'Hi {person}, we have picked this up and will update you shortly.',
  'Received, a technician is on it.',
]
const PLANS = [
  'Plan: {work}, then confirm with {person}.',
  'Plan: remote session this afternoon; {work}.',
  'Plan: {work} in tonight’s maintenance window.',
]
const INTERNAL = [
  'Checked the event log, nothing obvious before the failure.',
  'Called {person}, no answer, left a voicemail.',
  'Vendor support case opened, waiting for their reply.',
  'Could reproduce it on a second machine.',
  'Same issue as last month, see the linked device history.',
  'Asked {person} for a screenshot of the error.',
  'Remote session: {work}.',
  'Escalated to the network team for a second look.',
]
const CUSTOMER_LATER = [
  'We have applied a fix, can you check whether it works for you now?',
  'Waiting for your confirmation before we close this ticket.',
  'The replacement part is ordered and should arrive on Thursday.',
]
const OTHER_TECHS = ['Sam Rivera', 'Priya Shah', 'Jonas Weber', 'Mei Tanaka']
const WORK_TYPES: WorkTypeName[] = ['remote', 'remote', 'remote', 'phone', 'onsite', 'admin']

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key)

/** Generates `options.tickets` tickets for `inventory`; pure apart from its inputs. */
export function generateSampleTickets(
  inventory: SampleInventory,
  options: SampleTicketOptions,
): Generator<TicketSnapshot> {
  return generate(inventory, options)
}

function* generate(
  inventory: SampleInventory,
  options: SampleTicketOptions,
): Generator<TicketSnapshot> {
  if (inventory.clients.length === 0) return
  const random = new Random(options.seed * 7919 + 17)
  const notesPerTicket = options.notesPerTicket ?? 3
  const openShare = options.openShare ?? Math.min(0.3, 10_000 / Math.max(1, options.tickets))
  const { now } = options
  // UUID-shaped ids that increase in the order they are made, so a load of a million notes
  // appends to the id indexes instead of scattering writes across them.
  let made = 0
  const nextId = (): string => {
    made += 1
    const head = made.toString(16).padStart(12, '0')
    const tail = random.chars('0123456789abcdef', 18)
    return `${head.slice(0, 8)}-${head.slice(8)}-7${tail.slice(0, 3)}-${random.pick(['8', '9', 'a', 'b'])}${tail.slice(3, 6)}-${tail.slice(6)}`
  }
  // Spread creation over time so the newest tickets are the open ones.
  for (let n = 1; n <= options.tickets; n++) {
    const client = random.pick(inventory.clients)
    const template = random.pick(TEMPLATES)
    const device =
      client.devices.length > 0 && (template.device || random.chance(0.3))
        ? random.pick(client.devices)
        : null
    const person = `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`
    const values = {
      host: device?.hostname ?? 'the file server',
      person,
      work: random.pick(template.work).toLowerCase(),
    }
    const open = random.chance(openShare)
    const createdAt = open
      ? now - random.int(10 * MINUTE, 6 * DAY)
      : now - random.int(6 * DAY, 180 * DAY)
    const finalStatus: TicketStatus = open
      ? random.weighted<TicketStatus>([
          ['new', 2],
          ['in-progress', 4],
          ['waiting-customer', 2],
          ['waiting-vendor', 1],
          ['scheduled', 1],
        ])
      : random.weighted<TicketStatus>([
          ['resolved', 1],
          ['closed', 4],
        ])
    const assignee =
      finalStatus === 'new' && random.chance(0.6)
        ? null
        : random.chance(open ? 0.35 : 0.2)
          ? options.technician
          : random.pick(OTHER_TECHS)
    const actor = assignee ?? random.pick(OTHER_TECHS)
    const impact = random.chance(0.8)
      ? template.impact
      : random.pick<ImpactLevel>(['high', 'medium', 'low'])
    const urgency = template.urgency

    // The life of the ticket: each step a little after the one before, never after now.
    let at = createdAt
    const step = (min: number, max: number): number => {
      at = Math.min(now, at + random.int(min, max))
      return at
    }
    const events: TicketSnapshot['events'] = [
      { at: createdAt, actor: 'Service Desk', kind: 'created', field: null, from: null, to: 'new' },
    ]
    const notes: TicketSnapshot['notes'] = []
    const timeEntries: TicketSnapshot['timeEntries'] = []
    let status: TicketStatus = 'new'
    let firstResponseAt: number | null = null
    let resolutionPlanAt: number | null = null
    let resolvedAt: number | null = null
    const move = (to: TicketStatus, when: number) => {
      events.push({ at: when, actor, kind: 'status', field: 'status', from: status, to })
      status = to
    }
    const note = (visibility: 'internal' | 'customer', body: string, isPlan = false) => {
      notes.push({
        id: nextId(),
        visibility,
        isPlan,
        author: actor,
        body: fill(body, values),
        createdAt: at,
      })
    }
    if (finalStatus !== 'new') {
      const responded = step(3 * MINUTE, open ? 3 * HOUR : 6 * HOUR)
      firstResponseAt = responded
      if (assignee !== null) {
        events.push({ at, actor, kind: 'assigned', field: 'assignee', from: null, to: assignee })
      }
      note('customer', random.pick(CUSTOMER_FIRST))
      move('in-progress', responded)
      if (random.chance(0.8) || finalStatus === 'scheduled') {
        step(10 * MINUTE, 4 * HOUR)
        note('internal', random.pick(PLANS), true)
        resolutionPlanAt = at
      }
      const extra = Math.max(0, random.int(0, Math.max(0, 2 * notesPerTicket - 2)) - 1)
      for (let i = 0; i < extra; i++) {
        step(5 * MINUTE, open ? 6 * HOUR : 2 * DAY)
        note(
          random.chance(0.8) ? 'internal' : 'customer',
          random.pick([...INTERNAL, ...CUSTOMER_LATER]),
        )
      }
      const entries = random.int(0, 3)
      for (let i = 0; i < entries; i++) {
        const minutes = random.pick([10, 15, 20, 25, 30, 45, 60, 90])
        const end = step(minutes * MINUTE, minutes * MINUTE + 2 * HOUR)
        timeEntries.push({
          id: nextId(),
          technician: actor,
          startedAt: end - minutes * MINUTE,
          endedAt: end,
          durationMinutes: minutes,
          billable: random.chance(0.85),
          workType: random.pick(WORK_TYPES),
          note: fill(random.pick(template.work), values),
          sessionId: null,
          recordingId: null,
          createdAt: end,
        })
      }
      if (finalStatus === 'scheduled') {
        move('scheduled', step(5 * MINUTE, HOUR))
        resolutionPlanAt ??= at
      } else if (finalStatus === 'waiting-customer' || finalStatus === 'waiting-vendor') {
        note('customer', random.pick(CUSTOMER_LATER))
        move(finalStatus, step(MINUTE, 30 * MINUTE))
      } else if (finalStatus === 'resolved' || finalStatus === 'closed') {
        resolvedAt = step(30 * MINUTE, 3 * DAY)
        resolutionPlanAt ??= resolvedAt
        move('resolved', resolvedAt)
        if (finalStatus === 'closed') move('closed', step(DAY, 3 * DAY))
      }
    }
    const manual = random.chance(0.05)
    const priority = manual
      ? random.pick(['P1', 'P2', 'P3', 'P4'] as const)
      : priorityFromMatrix(impact, urgency)
    yield {
      id: nextId(),
      number: formatTicketNumber(SAMPLE_PREFIX, n),
      clientId: client.id,
      siteId: client.siteIds.length > 0 && random.chance(0.85) ? random.pick(client.siteIds) : null,
      subject: fill(template.subject, values),
      description: fill(template.description, values),
      contact: {
        name: person,
        email: `${person.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
        phone: random.chance(0.5)
          ? `+1 555 ${random.int(100, 999)} ${random.int(1000, 9999)}`
          : null,
      },
      type: template.type,
      board:
        template.type === 'change' || template.type === 'maintenance' ? 'Projects' : 'Service Desk',
      status,
      impact,
      urgency,
      priority,
      priorityManual: manual,
      assignee,
      dueAt: template.type === 'change' && open ? now + random.int(1, 14) * DAY : null,
      createdBy: 'Service Desk',
      createdAt,
      updatedAt: Math.max(at, createdAt),
      firstResponseAt,
      resolutionPlanAt,
      resolvedAt,
      versions: {},
      devices: device ? [device] : [],
      events,
      notes,
      timeEntries,
      timers: [],
    }
  }
}
