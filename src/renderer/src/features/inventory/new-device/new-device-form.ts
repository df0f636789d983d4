import type { DeviceCreate, DeviceRole, OsFamily } from '@shared/contract'
import { parseTags } from '../device-detail/device-form'
import { issueMessage, valueAt, type CheckIssue } from '../form-issues'

/** The new-device form's fields as the inputs hold them. */
export interface NewDeviceDraft {
  clientId: string
  siteId: string
  hostname: string
  role: DeviceRole
  /** '' until the technician picks one: the service then keeps its own default. */
  osFamily: OsFamily | ''
  /** Local IP addresses, separated by commas or spaces. */
  ips: string
  serial: string
  /** Comma-separated. */
  tags: string
  notes: string
}

export type NewDeviceField = keyof NewDeviceDraft

/** Errors by field; `form` holds one that belongs to no single field. */
export type NewDeviceErrors = Partial<Record<NewDeviceField | 'form', string>>

export type NewDeviceResult =
  { ok: true; input: DeviceCreate } | { ok: false; errors: NewDeviceErrors }

/**
 * The contract's check of a new device (`DeviceCreate.safeParse`), passed in so this module has
 * no runtime import of the contract.
 */
export type CreateCheck = (
  input: unknown,
) =>
  | { success: true; data: DeviceCreate }
  | { success: false; error: { issues: ReadonlyArray<CheckIssue> } }

export function blankDraft(clientId: string, siteId = ''): NewDeviceDraft {
  return {
    clientId,
    siteId,
    hostname: '',
    role: 'workstation',
    osFamily: '',
    ips: '',
    serial: '',
    tags: '',
    notes: '',
  }
}

/** Addresses as typed: split on commas and whitespace, without blanks or repeats. */
export function parseIps(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((ip) => ip !== ''))]
}

/** Which form field a contract path belongs to. */
const fieldOfPath: Partial<Record<string, NewDeviceField>> = { localIps: 'ips' }

/**
 * The input that creates the device: blanks left out, checked against the contract so errors
 * show beside their fields before anything is sent.
 */
export function draftToCreate(draft: NewDeviceDraft, check: CreateCheck): NewDeviceResult {
  const input: Record<string, unknown> = { clientId: draft.clientId, hostname: draft.hostname }
  const errors: NewDeviceErrors = {}
  if (!draft.clientId) errors.clientId = 'Choose a client'
  if (draft.siteId) input.siteId = draft.siteId
  input.role = draft.role
  if (draft.osFamily) input.osFamily = draft.osFamily
  const ips = parseIps(draft.ips)
  if (ips.length > 0) input.localIps = ips
  if (draft.serial.trim()) input.serial = draft.serial
  const tags = parseTags(draft.tags)
  if (tags.length > 0) input.tags = tags
  if (draft.notes.trim()) input.notes = draft.notes

  const parsed = check(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? '')
      const field = fieldOfPath[head] ?? (head in draft ? (head as NewDeviceField) : 'form')
      const message =
        field === 'ips' && typeof issue.path[1] === 'number'
          ? `“${ips[issue.path[1]] ?? ''}” is not an IPv4 or IPv6 address`
          : issueMessage(issue, valueAt(input, issue.path))
      errors[field] ??= message
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}
