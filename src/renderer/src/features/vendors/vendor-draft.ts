/**
 * The vendor forms' text, to and from the contract's values. Lists a technician types (support
 * lines, escalation tiers, phone numbers, circuit ids) are one entry per line or comma, the way
 * they sit in a PSA note, and the shared schemas check the result, so the form says exactly
 * what main would refuse.
 */
import type { z } from 'zod'
import type { BusinessHours } from '@shared/domain/sla/business-hours'
import {
  ClientAccountFields,
  VendorContactFields,
  VendorFields,
  type EscalationTier,
  type SupportLine,
  type VendorCategory,
} from '@shared/domain/vendors'

export type HoursMode = 'unknown' | 'always' | 'weekdays'

export interface VendorDraft {
  name: string
  category: VendorCategory
  website: string
  portalUrl: string
  supportEmail: string
  hoursMode: HoursMode
  opens: string
  closes: string
  timeZone: string
  /** "Label: number", one per line. */
  phones: string
  /** "Name: number — when to go there", one per line, tier 1 first. */
  escalation: string
  /** Manufacturer names as devices report them, comma separated. */
  manufacturers: string
  notes: string
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim())
const list = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const

function hoursOf(draft: VendorDraft): BusinessHours | null {
  if (draft.hoursMode === 'unknown') return null
  const timeZone = draft.timeZone.trim()
  if (draft.hoursMode === 'always') {
    const day = [{ open: '00:00', close: '24:00' }]
    return {
      timeZone,
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    }
  }
  const day = [{ open: draft.opens, close: draft.closes }]
  return { timeZone, weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, day])) }
}

function modeOf(
  hours: BusinessHours | null,
): Pick<VendorDraft, 'hoursMode' | 'opens' | 'closes' | 'timeZone'> {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone
  if (!hours) return { hoursMode: 'unknown', opens: '08:00', closes: '17:00', timeZone: local }
  const mon = hours.weekly.mon?.[0]
  if (mon?.open === '00:00' && mon.close === '24:00') {
    return { hoursMode: 'always', opens: '08:00', closes: '17:00', timeZone: hours.timeZone }
  }
  return {
    hoursMode: 'weekdays',
    opens: mon?.open ?? '08:00',
    closes: mon?.close ?? '17:00',
    timeZone: hours.timeZone,
  }
}

/** "Label: number" lines; a line without a label is the support line. */
export function parseSupportLines(text: string): SupportLine[] {
  return lines(text).map((line) => {
    const colon = line.lastIndexOf(':')
    const label = colon > 0 ? line.slice(0, colon).trim() : 'Support'
    const number = colon > 0 ? line.slice(colon + 1).trim() : line
    return { label: label || 'Support', number, hours: null }
  })
}

/** "Name: number — when" lines, tier 1 first; the number and the when are optional. */
export function parseEscalation(text: string): EscalationTier[] {
  return lines(text).map((line, index) => {
    const [head = '', when = ''] = line.split(/\s+[—–]\s+|\s+-\s+/, 2)
    const colon = head.indexOf(':')
    const name = (colon > 0 ? head.slice(0, colon) : head).trim()
    const phone = colon > 0 ? head.slice(colon + 1).trim() : ''
    return { tier: index + 1, name, phone: orNull(phone), email: null, when: when.trim() }
  })
}

export function draftFor(vendor: z.infer<typeof VendorFields> | null): VendorDraft {
  return {
    name: vendor?.name ?? '',
    category: vendor?.category ?? 'hardware',
    website: vendor?.website ?? '',
    portalUrl: vendor?.portalUrl ?? '',
    supportEmail: vendor?.supportEmail ?? '',
    ...modeOf(vendor?.hours ?? null),
    phones: (vendor?.phones ?? []).map((p) => `${p.label}: ${p.number}`).join('\n'),
    escalation: (vendor?.escalation ?? [])
      .map((t) => `${t.name}${t.phone ? `: ${t.phone}` : ''}${t.when ? ` — ${t.when}` : ''}`)
      .join('\n'),
    manufacturers: (vendor?.manufacturers ?? []).join(', '),
    notes: vendor?.notes ?? '',
  }
}

/** Where a problem is, in the form's own fields. */
export type Checked<T, F extends string> = { input: T } | { problem: string; field: F }

function firstProblem<F extends string>(
  error: z.ZodError,
  fieldOf: (key: string) => F,
): { problem: string; field: F } {
  const issue = error.issues[0]
  const key = String(issue?.path[0] ?? '')
  // A list's entry (path ['phones', 1, 'number']) is named by its line; an object's field is not.
  const line = issue?.path[1]
  const where = typeof line === 'number' ? ` (line ${line + 1})` : ''
  return { problem: `${issue?.message ?? 'Check this field'}${where}`, field: fieldOf(key) }
}

export function checkVendorDraft(
  draft: VendorDraft,
): Checked<z.infer<typeof VendorFields>, keyof VendorDraft> {
  const parsed = VendorFields.safeParse({
    name: draft.name,
    category: draft.category,
    website: orNull(draft.website),
    portalUrl: orNull(draft.portalUrl),
    supportEmail: orNull(draft.supportEmail),
    hours: hoursOf(draft),
    phones: parseSupportLines(draft.phones),
    escalation: parseEscalation(draft.escalation),
    manufacturers: list(draft.manufacturers),
    notes: draft.notes,
  })
  if (parsed.success) return { input: parsed.data }
  return firstProblem(parsed.error, (key): keyof VendorDraft =>
    key === 'hours' ? 'timeZone' : key in draft ? (key as keyof VendorDraft) : 'name',
  )
}

export interface ContactDraft {
  name: string
  role: string
  phones: string
  email: string
  notes: string
  preferred: boolean
}

export function contactDraftFor(contact: z.infer<typeof VendorContactFields> | null): ContactDraft {
  return {
    name: contact?.name ?? '',
    role: contact?.role ?? '',
    phones: (contact?.phones ?? []).join(', '),
    email: contact?.email ?? '',
    notes: contact?.notes ?? '',
    preferred: contact?.preferred ?? false,
  }
}

export function checkContactDraft(
  draft: ContactDraft,
): Checked<z.infer<typeof VendorContactFields>, keyof ContactDraft> {
  const parsed = VendorContactFields.safeParse({
    name: draft.name,
    role: draft.role,
    phones: list(draft.phones),
    email: orNull(draft.email),
    notes: draft.notes,
    preferred: draft.preferred,
  })
  if (parsed.success) return { input: parsed.data }
  return firstProblem(parsed.error, (key) => (key in draft ? (key as keyof ContactDraft) : 'name'))
}

export interface AccountDraft {
  clientId: string
  accountNumber: string
  contractNumber: string
  contractStart: string
  contractEnd: string
  renewalDate: string
  sla: string
  circuitIds: string
  licenceCount: string
  notes: string
}

export function accountDraftFor(
  account: (z.infer<typeof ClientAccountFields> & { clientId: string }) | null,
): AccountDraft {
  return {
    clientId: account?.clientId ?? '',
    accountNumber: account?.accountNumber ?? '',
    contractNumber: account?.contractNumber ?? '',
    contractStart: account?.contractStart ?? '',
    contractEnd: account?.contractEnd ?? '',
    renewalDate: account?.renewalDate ?? '',
    sla: account?.sla ?? '',
    circuitIds: (account?.circuitIds ?? []).join(', '),
    licenceCount: account?.licenceCount === null || !account ? '' : String(account.licenceCount),
    notes: account?.notes ?? '',
  }
}

export function checkAccountDraft(
  draft: AccountDraft,
): Checked<{ clientId: string; fields: z.infer<typeof ClientAccountFields> }, keyof AccountDraft> {
  if (draft.clientId === '') return { problem: 'Choose the client', field: 'clientId' }
  const licences = draft.licenceCount.trim()
  if (licences !== '' && !/^\d+$/.test(licences)) {
    return { problem: 'Licences must be a whole number', field: 'licenceCount' }
  }
  const parsed = ClientAccountFields.safeParse({
    accountNumber: draft.accountNumber,
    contractNumber: draft.contractNumber,
    contractStart: orNull(draft.contractStart),
    contractEnd: orNull(draft.contractEnd),
    renewalDate: orNull(draft.renewalDate),
    sla: draft.sla,
    circuitIds: list(draft.circuitIds),
    licenceCount: licences === '' ? null : Number(licences),
    notes: draft.notes,
  })
  if (parsed.success) return { input: { clientId: draft.clientId, fields: parsed.data } }
  return firstProblem(parsed.error, (key) =>
    key in draft ? (key as keyof AccountDraft) : 'accountNumber',
  )
}
