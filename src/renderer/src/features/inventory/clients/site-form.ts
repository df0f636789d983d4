import type { Site } from '@shared/contract'
import type { CreateSiteInput, UpdateSiteInput } from '../../../api/inventory'
import { issueMessage, valueAt, type CheckIssue } from '../form-issues'

/** The site form's fields as the inputs hold them. */
export interface SiteDraft {
  name: string
  address: string
  timeZone: string
}

export type SiteField = keyof SiteDraft

/** Errors by field; `form` holds one that belongs to no single field. */
export type SiteErrors = Partial<Record<SiteField | 'form', string>>

/**
 * The contract's check of a site call (`inventory.createSite.input.safeParse` or
 * `updateSite`'s), passed in so this module has no runtime import of the contract.
 */
export type SiteCheck<T> = (
  input: unknown,
) => { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<CheckIssue> } }

export type SiteResult<T> =
  { ok: true; input: T; changed: number } | { ok: false; errors: SiteErrors }

/** The form as it opens: the site's values, or a new site in the technician's own zone. */
export function siteDraft(site: Site | null, localZone: string): SiteDraft {
  return site
    ? { name: site.name, address: site.address, timeZone: site.timeZone }
    : { name: '', address: '', timeZone: localZone || 'UTC' }
}

function errorsOf(issues: ReadonlyArray<CheckIssue>, input: unknown): SiteErrors {
  const errors: SiteErrors = {}
  for (const issue of issues) {
    const head = String(issue.path[0] ?? '')
    // Hours follow the zone (the service moves them), so their problems are the zone's.
    const field: SiteField | 'form' =
      head === 'name' || head === 'address' || head === 'timeZone'
        ? head
        : head === 'businessHours'
          ? 'timeZone'
          : 'form'
    errors[field] ??= issueMessage(issue, valueAt(input, issue.path))
  }
  return errors
}

/** A new site for `clientId`, checked against the contract. */
export function draftToCreateSite(
  clientId: string,
  draft: SiteDraft,
  check: SiteCheck<CreateSiteInput>,
): SiteResult<CreateSiteInput> {
  const input = { clientId, name: draft.name, address: draft.address, timeZone: draft.timeZone }
  const parsed = check(input)
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error.issues, input) }
  return { ok: true, input: parsed.data, changed: 3 }
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
  const parsed = check(input)
  if (!parsed.success) return { ok: false, errors: errorsOf(parsed.error.issues, input) }
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
