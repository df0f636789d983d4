/**
 * Vendors: the ISPs, hardware and software makers and service providers a client depends on,
 * with the people to call, the hours they answer and the accounts each client holds with them.
 * A vendor and its contacts are the team's (one Dell for every client); an account belongs to
 * one client, so it carries that client like every other tenant row.
 */
import { z } from 'zod'
import { BusinessHours, businessOpenState } from './sla/business-hours'

export const VENDOR_CATEGORIES = [
  'isp',
  'hardware',
  'software',
  'cloud',
  'security',
  'printing',
  'line-of-business',
  'other',
] as const
export const VendorCategory = z.enum(VENDOR_CATEGORIES)
export type VendorCategory = z.infer<typeof VendorCategory>

export const VENDOR_CATEGORY_LABELS: Record<VendorCategory, string> = {
  isp: 'ISP / telecom',
  hardware: 'Hardware',
  software: 'Software / SaaS',
  cloud: 'Cloud',
  security: 'Security',
  printing: 'Printing',
  'line-of-business': 'Line of business',
  other: 'Other',
}

/** What people type as a phone number: digits, spaces, +, -, (, ), . and an extension. */
const PhoneNumber = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[\d\s().-]+(?:\s*(?:x|ext\.?)\s*\d+)?$/i, 'Use digits, spaces, +, -, ( ) and ext')

const Email = z.string().trim().max(254).email()

/** Only web addresses: a `javascript:` or `file:` URL must never become a link. */
const WebUrl = z
  .string()
  .trim()
  .max(2048)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'Use an http:// or https:// address')

const Text = (max: number) => z.string().trim().max(max)

export const SupportLine = z
  .object({
    /** "Support", "Sales", "After hours"... */
    label: Text(60).min(1),
    number: PhoneNumber,
    /** When this line answers; null: the vendor's own hours. */
    hours: BusinessHours.nullable(),
  })
  .strict()
export type SupportLine = z.infer<typeof SupportLine>

export const EscalationTier = z
  .object({
    /** 1 for the first line, then up. */
    tier: z.number().int().min(1).max(9),
    name: Text(120).min(1),
    phone: PhoneNumber.nullable(),
    email: Email.nullable(),
    /** When to go to this tier ("after 4 h without an engineer"). */
    when: Text(500),
  })
  .strict()
export type EscalationTier = z.infer<typeof EscalationTier>

export const VendorFields = z
  .object({
    name: Text(120).min(1, 'A vendor needs a name'),
    category: VendorCategory,
    website: WebUrl.nullable(),
    portalUrl: WebUrl.nullable(),
    supportEmail: Email.nullable(),
    /** The vendor's support hours (zone, weekly schedule, holidays); null: not known. */
    hours: BusinessHours.nullable(),
    phones: z.array(SupportLine).max(20),
    escalation: z.array(EscalationTier).max(9),
    /**
     * The manufacturer names its devices report ("Dell Inc.", "LENOVO"): a device whose
     * collected manufacturer is one of these has this vendor for its warranty.
     */
    manufacturers: z.array(Text(120).min(1)).max(20),
    notes: Text(20_000),
  })
  .strict()
export type VendorFields = z.infer<typeof VendorFields>

export const VendorContactFields = z
  .object({
    name: Text(120).min(1, 'A contact needs a name'),
    role: Text(120),
    phones: z.array(PhoneNumber).max(5),
    email: Email.nullable(),
    notes: Text(4000),
    /** The one to call first. */
    preferred: z.boolean(),
  })
  .strict()
export type VendorContactFields = z.infer<typeof VendorContactFields>

/** A calendar date that exists: "2026-02-30" matches the pattern but is refused. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(
    (date) => {
      const at = new Date(`${date}T00:00:00Z`)
      // An impossible month or day is an Invalid Date (or rolls over); neither prints back.
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(date)
    },
    { message: 'No such date' },
  )

export const ClientAccountFields = z
  .object({
    accountNumber: Text(120),
    contractNumber: Text(120),
    contractStart: IsoDate.nullable(),
    contractEnd: IsoDate.nullable(),
    renewalDate: IsoDate.nullable(),
    /** What the vendor owes the client ("4 h on-site, 24×7"). */
    sla: Text(500),
    /** ISPs: the circuit ids of the client's lines. */
    circuitIds: z.array(Text(120).min(1)).max(50),
    /** Software: how many seats or licences. */
    licenceCount: z.number().int().min(0).max(10_000_000).nullable(),
    notes: Text(4000),
  })
  .strict()
export type ClientAccountFields = z.infer<typeof ClientAccountFields>

/** When a vendor answers, as a technician reads it at a glance. */
export interface SupportStatus {
  open: boolean
  /** "Open now · closes in 3 h", "Opens in 2 h", "Opens Mon 08:00", "Open around the clock". */
  label: string
}

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

function inAbout(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.round(ms / MINUTE_MS))} min`
  return `${Math.round(ms / HOUR_MS)} h`
}

/**
 * Whether support answers at `now` and when that changes, in the vendor's own time zone: a
 * change within a day reads as a duration, a later one as the weekday and local time.
 */
export function supportStatus(hours: BusinessHours, now: number): SupportStatus {
  // A week with no open time would send the calendar walking a century for an opening.
  if (!Object.values(hours.weekly).some((day) => day && day.length > 0)) {
    return { open: false, label: 'No support hours' }
  }
  const state = businessOpenState(now, hours)
  if (state.changesAt === null) return { open: true, label: 'Open around the clock' }
  const wait = state.changesAt - now
  if (state.open) return { open: true, label: `Open now · closes in ${inAbout(wait)}` }
  if (wait < 24 * HOUR_MS) return { open: false, label: `Opens in ${inAbout(wait)}` }
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(state.changesAt)
  return { open: false, label: `Opens ${when.replace(',', '')}` }
}
