/**
 * What a paste may send to a host, and when to ask first. Pasted text comes from web pages,
 * chats and tickets the technician does not control, so nothing in it may act as a key:
 *
 * - Control characters other than tab and line breaks never go out. A host takes them as keys
 *   (Ctrl-O runs the line in bash), and some act before any program sees them (the tty turns
 *   Ctrl-C into SIGINT even inside a bracketed paste). ESC goes too, so no text can close a
 *   bracketed paste early with `ESC [ 201 ~`, whatever nesting or splitting it tries; C1
 *   controls go with it (0x9B is the 8-bit CSI).
 * - Line breaks are Enter. Where the host turned bracketed paste on, it holds pasted lines
 *   until the technician presses Enter. Where it did not, every line would run as it
 *   arrives, so they are joined into one line unless the technician chose to run them.
 *
 * Any paste that holds a control character or a line break is shown to the technician first.
 */

const ESC = '\x1b'
export const PASTE_START = `${ESC}[200~`
export const PASTE_END = `${ESC}[201~`

/** Everything a host could take as a key, except tab: C0 (bar tab, LF, CR), DEL and C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const KEYLIKE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g
// eslint-disable-next-line no-control-regex -- the 7-bit and 8-bit forms of CSI 201 ~
const PASTE_END_FORMS = /(?:\x1b\[|\x9b)201~/
const LINE_BREAK = /\r\n|\n|\r/

export type PasteReason =
  /** ESC [ 201 ~ would end a bracketed paste and turn the rest into typed keys. */
  | 'paste-end-marker'
  /** Control characters other than tab and line breaks; they are left out. */
  | 'control-characters'
  /** Line breaks, held by the host until Enter (bracketed paste is on). */
  | 'line-breaks-held'
  /** Line breaks that would each run a command (bracketed paste is off). */
  | 'line-breaks-run'

export interface PasteCheck {
  /** Lines of text; a final line break ends the last line rather than starting one. */
  lines: number
  /** Each control character found (other than tab and line breaks) once, as shown. */
  controls: string[]
  /** Why the technician is asked; none means the text goes out as it is. */
  reasons: PasteReason[]
}

/** What to ask about `text` before pasting it where bracketed paste is `bracketed`. */
export function checkPaste(text: string, bracketed: boolean): PasteCheck {
  const lines = splitLines(text)
  const controls = [...new Set(Array.from(text.matchAll(KEYLIKE), ([c]) => controlName(c)))]
  const reasons: PasteReason[] = []
  if (PASTE_END_FORMS.test(text)) reasons.push('paste-end-marker')
  if (controls.length > 0) reasons.push('control-characters')
  if (LINE_BREAK.test(text)) reasons.push(bracketed ? 'line-breaks-held' : 'line-breaks-run')
  return { lines: lines.length, controls, reasons }
}

export interface PasteEncoding {
  /** The host turned bracketed paste on (DECSET 2004), at the moment of sending. */
  bracketed: boolean
  /** Without bracketed paste: send line breaks as Enter (the technician chose to run them). */
  runLines: boolean
}

/**
 * The keys to send for pasted `text`: never a control character but tab and CR, never an
 * Enter the text did not hold, and none at all outside a bracketed paste unless `runLines`.
 */
export function encodePaste(text: string, how: PasteEncoding): string {
  const kept = text.replace(KEYLIKE, '')
  // One CR per line break, as a keyboard's Enter sends (and as xterm.js pastes).
  const asTyped = kept.replace(/\r?\n/g, '\r')
  if (how.bracketed) return asTyped ? `${PASTE_START}${asTyped}${PASTE_END}` : ''
  if (how.runLines) return asTyped
  return asTyped.replace(/^\r+|\r+$/g, '').replace(/\r+/g, ' ')
}

/** One piece of a line as the confirmation shows it: text, or a control made visible. */
export interface ShownPiece {
  text: string
  /** Set for a control character: its plain name (e.g. "Ctrl-O"), for a tooltip and readers. */
  control?: string
}

/**
 * The text as the confirmation shows it, line by line: every control character visible in
 * caret notation (^O, ^[, ^?) or as <9B> for C1, and a lone CR, which most viewers hide but a
 * host takes as Enter, as ␍ at the end of its line.
 */
export function showPaste(text: string): ShownPiece[][] {
  const shown: ShownPiece[][] = []
  const breaks = /\r\n|\n|\r/g
  let start = 0
  for (const match of text.matchAll(breaks)) {
    const line = showLine(text.slice(start, match.index))
    if (match[0] === '\r') line.push({ text: '␍', control: 'Ctrl-M (carriage return)' })
    shown.push(line)
    start = match.index + match[0].length
  }
  if (start < text.length || shown.length === 0) shown.push(showLine(text.slice(start)))
  return shown
}

function showLine(line: string): ShownPiece[] {
  const pieces: ShownPiece[] = []
  let at = 0
  for (const match of line.matchAll(KEYLIKE)) {
    if (match.index > at) pieces.push({ text: line.slice(at, match.index) })
    pieces.push({ text: controlName(match[0]), control: spokenName(match[0]) })
    at = match.index + 1
  }
  if (at < line.length) pieces.push({ text: line.slice(at) })
  return pieces
}

function splitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** ^@…^_ for C0, ^? for DEL, <80>…<9F> for C1. */
export function controlName(char: string): string {
  const code = char.charCodeAt(0)
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`
  if (code === 0x7f) return '^?'
  return `<${code.toString(16).toUpperCase()}>`
}

function spokenName(char: string): string {
  const code = char.charCodeAt(0)
  if (code === 0x1b) return 'Escape'
  if (code < 0x20) return `Ctrl-${String.fromCharCode(code + 0x40)}`
  if (code === 0x7f) return 'Delete'
  return `C1 control ${controlName(char)}`
}
