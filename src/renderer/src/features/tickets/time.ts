import { formatRelative } from '../inventory/device-detail/format'

/** Time as the ticket forms show and take it. */

/** "just now", "5 min ago": an instant main stamped a moment ahead of this clock is "just now". */
export function ago(at: number, now: number): string {
  return formatRelative(at, Math.max(now, at))
}

/** A session's span, the date said once when it starts and ends on the same day. */
export function formatRange(startedAt: number, endedAt: number): string {
  const start = new Date(startedAt)
  const end = new Date(endedAt)
  const time = (d: Date): string =>
    d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  const day = (d: Date): string =>
    d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
  return start.toDateString() === end.toDateString()
    ? `${day(start)}, ${time(start)} – ${time(end)}`
    : `${day(start)}, ${time(start)} – ${day(end)}, ${time(end)}`
}

/** A running timer's elapsed time: "4:05" under an hour, "1:02:03" after. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const two = (n: number): string => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** The value of an <input type="datetime-local"> for an instant, in local time. */
export function toLocalInput(at: number): string {
  const date = new Date(at)
  const two = (n: number): string => String(n).padStart(2, '0')
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}` +
    `T${two(date.getHours())}:${two(date.getMinutes())}`
  )
}

/** The instant of an <input type="datetime-local"> value, or null when it is empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null
  const at = new Date(value).getTime()
  return Number.isNaN(at) ? null : at
}
