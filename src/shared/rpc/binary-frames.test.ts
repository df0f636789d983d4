import { describe, expect, it } from 'vitest'
import {
  FrameError,
  LONG_STRING_CHARS,
  carriesBytes,
  decodeBinaryFrame,
  encodeBinaryFrame,
  jsonWithoutBytes,
} from './binary-frames'

const output = 'ünïcödé ✓ 🖥️ \x1b[1mbold\x1b[0m "quoted" \\ back\r\n'.repeat(200)

/** A frame with this header text and body, as a hostile or broken peer could send. */
function rawFrame(header: string, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = new TextEncoder().encode(header)
  const frame = new Uint8Array(4 + head.length + body.length)
  new DataView(frame.buffer).setUint32(0, head.length)
  frame.set(head, 4)
  frame.set(body, 4 + head.length)
  return frame
}

describe('binary frames', () => {
  it('carry a long string and the rest of the message through unchanged', () => {
    const message = { t: 'event', id: 7, data: { data: output, other: 1 } }
    const frame = encodeBinaryFrame(message)
    expect(frame).toBeInstanceOf(Uint8Array)
    expect(decodeBinaryFrame(frame as Uint8Array)).toEqual(message)
    // The original message is not touched on the way.
    expect(message.data.data).toBe(output)
  })

  it('carry bytes as they are, whatever their size, and give back a Uint8Array', () => {
    // Not UTF-8 on purpose (a lone 0xff, half a "€"): terminal output is bytes, not text.
    const bytes = new Uint8Array([0x1b, 0x5b, 0x6d, 0xff, 0xe2, 0x82])
    const message = { t: 'event', id: 3, data: { data: bytes } }
    const frame = encodeBinaryFrame(message) as Uint8Array
    // The bytes are the frame's tail, not an escaped or re-encoded copy of them.
    expect([...frame.subarray(frame.length - bytes.length)]).toEqual([...bytes])
    const decoded = decodeBinaryFrame(frame) as { data: { data: unknown } }
    expect(decoded.data.data).toBeInstanceOf(Uint8Array)
    expect(decoded).toEqual({ t: 'event', id: 3, data: { data: bytes } })
    expect(message.data.data).toBe(bytes)
  })

  it('carry empty bytes and a Buffer (main batches into Buffers) the same way', () => {
    for (const bytes of [new Uint8Array(0), Buffer.from('€ line\r\n')]) {
      const decoded = decodeBinaryFrame(
        encodeBinaryFrame({ t: 'event', id: 1, data: { data: bytes } }) as Uint8Array,
      ) as { data: { data: Uint8Array } }
      expect([...decoded.data.data]).toEqual([...bytes])
    }
  })

  it('leave messages without bytes or a long string to JSON', () => {
    expect(
      encodeBinaryFrame({ t: 'event', id: 1, data: { data: 'x'.repeat(LONG_STRING_CHARS - 1) } }),
    ).toBeNull()
    expect(
      encodeBinaryFrame({ t: 'ok', id: 1, output: ['y'.repeat(LONG_STRING_CHARS)] }),
    ).toBeNull()
    expect(encodeBinaryFrame('z'.repeat(LONG_STRING_CHARS))).toBeNull()
  })

  it('refuse to encode bytes in two places rather than spell the second as JSON', () => {
    const two = { t: 'event', id: 1, data: { a: new Uint8Array(1), b: new Uint8Array(2) } }
    expect(() => encodeBinaryFrame(two)).toThrow(TypeError)
    expect(carriesBytes(two)).toBe(true)
    expect(carriesBytes({ t: 'ok', id: 1, output: { text: output } })).toBe(false)
    expect(() => jsonWithoutBytes({ data: new Uint8Array(1) })).toThrow(TypeError)
  })

  it('refuse frames that are cut short, overrun, or point at the wrong place', () => {
    const frame = encodeBinaryFrame({ t: 'event', id: 1, data: { data: output } }) as Uint8Array
    expect(() => decodeBinaryFrame(frame.subarray(0, 3))).toThrow(/too short/)
    expect(() => decodeBinaryFrame(new Uint8Array(0))).toThrow(FrameError)
    const overrun = frame.slice()
    new DataView(overrun.buffer).setUint32(0, frame.length)
    expect(() => decodeBinaryFrame(overrun)).toThrow(/overruns/)
    const header = (path: unknown, message: unknown, body: unknown = 'bytes') =>
      rawFrame(JSON.stringify({ message, path, body }), new Uint8Array([1]))
    expect(() => decodeBinaryFrame(header(['a'], { a: 1 }))).toThrow(/does not fit/)
    expect(() => decodeBinaryFrame(header(['a', 'b'], { a: 'x' }))).toThrow(/does not fit/)
    expect(() => decodeBinaryFrame(header(['missing'], {}))).toThrow(/does not fit/)
    expect(() => decodeBinaryFrame(header([], { a: '' }))).toThrow(/malformed/)
    expect(() => decodeBinaryFrame(header([1], { a: '' }))).toThrow(/malformed/)
    expect(() => decodeBinaryFrame(header(['a'], { a: '' }, 'blob'))).toThrow(/malformed/)
    expect(() => decodeBinaryFrame(header(Array(9).fill('a'), { a: '' }))).toThrow(/malformed/)
  })

  it('refuse a header that is not JSON or not UTF-8, with an error saying so', () => {
    expect(() => decodeBinaryFrame(rawFrame('{"message": {'))).toThrow(/not JSON/)
    const notUtf8 = rawFrame('{}')
    notUtf8[4] = 0xff
    expect(() => decodeBinaryFrame(notUtf8)).toThrow(/not UTF-8/)
    expect(() => decodeBinaryFrame(rawFrame('null'))).toThrow(/malformed/)
  })

  it('refuse a text body that is not UTF-8, but take any bytes in a bytes body', () => {
    const frame = encodeBinaryFrame({ t: 'event', id: 1, data: { data: output } }) as Uint8Array
    const broken = new Uint8Array(frame.length + 1)
    broken.set(frame)
    broken[frame.length] = 0xff
    expect(() => decodeBinaryFrame(broken)).toThrow(/text is not UTF-8/)
    const bytes = rawFrame(
      JSON.stringify({ message: { data: '' }, path: ['data'], body: 'bytes' }),
      new Uint8Array([0xff]),
    )
    expect(decodeBinaryFrame(bytes)).toEqual({ data: new Uint8Array([0xff]) })
  })

  it('never let a header path reach the prototype', () => {
    const frame = rawFrame(
      '{"message":{"__proto__":""},"path":["__proto__"],"body":"bytes"}',
      new Uint8Array([7]),
    )
    const decoded = decodeBinaryFrame(frame) as Record<string, unknown>
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype)
  })
})
