/**
 * How the command palette orders what it finds. Pure, so the order can be tested without a
 * page: every source (commands, clients, devices, tickets) turns what was typed into entries
 * with a match, and `rankPalette` puts them in sections.
 *
 * The order, and why:
 * 1. "Best match": entries the typed text names exactly (a ticket number, a hostname, an IP, a
 *    client's name or short code, a command's whole label). Someone who types an identifier
 *    wants that thing, and Enter should take them there without arrow keys.
 * 2. Then by kind: commands, clients, vendors, devices, tickets. Commands first because they are few
 *    and only listed when every typed word starts one of their words ("theme" must not lose
 *    to tickets that merely mention it); tickets last because their text search is the
 *    loosest (subject, description and notes).
 * 3. Within a kind: a higher score first, then the source's own order (main has already
 *    ranked devices, exact and prefix matches first; tickets come newest first; commands in
 *    the order they are declared), then the key, so equal entries never swap between renders.
 */

export type PaletteKind = 'command' | 'client' | 'vendor' | 'device' | 'ticket'

const KIND_ORDER: readonly PaletteKind[] = ['command', 'client', 'vendor', 'device', 'ticket']

const KIND_HEADINGS: Record<PaletteKind, string> = {
  command: 'Commands',
  client: 'Clients',
  vendor: 'Vendors',
  device: 'Devices',
  ticket: 'Tickets',
}

export const BEST_MATCH_HEADING = 'Best match'

export interface PaletteMatch {
  /** The typed text names this entry whole; it goes to "Best match". */
  exact: boolean
  /** Higher first, within the entry's kind. */
  score: number
  /** What matched, for the item to show ("code", "hostname", ...); null: nothing to add. */
  field: string | null
}

export interface PaletteEntry<T> {
  /** Unique across the palette; the last tie-break. */
  key: string
  kind: PaletteKind
  match: PaletteMatch
  /** Position within its source (main's rank, a list's order, declaration order). */
  order: number
  /** A command's heading when nothing is typed ("Go to", "View"); ignored while typing. */
  group?: string
  item: T
}

export interface PaletteSection<T> {
  heading: string
  entries: PaletteEntry<T>[]
}

/** What was typed, as compared: trimmed, lower case, runs of spaces as one. */
export function normalizeTyped(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase()
}

/** The words of a text: letters and digits, lower case ("Theme: Dark" → theme, dark). */
export function paletteWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

/**
 * A command found by its words: every typed word must start a word of its label or keywords,
 * in any order ("dark theme" finds "Theme: Dark"). A typed word that is a whole word of the
 * label scores 3, one that starts a label word 2, one found only among the keywords 1, so
 * "team" puts "Go to Team" above "Sync now" (keyword "team"). Typing the label's words in
 * its order is an exact match. Nothing typed: every command, in declaration order.
 */
export function matchCommand(
  typed: string,
  label: string,
  keywords: readonly string[] = [],
): PaletteMatch | null {
  const wanted = paletteWords(typed)
  if (wanted.length === 0) return { exact: false, score: 0, field: null }
  const labelWords = paletteWords(label)
  const keywordWords = keywords.flatMap(paletteWords)
  let score = 0
  for (const word of wanted) {
    if (labelWords.includes(word)) score += 3
    else if (labelWords.some((w) => w.startsWith(word))) score += 2
    else if (keywordWords.some((w) => w.startsWith(word))) score += 1
    else return null
  }
  return { exact: wanted.join(' ') === labelWords.join(' '), score, field: null }
}

/**
 * A client found by its short code or name. The whole code or the whole name is exact; the
 * typed text starting the code scores 2 (codes are what technicians type); every typed word
 * starting a word of the name scores 1. Nothing typed: no clients (the list page has them).
 */
export function matchClient(
  typed: string,
  client: { name: string; shortCode: string },
): PaletteMatch | null {
  const text = normalizeTyped(typed)
  if (text === '') return null
  const code = client.shortCode.toLowerCase()
  if (text === code) return { exact: true, score: 2, field: 'code' }
  if (text === normalizeTyped(client.name)) return { exact: true, score: 1, field: 'name' }
  if (code !== '' && code.startsWith(text)) return { exact: false, score: 2, field: 'code' }
  const wanted = paletteWords(text)
  const nameWords = paletteWords(client.name)
  if (wanted.length > 0 && wanted.every((word) => nameWords.some((w) => w.startsWith(word)))) {
    return { exact: false, score: 1, field: 'name' }
  }
  return null
}

/** The device fields whose whole value names one device, so typing it is an exact match. */
const IDENTIFYING_DEVICE_FIELDS: ReadonlySet<string> = new Set(['hostname', 'ip', 'serial'])

/**
 * A device main found. It is exact when the typed text is its whole hostname, or the whole
 * IP or serial main says matched; otherwise main's order stands (score 0), and `field` says
 * which field matched for the item to show.
 */
export function matchDevice(
  typed: string,
  row: { hostname: string; matched?: { field: string; value: string; how: string } },
): PaletteMatch {
  const text = normalizeTyped(typed)
  const matched = row.matched
  const exact =
    text === row.hostname.toLowerCase() ||
    (matched !== undefined &&
      IDENTIFYING_DEVICE_FIELDS.has(matched.field) &&
      text === matched.value.toLowerCase())
  return { exact, score: 0, field: matched?.field ?? null }
}

/**
 * A ticket main found by its text: "number" when the typed text is part of its number,
 * "subject" when every typed word starts a word of the subject, else "text" (its description
 * or notes matched). A whole number is looked up apart, as an exact match.
 */
export function matchTicket(typed: string, row: { number: string; subject: string }): PaletteMatch {
  const text = normalizeTyped(typed)
  if (text !== '' && row.number.toLowerCase().includes(text)) {
    return { exact: text === row.number.toLowerCase(), score: 0, field: 'number' }
  }
  const wanted = paletteWords(text)
  const subjectWords = paletteWords(row.subject)
  const inSubject =
    wanted.length > 0 && wanted.every((word) => subjectWords.some((w) => w.startsWith(word)))
  return { exact: false, score: 0, field: inSubject ? 'subject' : 'text' }
}

function compareEntries<T>(a: PaletteEntry<T>, b: PaletteEntry<T>): number {
  return (
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    b.match.score - a.match.score ||
    a.order - b.order ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}

/**
 * The palette's sections, in the order above. With nothing typed, commands keep their own
 * headings ("Go to", "View") as a menu; while typing they are one "Commands" section.
 */
export function rankPalette<T>(
  typed: string,
  entries: readonly PaletteEntry<T>[],
): PaletteSection<T>[] {
  const typing = normalizeTyped(typed) !== ''
  const sorted = [...entries].sort(compareEntries)
  const sections: PaletteSection<T>[] = []
  const add = (heading: string, entry: PaletteEntry<T>): void => {
    const last = sections[sections.length - 1]
    if (last && last.heading === heading) last.entries.push(entry)
    else sections.push({ heading, entries: [entry] })
  }
  const best = typing ? sorted.filter((entry) => entry.match.exact) : []
  for (const entry of best) add(BEST_MATCH_HEADING, entry)
  for (const entry of sorted) {
    if (best.includes(entry)) continue
    const heading =
      entry.kind === 'command' && !typing && entry.group ? entry.group : KIND_HEADINGS[entry.kind]
    add(heading, entry)
  }
  return sections
}

/** A piece of a text, and whether it is what a typed word matched. */
export interface TextPart {
  text: string
  marked: boolean
}

/**
 * A name or subject cut into pieces with the start of each word a typed word starts marked,
 * the longest typed word winning ("aca" in "St. Hayes Academy" marks "Aca"), so the item
 * shows what matched rather than the whole name.
 */
export function markWordStarts(text: string, typed: string): TextPart[] {
  const wanted = paletteWords(typed)
    .slice()
    .sort((a, b) => b.length - a.length)
  const parts: TextPart[] = []
  let at = 0
  const push = (piece: string, marked: boolean): void => {
    if (piece === '') return
    const last = parts[parts.length - 1]
    if (last && last.marked === marked) last.text += piece
    else parts.push({ text: piece, marked })
  }
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = found[0]
    const start = found.index
    const hit = wanted.find((w) => word.slice(0, w.length).toLowerCase() === w)
    if (!hit) continue
    push(text.slice(at, start), false)
    push(word.slice(0, hit.length), true)
    at = start + hit.length
  }
  push(text.slice(at), false)
  return parts
}
