import type { BusinessHours, Weekday } from '@shared/domain/sla/business-hours'

const DAY_MS = 86_400_000
const ORDER: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
}

/** A `tel:` link for a number as people write it: only digits and a leading +. */
export function telUrl(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : ''
  const main = number.split(/\s*(?:x|ext\.?)\s*/i)[0] ?? number
  return `tel:${plus}${main.replace(/\D/g, '')}`
}

/**
 * A week's hours in one short line, runs of equal days joined: "Mon–Fri 08:00–17:00",
 * "Every day, around the clock".
 */
export function weeklyHoursText(hours: BusinessHours): string {
  const text = (day: Weekday): string => {
    const intervals = hours.weekly[day] ?? []
    if (intervals.length === 0) return ''
    if (intervals.length === 1 && intervals[0]?.open === '00:00' && intervals[0].close === '24:00')
      return 'around the clock'
    return intervals.map((i) => `${i.open}–${i.close}`).join(', ')
  }
  const runs: { from: Weekday; to: Weekday; text: string }[] = []
  for (const day of ORDER) {
    const t = text(day)
    const last = runs[runs.length - 1]
    if (last && last.text === t) last.to = day
    else runs.push({ from: day, to: day, text: t })
  }
  const open = runs.filter((r) => r.text !== '')
  if (open.length === 0) return 'No support hours'
  if (open.length === 1 && open[0]?.from === 'mon' && open[0].to === 'sun') {
    return `Every day, ${open[0].text}`
  }
  return open
    .map((r) => `${r.from === r.to ? NAMES[r.from] : `${NAMES[r.from]}–${NAMES[r.to]}`} ${r.text}`)
    .join('; ')
}

/** Where a contract stands: "Ends 2027-03-01", "Renew by …" inside 90 days, "Ended …". */
export function contractState(
  account: { contractEnd: string | null; renewalDate: string | null },
  now: number,
): { label: string; tone: 'warn' | 'bad' | null } {
  if (!account.contractEnd) return { label: 'No end date', tone: null }
  const end = Date.parse(`${account.contractEnd}T00:00:00Z`)
  if (end < now) return { label: `Ended ${account.contractEnd}`, tone: 'bad' }
  const days = Math.ceil((end - now) / DAY_MS)
  if (days <= 90) return { label: `Ends in ${days} d (${account.contractEnd})`, tone: 'warn' }
  return { label: `Ends ${account.contractEnd}`, tone: null }
}

/**
 * A mail to a vendor's support, filled in with what their desk asks for first: our account
 * number, the device's serial and our ticket number (so their reply can be filed with it).
 */
export function vendorMailto(to: {
  email: string
  account: string | null
  serial: string | null
  hostname: string | null
  ticketNumber: string | null
}): string {
  const refs = [
    to.account ? `Account ${to.account}` : null,
    to.serial ? `Serial ${to.serial}` : null,
    to.ticketNumber ? `Our ref ${to.ticketNumber}` : null,
  ].filter((r): r is string => r !== null)
  const body = [
    to.account ? `Account number: ${to.account}` : null,
    to.serial ? `Serial number: ${to.serial}${to.hostname ? ` (${to.hostname})` : ''}` : null,
    to.ticketNumber ? `Our ticket: ${to.ticketNumber}` : null,
    '',
    '',
  ]
    .filter((line): line is string => line !== null)
    .join('\r\n')
  const query = [
    refs.length > 0 ? `subject=${encodeURIComponent(refs.join(' · '))}` : null,
    `body=${encodeURIComponent(body)}`,
  ].filter((part): part is string => part !== null)
  return `mailto:${encodeURIComponent(to.email).replace('%40', '@')}?${query.join('&')}`
}
