/**
 * The commands a technician typed in a session, read back from the keystrokes an asciicast
 * recording holds ("i" events). Keystrokes are replayed into a line buffer the way a shell's
 * line editor would take them (backspace, Ctrl-U, Ctrl-W, Ctrl-C), so "sl<BS><BS>ls -la⏎"
 * reads as "ls -la". Cursor movement and history recall cannot be followed from keystrokes
 * alone: a line edited that way is marked with "(edited)" rather than guessed. Passwords
 * never reach this: the recorder drops input while the remote shows a password prompt.
 */

/** At most this many commands go into a draft note. */
export const MAX_COMMANDS = 50
const MAX_COMMAND_CHARS = 200

/** The keystrokes ("i" events, in order) of an asciicast v2 text. */
export function inputEvents(asciicast: string): string[] {
  const keys: string[] = []
  const lines = asciicast.split('\n')
  // The first line is the header; every other non-empty line is [time, code, data].
  for (const line of lines.slice(1)) {
    if (line === '') continue
    try {
      const event = JSON.parse(line) as unknown
      if (Array.isArray(event) && event[1] === 'i' && typeof event[2] === 'string') {
        keys.push(event[2])
      }
    } catch {
      // A crash can cut the last line short; what came before still counts.
    }
  }
  return keys
}

const ESC = '\u001b'
const PASTE_START = `${ESC}[200~`
const PASTE_END = `${ESC}[201~`
/** After ESC: the rest of a CSI or SS3 sequence (arrow keys, Home, Delete, ...) or one char. */
const ESCAPE_SEQUENCE_TAIL = /^(?:\[[0-?]*[ -/]*[@-~]|O.|.)/

/** The command lines typed, in order, trimmed and without empty ones. */
export function commandsFromKeystrokes(keystrokes: readonly string[]): string[] {
  const commands: string[] = []
  let line = ''
  let edited = false
  const finish = (): void => {
    const text = line.trim()
    if (text !== '' && commands.length < MAX_COMMANDS) {
      const clipped =
        text.length > MAX_COMMAND_CHARS ? `${text.slice(0, MAX_COMMAND_CHARS - 1)}…` : text
      commands.push(edited ? `${clipped} (edited)` : clipped)
    }
    line = ''
    edited = false
  }
  const text = keystrokes.join('').split(PASTE_START).join('').split(PASTE_END).join('')
  let i = 0
  while (i < text.length) {
    const char = text[i] as string
    if (char === ESC) {
      const match = ESCAPE_SEQUENCE_TAIL.exec(text.slice(i + 1))
      const length = 1 + (match ? match[0].length : 0)
      edited = true
      i += length
      continue
    }
    i += 1
    if (char === '\r' || char === '\n') finish()
    else if (char === '\u007f' || char === '\b') line = line.slice(0, -1)
    else if (char === '\u0015')
      line = '' // Ctrl-U
    else if (char === '\u0017')
      line = line.replace(/\S*\s*$/, '') // Ctrl-W
    else if (char === '\u0003') {
      // Ctrl-C abandons the line.
      line = ''
      edited = false
    } else if (char === '\t') edited = true
    else if (char >= ' ') line += char
  }
  finish()
  return commands
}
