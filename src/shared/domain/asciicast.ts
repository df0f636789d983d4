/**
 * Reading asciicast v2 line by line (a JSON header line, then `[time, code, data]` lines), the
 * same way in main (indexing a recording for seeks) and in the renderer (replaying it).
 */

/** Longest pause kept on replay: nobody wants to watch ten minutes of an idle prompt. */
export const DEFAULT_IDLE_LIMIT_S = 2

export interface CastHeader {
  cols: number
  rows: number
  /** The header's `idle_time_limit`, or the default. */
  idleLimit: number
}

export type CastEvent =
  | { time: number; kind: 'output'; data: string }
  | { time: number; kind: 'resize'; cols: number; rows: number }

/** Where the replay timeline stands: its own time and the file's time of the last event. */
export interface CastClock {
  time: number
  rawTime: number
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseCastHeader(line: string, idleLimit = DEFAULT_IDLE_LIMIT_S): CastHeader {
  let header: unknown
  try {
    header = JSON.parse(line)
  } catch {
    header = null
  }
  if (!isRecord(header) || header.version !== 2) throw new Error('Not an asciicast v2 recording')
  const size = (value: unknown, fallback: number): number =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback
  return {
    cols: size(header.width, 80),
    rows: size(header.height, 24),
    idleLimit:
      typeof header.idle_time_limit === 'number' && header.idle_time_limit >= 0
        ? header.idle_time_limit
        : idleLimit,
  }
}

/**
 * One event line: output ('o') and resize ('r') events come back on the replay timeline,
 * with pauses over the idle limit shortened to it. Input ('i') and marker ('m') events only
 * move the clock (the output already shows what was typed, and the recorder writes its
 * markers as output too). A line that is not an event (a crash cuts the last one in half)
 * is null and leaves the clock alone.
 */
export function readCastLine(line: string, clock: CastClock, idleLimit: number): CastEvent | null {
  let entry: unknown
  try {
    entry = JSON.parse(line)
  } catch {
    return null
  }
  if (!Array.isArray(entry) || entry.length < 3) return null
  const [at, code, data] = entry as [unknown, unknown, unknown]
  if (typeof at !== 'number' || !Number.isFinite(at) || typeof data !== 'string') return null
  clock.time += Math.min(Math.max(at - clock.rawTime, 0), idleLimit)
  clock.rawTime = at
  if (code === 'o') return { time: clock.time, kind: 'output', data }
  if (code === 'r') {
    const size = /^(\d+)x(\d+)$/.exec(data)
    if (size && Number(size[1]) > 0 && Number(size[2]) > 0) {
      return { time: clock.time, kind: 'resize', cols: Number(size[1]), rows: Number(size[2]) }
    }
  }
  return null
}

// A full reset, a clear with the cursor sent home (either order), and the switches in and out
// of the alternate screen (whose clears say nothing about the normal screen underneath).
const SCREEN_SEQUENCES =
  // eslint-disable-next-line no-control-regex -- terminal control sequences are the point
  /\x1bc|\x1b\[(?:1;1)?H\x1b\[2J|\x1b\[2J\x1b\[(?:1;1)?H|\x1b\[\?(?:1049|1047|47)([hl])/g

/**
 * Whether output leaves the normal screen freshly cleared with the cursor home, so replaying
 * from this event on a reset terminal shows what the full replay would; and whether the
 * alternate screen is on afterwards. Colours and modes set before it are not carried over.
 */
export function screenAfter(
  data: string,
  inAltScreen: boolean,
): { cleared: boolean; inAltScreen: boolean } {
  let cleared = false
  let alt = inAltScreen
  for (const match of data.matchAll(SCREEN_SEQUENCES)) {
    if (match[1] === 'h') alt = true
    else if (match[1] === 'l') alt = false
    else if (match[0] === '\x1bc') {
      alt = false
      cleared = true
    } else if (!alt) cleared = true
  }
  return { cleared: cleared && !alt, inAltScreen: alt }
}
