/** The client form's text fields and their checks, before they become a contract call. */
import type { MspClient } from '@shared/contract'
import type { CreateClientInput } from '../../../api/inventory'

export interface ClientDraft {
  name: string
  shortCode: string
  contractTier: string
  notes: string
  onlineMinutes: string
  staleMinutes: string
}

/** Tiers offered in the form; any other text is fine too. */
export const contractTiers = ['Essentials', 'Standard', 'Premium', 'Break-fix', 'Internal'] as const

export function draftFor(client: MspClient | null): ClientDraft {
  return {
    name: client?.name ?? '',
    shortCode: client?.shortCode ?? '',
    contractTier: client?.contractTier ?? 'Standard',
    notes: client?.notes ?? '',
    onlineMinutes: String(client?.onlineMinutes ?? 15),
    staleMinutes: String(client?.staleMinutes ?? 1440),
  }
}

/** A short code suggested from the name: "Acme Dental Care" → "ADC", "Contoso" → "CONTOSO". */
export function suggestShortCode(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s-]/g, '')
    .split(/[\s-]+/)
    .filter(Boolean)
  if (words.length === 0) return ''
  const code =
    words.length === 1
      ? (words[0] ?? '').slice(0, 8)
      : words
          .map((w) => w[0])
          .join('')
          .slice(0, 8)
  return code.toUpperCase()
}

type Checked = { input: CreateClientInput } | { problem: string; field: keyof ClientDraft }

/** The contract's limits: a year for online, ten for stale. */
const ONLINE_MAX = 525_600
const STALE_MAX = 5_256_000

/** The draft as a create/update input, or the first problem in words. */
export function checkDraft(draft: ClientDraft): Checked {
  const name = draft.name.trim()
  if (!name) return { problem: 'Give the client a name.', field: 'name' }
  const shortCode = draft.shortCode.trim()
  if (!shortCode) return { problem: 'Give the client a short code.', field: 'shortCode' }
  if (!/^[A-Za-z0-9_-]{1,16}$/.test(shortCode)) {
    return {
      problem: 'Short codes are up to 16 letters, digits, - and _.',
      field: 'shortCode',
    }
  }
  const online = wholeMinutes(draft.onlineMinutes, ONLINE_MAX)
  if (online === null) {
    return {
      problem: 'Online within: whole minutes, from 1 to 525,600 (a year).',
      field: 'onlineMinutes',
    }
  }
  const stale = wholeMinutes(draft.staleMinutes, STALE_MAX)
  if (stale === null) {
    return {
      problem: 'Stale after: whole minutes, from 1 to 5,256,000 (ten years).',
      field: 'staleMinutes',
    }
  }
  if (stale < online) {
    return {
      problem: 'The stale threshold must not be shorter than the online one.',
      field: 'staleMinutes',
    }
  }
  return {
    input: {
      name,
      shortCode,
      contractTier: draft.contractTier.trim(),
      notes: draft.notes,
      onlineMinutes: online,
      staleMinutes: stale,
    },
  }
}

function wholeMinutes(text: string, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null
  const value = Number.parseInt(text.trim(), 10)
  return value >= 1 && value <= max ? value : null
}
