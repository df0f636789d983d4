/**
 * A binary frame for a message that carries one long string, such as a batch of terminal
 * output: the message as JSON with that string left out, then the string's UTF-8 bytes.
 * Escaping 64 KB of terminal text for JSON (every line ends in \r\n) and parsing it back costs
 * several times more than copying its bytes, on both ends of the link.
 *
 * Layout: header length (4 bytes, big-endian), header (UTF-8 JSON `{ message, path }`, the
 * string's place in `message` left empty), the string (UTF-8).
 */

/** Strings shorter than this travel as ordinary JSON. */
export const LONG_STRING_CHARS = 4096

const MAX_DEPTH = 4

interface FrameHeader {
  message: unknown
  path: string[]
}

const encoder = new TextEncoder()
// Fatal: a frame that is not valid UTF-8 is refused, not patched with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true })

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function findLongString(value: unknown, depth: number): string[] | null {
  if (!isPlainObject(value) || depth > MAX_DEPTH) return null
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === 'string' && child.length >= LONG_STRING_CHARS) return [key]
    const below = findLongString(child, depth + 1)
    if (below) return [key, ...below]
  }
  return null
}

/** `value` with the string at `path` replaced: objects on the way are copied, not changed. */
function replaceAt(value: unknown, path: string[], replacement: string): unknown {
  const [key, ...rest] = path
  if (key === undefined || !isPlainObject(value)) return replacement
  return { ...value, [key]: rest.length === 0 ? replacement : replaceAt(value[key], rest, '') }
}

/** The frame for `message`, or null when it has no long string (send it as JSON then). */
export function encodeStringFrame(message: unknown): Uint8Array | null {
  const path = findLongString(message, 0)
  if (!path) return null
  let text: unknown = message
  for (const key of path) text = (text as Record<string, unknown>)[key]
  const header: FrameHeader = { message: replaceAt(message, path, ''), path }
  const head = encoder.encode(JSON.stringify(header))
  const body = encoder.encode(text as string)
  const frame = new Uint8Array(4 + head.length + body.length)
  new DataView(frame.buffer).setUint32(0, head.length)
  frame.set(head, 4)
  frame.set(body, 4 + head.length)
  return frame
}

/** The message a frame carries; throws when the frame is malformed. */
export function decodeStringFrame(frame: Uint8Array): unknown {
  if (frame.length < 4) throw new Error('String frame too short')
  const headLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0)
  if (4 + headLength > frame.length) throw new Error('String frame header overruns the frame')
  const header = JSON.parse(decoder.decode(frame.subarray(4, 4 + headLength))) as unknown
  if (
    !isPlainObject(header) ||
    !Array.isArray(header.path) ||
    header.path.length === 0 ||
    header.path.length > MAX_DEPTH + 1 ||
    !header.path.every((key) => typeof key === 'string')
  ) {
    throw new Error('String frame header is malformed')
  }
  const path = header.path as string[]
  let holder: unknown = header.message
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(holder)) throw new Error('String frame path does not fit its message')
    holder = holder[key]
  }
  const last = path[path.length - 1] as string
  if (!isPlainObject(holder) || holder[last] !== '') {
    throw new Error('String frame path does not fit its message')
  }
  holder[last] = decoder.decode(frame.subarray(4 + headLength))
  return header.message
}
