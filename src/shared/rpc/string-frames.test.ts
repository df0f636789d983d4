import { describe, expect, it } from 'vitest'
import { LONG_STRING_CHARS, decodeStringFrame, encodeStringFrame } from './string-frames'

const output = 'ünïcödé ✓ 🖥️ \x1b[1mbold\x1b[0m "quoted" \\ back\r\n'.repeat(200)

describe('string frames', () => {
  it('carry a long string and the rest of the message through unchanged', () => {
    const message = { t: 'event', id: 7, data: { data: output, other: 1 } }
    const frame = encodeStringFrame(message)
    expect(frame).toBeInstanceOf(Uint8Array)
    expect(decodeStringFrame(frame as Uint8Array)).toEqual(message)
    // The original message is not touched on the way.
    expect(message.data.data).toBe(output)
  })

  it('leave messages without a long string to JSON', () => {
    expect(
      encodeStringFrame({ t: 'event', id: 1, data: { data: 'x'.repeat(LONG_STRING_CHARS - 1) } }),
    ).toBeNull()
    expect(
      encodeStringFrame({ t: 'ok', id: 1, output: ['y'.repeat(LONG_STRING_CHARS)] }),
    ).toBeNull()
    expect(encodeStringFrame('z'.repeat(LONG_STRING_CHARS))).toBeNull()
  })

  it('refuse frames that are cut short, overrun, or point at the wrong place', () => {
    const frame = encodeStringFrame({ t: 'event', id: 1, data: { data: output } }) as Uint8Array
    expect(() => decodeStringFrame(frame.subarray(0, 3))).toThrow()
    const overrun = frame.slice()
    new DataView(overrun.buffer).setUint32(0, frame.length)
    expect(() => decodeStringFrame(overrun)).toThrow(/overruns/)
    const head = new TextEncoder().encode(JSON.stringify({ message: { a: 1 }, path: ['a'] }))
    const wrong = new Uint8Array(4 + head.length + 1)
    new DataView(wrong.buffer).setUint32(0, head.length)
    wrong.set(head, 4)
    expect(() => decodeStringFrame(wrong)).toThrow(/does not fit/)
  })

  it('refuse a body that is not UTF-8', () => {
    const frame = encodeStringFrame({ t: 'event', id: 1, data: { data: output } }) as Uint8Array
    const broken = new Uint8Array(frame.length + 1)
    broken.set(frame)
    broken[frame.length] = 0xff
    expect(() => decodeStringFrame(broken)).toThrow()
  })
})
