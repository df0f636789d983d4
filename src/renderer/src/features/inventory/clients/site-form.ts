import type { Site } from '@shared/contract'
import {
  defaultBusinessHours,
  type BusinessHours,
  type OpenInterval,
  type Weekday,
} from '@shared/domain/sla'
import type { CreateSiteInput, UpdateSiteInput } from '../../../api/inventory'
import { issueMessage, valueAt, type CheckIssue } from '../form-issues'

/** The week as the form lists it, Monday first. */
export const FORM_WEEK: ReadonlyArray<{ day: Weekday; label: string }> = [
  { day: 'mon', label: 'Monday' },
  { day: 'tue', label: 'Tuesday' },
  { day: 'wed', label: 'Wednesday' },
  { day: 'thu', label: 'Thursday' },
  { day: 'fri', label: 'Friday' },
  { day: 'sat', label: 'Saturday' },
  { day: 'sun', label: 'Sunday' },
]

/** The site form's fields as the inputs hold them. */
export interface SiteDraft {
  name: string
  address: string
  timeZone: string
  /** Each day's open hours as typed, e.g. "08:00-12:00, 13:00-17:00"; empty: closed. */
  hours: Record<Weekday, string>
}

export type SiteField = Exclude<keyof SiteDraft, 'hours'>

/** Errors by field (a weekday for its hours); `form` holds one that belongs to no field. */
export type SiteErrors = Partial<Record<SiteField | Weekday | 'form', string>>

/**
 * The contract's check of a site call (`inventory.createSite.input.safeParse` or
 * `updateSite`'s), passed in so this module has no runtime import of the contract.
 */
export type SiteCheck<T> = (
  input: unknown,
) => { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<CheckIssue> } }

export type SiteResult<T> =
  { ok: true; input: T; changed: number } | { ok: false; errors: SiteErrors }

/** A day's intervals as the form shows them: "08:00-12:00, 13:00-17:00". */
export function dayText(intervals: readonly OpenInterval[] | undefined): string {
  return (intervals ?? []).map((i) => `${i.open}-${i.close}`).join(', ')
}

/**
 * A day's hours as typed: intervals split on commas, each "H:MM-H:MM" (an en dash or "to"
 * will do); the times themselves are the contract's to judge.
 */
export function parseDay(text: string): { intervals: OpenInterval[] } | { problem: string } {
  const intervals: OpenInterval[] = []
  for (const piece of text.split(',')) {
    const part = piece.trim()
    if (!part) continue
    const match = /^(\d{1,2}:\d{2})\s*(?:-|–|to)\s*(\d{1,2}:\d{2})$/i.exec(part)
    if (!match?.[1] || !match[2]) {
      return { problem: `“${part.slice(0, 40)}” is not hours like 08:00-17:00` }
    }
    intervals.push({ open: match[1].padStart(5, '0'), close: match[2].padStart(5, '0') })
  }
  return { intervals }
}

function hoursDraft(hours: BusinessHours): Record<Weekday, string> {
  return {
    mon: dayText(hours.weekly.mon),
    tue: dayText(hours.weekly.tue),
    wed: dayText(hours.weekly.wed),
    thu: dayText(hours.weekly.thu),
    fri: dayText(hours.weekly.fri),
    sat: dayText(hours.weekly.sat),
    sun: dayText(hours.weekly.sun),
  }
}

/** The form as it opens: the site's values, or a new site in the technician's own zone. */
export function siteDraft(site: Site | null, localZone: string): SiteDraft {
  const zone = localZone || 'UTC'
  return site
    ? {
        name: site.name,
        address: site.address,
        timeZone: site.timeZone,
        hours: hoursDraft(site.businessHours),
      }
    : { name: '', address: '', timeZone: zone, hours: hoursDraft(defaultBusinessHours(zone)) }
}

/**
 * The hours the draft describes, in its zone, keeping `holidays` (the form does not edit them);
 * with the days it could not read.
 */
function draftHours(
  draft: SiteDraft,
  holidays: readonly string[] | undefined,
): { hours: BusinessHours; errors: SiteErrors } {
  const errors: SiteErrors = {}
  const weekly: BusinessHours['weekly'] = {}
  for (const { day } of FORM_WEEK) {
    const parsed = parseDay(draft.hours[day])
    if ('problem' in parsed) errors[day] = parsed.problem
    else if (parsed.intervals.length > 0) weekly[day] = parsed.intervals
  }
  const hours: BusinessHours = { timeZone: draft.timeZone.trim(), weekly }
  if (holidays && holidays.length > 0) hours.holidays = [...holidays]
  return { hours, errors }
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

function errorsOf(issues: ReadonlyArray<CheckIssue>, input: unknown): SiteErrors {
  const errors: SiteErrors = {}
  for (const issue of issues) {
    const [head, part, day] = issue.path.map(String)
    const weekday = FORM_WEEK.find((d) => d.day === day)?.day
    // The hours' zone is the site's: a problem with it is the zone field's.
    const field: SiteField | Weekday | 'form' =
      head === 'name' || head === 'address' || head === 'timeZone'
        ? head
        : head === 'businessHours' && part === 'weekly' && weekday
          ? weekday
          : head === 'businessHours' && part === 'timeZone'
            ? 'timeZone'
            : 'form'
    errors[field] ??= capitalized(issueMessage(issue, valueAt(input, issue.path)))
  }
  return errors
}

/** A new site for `clientId`, checked against the contract. */
export function draftToCreateSite(
  clientId: string,
  draft: SiteDraft,
  check: SiteCheck<CreateSiteInput>,
): SiteResult<CreateSiteInput> {
  const { hours, errors } = draftHours(draft, undefined)
  const input = {
    clientId,
    name: draft.name,
    address: draft.address,
    timeZone: draft.timeZone,
    businessHours: hours,
  }
  const parsed = check(input)
  if (!parsed.success || Object.keys(errors).length > 0) {
    return {
      ok: false,
      errors: { ...errors, ...(parsed.success ? {} : errorsOf(parsed.error.issues, input)) },
    }
  }
  return { ok: true, input: parsed.data, changed: 4 }
}

/** The change to `site`: only the fields that differ (trimmed), checked against the contract. */
export function draftToUpdateSite(
  site: Site,
  draft: SiteDraft,
  check: SiteCheck<UpdateSiteInput>,
): SiteResult<UpdateSiteInput> {
  const input: Record<string, unknown> = { id: site.id }
  let changed = 0
  for (const key of ['name', 'address', 'timeZone'] as const) {
    if (draft[key].trim() !== site[key]) {
      input[key] = draft[key]
      changed += 1
    }
  }
  const { hours, errors } = draftHours(draft, site.businessHours.holidays)
  // Unchanged hours stay out: on a zone change the service moves them to the new zone.
  const sameHours = FORM_WEEK.every(
    ({ day }) => dayText(hours.weekly[day]) === dayText(site.businessHours.weekly[day]),
  )
  if (!sameHours) {
    input.businessHours = hours
    changed += 1
  }
  const parsed = check(input)
  if (!parsed.success || Object.keys(errors).length > 0) {
    return {
      ok: false,
      errors: { ...errors, ...(parsed.success ? {} : errorsOf(parsed.error.issues, input)) },
    }
  }
  return { ok: true, input: parsed.data, changed }
}

/**
 * What removing a site does, in the confirm dialog's words: the service keeps the devices
 * (their site is cleared) and tickets keep their history, their SLA clocks falling back to the
 * client's other hours.
 */
export function siteRemovalText(site: Pick<Site, 'name' | 'devices'>, clientName: string): string {
  const devices =
    site.devices === 0
      ? 'No devices are at this site.'
      : site.devices === 1
        ? `Its 1 device stays with ${clientName}, without a site.`
        : `Its ${site.devices.toLocaleString('en-US')} devices stay with ${clientName}, without a site.`
  return `${devices} Tickets filed at ${site.name} keep their history but show no site; their SLA clocks use the client’s other business hours.`
}
