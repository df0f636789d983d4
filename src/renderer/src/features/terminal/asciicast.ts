/** What the player needs from an asciicast v2 recording. */
export interface Cast {
  cols: number
  rows: number
  /** Output ('o') and resize ('r') events on the replay timeline, in seconds. */
  events: CastEvent[]
  duration: number
}

export type CastEvent =
  | { time: number; kind: 'output'; data: string }
  | { time: number; kind: 'resize'; cols: number; rows: number }

/** Longest pause kept on replay: nobody wants to watch ten minutes of an idle prompt. */
export const DEFAULT_IDLE_LIMIT_S = 2

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads asciicast v2 (a JSON header line, then `[time, code, data]` lines). Input ('i') and
 * marker ('m') events are skipped: the output already shows what was typed. Pauses longer
 * than the header's `idle_time_limit` (or the default) are shortened to it.
 */
export function parseAsciicast(text: string, idleLimit = DEFAULT_IDLE_LIMIT_S): Cast {
  const lines = text.split('\n').filter((line) => line.trim())
  const header: unknown = JSON.parse(lines[0] ?? 'null')
  if (!isRecord(header) || header.version !== 2) throw new Error('Not an asciicast v2 recording')
  const cols = typeof header.width === 'number' ? header.width : 80
  const rows = typeof header.height === 'number' ? header.height : 24
  const limit = typeof header.idle_time_limit === 'number' ? header.idle_time_limit : idleLimit

  const events: CastEvent[] = []
  let lastRaw = 0
  let time = 0
  for (const line of lines.slice(1)) {
    let entry: unknown
    try {
      entry = JSON.parse(line)
    } catch {
      continue // a recording cut short by a crash ends in half a line
    }
    if (!Array.isArray(entry) || entry.length < 3) continue
    const [at, code, data] = entry as [unknown, unknown, unknown]
    if (typeof at !== 'number' || typeof data !== 'string') continue
    time += Math.min(Math.max(at - lastRaw, 0), limit)
    lastRaw = at
    if (code === 'o') {
      events.push({ time, kind: 'output', data })
    } else if (code === 'r') {
      const size = /^(\d+)x(\d+)$/.exec(data)
      if (size) events.push({ time, kind: 'resize', cols: Number(size[1]), rows: Number(size[2]) })
    }
  }
  return { cols, rows, events, duration: events.at(-1)?.time ?? 0 }
}

/** 83 → "1:23", 3723 → "1:02:03". */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** `<title>-<YYYY-MM-DD>.cast`, safe on every file system. */
export function castFileName(title: string, startedAt: number): string {
  const date = new Date(startedAt)
  const day = [
    date.getFullYear(),
    String(date.getMonth() + 1).padStart(2, '0'),
    String(date.getDate()).padStart(2, '0'),
  ].join('-')
  const safeTitle = title.replace(/[^\w.@-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'session'
  return `${safeTitle}-${day}.cast`
}
