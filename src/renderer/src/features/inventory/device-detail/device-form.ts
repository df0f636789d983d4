import type { DeviceDetail, DeviceRole, DeviceUpdate } from '@shared/contract'

/** The edit form's fields as the inputs hold them: text, until saved. */
export interface DeviceDraft {
  hostname: string
  role: DeviceRole
  siteId: string
  fqdn: string
  sshHost: string
  sshPort: string
  sshUser: string
  sshAgentForwarding: boolean
  credentialId: string
  winrmUrl: string
  manufacturer: string
  model: string
  serial: string
  assetTag: string
  /** YYYY-MM-DD (the date input's value), read as a UTC day. */
  warrantyEnd: string
  /** Comma-separated. */
  tags: string
  notes: string
  customFields: Array<{ key: string; value: string }>
}

export type DraftField = keyof DeviceDraft

/** Errors by field; `form` holds one that belongs to no single field. */
export type DraftErrors = Partial<Record<DraftField | 'form', string>>

export type DraftResult =
  { ok: true; update: DeviceUpdate; changed: number } | { ok: false; errors: DraftErrors }

const dayOf = (ms: number | null): string =>
  ms === null ? '' : new Date(ms).toISOString().slice(0, 10)

/** The form as it opens: the device's current values. */
export function draftFromDevice(device: DeviceDetail): DeviceDraft {
  return {
    hostname: device.hostname,
    role: device.role,
    siteId: device.siteId ?? '',
    fqdn: device.fqdn ?? '',
    sshHost: device.sshHost ?? '',
    sshPort: device.sshPort === null ? '' : String(device.sshPort),
    sshUser: device.sshUser ?? '',
    sshAgentForwarding: device.sshAgentForwarding,
    credentialId: device.credentialId ?? '',
    winrmUrl: device.winrmUrl ?? '',
    manufacturer: device.manufacturer ?? '',
    model: device.model ?? '',
    serial: device.serial ?? '',
    assetTag: device.assetTag ?? '',
    warrantyEnd: dayOf(device.warrantyEndAt),
    tags: device.tags.join(', '),
    notes: device.notes,
    customFields: Object.entries(device.customFields).map(([key, value]) => ({ key, value })),
  }
}

/** Tags as typed: split on commas, trimmed, without blanks or repeats (case-insensitive). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>()
  const tags: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim()
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase())
      tags.push(tag)
    }
  }
  return tags
}

const nullable = (text: string): string | null => (text.trim() === '' ? null : text.trim())

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i])

const sameRecord = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k])
}

/**
 * The contract's check of an update (`DeviceUpdate.safeParse`), passed in so this module has
 * no runtime import of the contract.
 */
export type UpdateCheck = (
  input: unknown,
) =>
  | { success: true; data: DeviceUpdate }
  | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }

/** Which form field a contract path belongs to. */
const fieldOfPath: Partial<Record<string, DraftField>> = {
  warrantyEndAt: 'warrantyEnd',
}

/**
 * The update that saves the form: only what changed, blanks clearing optional fields, checked
 * against the contract so errors show beside their fields before anything is sent.
 */
export function draftToUpdate(
  device: DeviceDetail,
  draft: DeviceDraft,
  check: UpdateCheck,
): DraftResult {
  const errors: DraftErrors = {}
  const update: Record<string, unknown> = {}
  const set = (key: string, next: unknown, current: unknown): void => {
    if (next !== current) update[key] = next
  }

  set('hostname', draft.hostname.trim(), device.hostname)
  set('role', draft.role, device.role)
  set('siteId', nullable(draft.siteId), device.siteId)
  set('fqdn', nullable(draft.fqdn), device.fqdn)
  set('sshHost', nullable(draft.sshHost), device.sshHost)
  set('sshUser', nullable(draft.sshUser), device.sshUser)
  set('sshAgentForwarding', draft.sshAgentForwarding, device.sshAgentForwarding)
  set('credentialId', nullable(draft.credentialId), device.credentialId)
  set('winrmUrl', nullable(draft.winrmUrl), device.winrmUrl)
  set('manufacturer', nullable(draft.manufacturer), device.manufacturer)
  set('model', nullable(draft.model), device.model)
  set('serial', nullable(draft.serial), device.serial)
  set('assetTag', nullable(draft.assetTag), device.assetTag)
  if (draft.notes !== device.notes) update.notes = draft.notes

  const portText = draft.sshPort.trim()
  if (portText === '') {
    set('sshPort', null, device.sshPort)
  } else if (/^\d{1,5}$/.test(portText) && Number(portText) >= 1 && Number(portText) <= 65535) {
    set('sshPort', Number(portText), device.sshPort)
  } else {
    errors.sshPort = 'Use a port from 1 to 65535'
  }

  const day = draft.warrantyEnd.trim()
  if (day === '') {
    set('warrantyEndAt', null, device.warrantyEndAt)
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    if (day !== dayOf(device.warrantyEndAt)) {
      update.warrantyEndAt = Date.parse(`${day}T00:00:00Z`)
    }
  } else {
    errors.warrantyEnd = 'Use a date like 2027-03-31'
  }

  const tags = parseTags(draft.tags)
  if (!sameList(tags, device.tags)) update.tags = tags

  const custom: Record<string, string> = {}
  for (const { key, value } of draft.customFields) {
    const name = key.trim()
    if (!name && !value.trim()) continue
    if (!name) {
      errors.customFields = 'Every custom field needs a name'
    } else if (name in custom) {
      errors.customFields = `“${name}” is there twice`
    } else {
      custom[name] = value
    }
  }
  if (!sameRecord(custom, device.customFields)) update.customFields = custom

  const parsed = check({ id: device.id, ...update })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0] ?? '')
      const field = fieldOfPath[head] ?? (head in draft ? (head as DraftField) : 'form')
      errors[field] ??= issue.message
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, update: parsed.data, changed: Object.keys(update).length }
}
