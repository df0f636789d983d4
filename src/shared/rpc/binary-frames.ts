/**
 * A binary frame for a message that carries bytes (terminal output) or one long string: the
 * message as JSON with that value left out, then the value itself. Bytes travel as they are,
 * so terminal output is never decoded, escaped for JSON, parsed and re-encoded on its way to
 * xterm.js; a long string travels as its UTF-8 bytes, since escaping 64 KB of text for JSON
 * (every line ends in \r\n) and parsing it back costs several times more than copying it.
 *
 * Layout: header length (4 bytes, big-endian), header (UTF-8 JSON `{ message, path, body }`,
 * the value's place in `message` left as ''), the body: raw bytes (`body: 'bytes'`, decoded as
 * a Uint8Array) or UTF-8 text (`body: 'text'`, decoded as a string).
 */

/** Strings shorter than this travel as ordinary JSON. */
export const LONG_STRING_CHARS = 4096

const MAX_DEPTH = 4

type BodyKind = 'text' | 'bytes'

interface FrameHeader {
  message: unknown
  path: string[]
  body: BodyKind
}

/** A frame the decoder refuses, with what is wrong with it. */
export class FrameError extends Error {
  override name = 'FrameError'
}

const encoder = new TextEncoder()
// Fatal: a frame that is not valid UTF-8 is refused, not patched with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true })

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value) &&
    !(value instanceof ArrayBuffer)
  )
}

/** Where the frame's body sits: bytes first (they cannot go as JSON), else a long string. */
function findBody(value: unknown, depth: number, kind: BodyKind): string[] | null {
  if (!isPlainObject(value) || depth > MAX_DEPTH) return null
  for (const [key, child] of Object.entries(value)) {
    if (kind === 'bytes' ? child instanceof Uint8Array : isLongString(child)) return [key]
    const below = findBody(child, depth + 1, kind)
    if (below) return [key, ...below]
  }
  return null
}

function isLongString(value: unknown): value is string {
  return typeof value === 'string' && value.length >= LONG_STRING_CHARS
}

/** Whether `message` holds bytes, which only a binary frame can carry. */
export function carriesBytes(message: unknown): boolean {
  return findBody(message, 0, 'bytes') !== null
}

/** `value` with the value at `path` replaced: objects on the way are copied, not changed. */
function replaceAt(value: unknown, path: string[], replacement: string): unknown {
  const [key, ...rest] = path
  if (key === undefined || !isPlainObject(value)) return replacement
  return { ...value, [key]: rest.length === 0 ? replacement : replaceAt(value[key], rest, '') }
}

/** JSON that refuses bytes rather than spelling them as `{"0":27,"1":91,…}`. */
export function jsonWithoutBytes(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => {
    if (ArrayBuffer.isView(child) || child instanceof ArrayBuffer) {
      throw new TypeError('Bytes can only travel in a binary frame, one value per message')
    }
    return child
  })
}

/**
 * The frame for `message`, or null when it holds neither bytes nor a long string (send it as
 * JSON then). Throws a TypeError when it cannot be encoded (bytes in two places).
 */
export function encodeBinaryFrame(message: unknown): Uint8Array | null {
  let body: BodyKind = 'bytes'
  let path = findBody(message, 0, body)
  if (!path) {
    body = 'text'
    path = findBody(message, 0, body)
  }
  if (!path) return null
  let value: unknown = message
  for (const key of path) value = (value as Record<string, unknown>)[key]
  const header: FrameHeader = { message: replaceAt(message, path, ''), path, body }
  const head = encoder.encode(jsonWithoutBytes(header))
  const bytes = body === 'bytes' ? (value as Uint8Array) : encoder.encode(value as string)
  const frame = new Uint8Array(4 + head.length + bytes.length)
  new DataView(frame.buffer).setUint32(0, head.length)
  frame.set(head, 4)
  frame.set(bytes, 4 + head.length)
  return frame
}

function parseHeader(bytes: Uint8Array): unknown {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    throw new FrameError('Binary frame header is not UTF-8')
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new FrameError('Binary frame header is not JSON')
  }
}

/**
 * The message a frame carries; throws a FrameError when the frame is malformed. A bytes body
 * is a view into `frame` (no copy): whoever keeps it keeps the frame's buffer.
 */
export function decodeBinaryFrame(frame: Uint8Array): unknown {
  if (frame.length < 4) throw new FrameError('Binary frame too short for its header length')
  const headLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0)
  if (4 + headLength > frame.length) throw new FrameError('Binary frame header overruns the frame')
  const header = parseHeader(frame.subarray(4, 4 + headLength))
  if (
    !isPlainObject(header) ||
    (header.body !== 'text' && header.body !== 'bytes') ||
    !Array.isArray(header.path) ||
    header.path.length === 0 ||
    header.path.length > MAX_DEPTH + 1 ||
    !header.path.every((key) => typeof key === 'string')
  ) {
    throw new FrameError('Binary frame header is malformed')
  }
  const path = header.path as string[]
  let holder: unknown = header.message
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(holder)) throw new FrameError('Binary frame path does not fit its message')
    holder = holder[key]
  }
  const last = path[path.length - 1] as string
  if (!isPlainObject(holder) || !Object.hasOwn(holder, last) || holder[last] !== '') {
    throw new FrameError('Binary frame path does not fit its message')
  }
  const body = frame.subarray(4 + headLength)
  if (header.body === 'bytes') {
    holder[last] = body
    return header.message
  }
  try {
    holder[last] = decoder.decode(body)
  } catch {
    throw new FrameError('Binary frame text is not UTF-8')
  }
  return header.message
}
