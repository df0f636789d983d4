import { describe, expect, it } from 'vitest'
import {
  chunkRanges,
  sendPlan,
  uploadInChunks,
  INLINE_MAX_BYTES,
  UPLOAD_MAX_BYTES,
  type UploadCalls,
} from './csv-upload'

describe('sending a CSV file', () => {
  it('sends small files inline, larger ones in chunks, and refuses what main would', () => {
    expect(sendPlan(10)).toBe('inline')
    expect(sendPlan(INLINE_MAX_BYTES)).toBe('inline')
    expect(sendPlan(INLINE_MAX_BYTES + 1)).toBe('chunked')
    expect(sendPlan(UPLOAD_MAX_BYTES)).toBe('chunked')
    expect(sendPlan(UPLOAD_MAX_BYTES + 1)).toBe('too-large')
  })

  it('cuts a file into ordered chunks that cover it exactly', () => {
    expect(chunkRanges(10, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ])
    expect(chunkRanges(8, 4)).toHaveLength(2)
    expect(chunkRanges(0, 4)).toEqual([])
  })
})

/** An in-memory stand-in for main's upload calls, checking order and reassembling bytes. */
function fakeMain(options: { failAt?: number } = {}) {
  const received: number[] = []
  let size = 0
  let ended = false
  const calls: UploadCalls = {
    begin: async (n) => {
      size = n
      return { uploadId: 'u1', chunkBytes: 3 }
    },
    chunk: async (_id, offset, base64) => {
      if (offset !== received.length)
        throw new Error(`chunk at ${offset}, expected ${received.length}`)
      if (options.failAt === offset) throw new Error('connection lost')
      received.push(...Buffer.from(base64, 'base64'))
      return { complete: received.length === size }
    },
    end: async () => {
      ended = true
      return { released: true }
    },
  }
  return { calls, received, ended: () => ended }
}

describe('uploadInChunks', () => {
  it('sends every byte in order and reports progress up to all of it', async () => {
    const main = fakeMain()
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 255])
    const progress: number[] = []
    await expect(uploadInChunks(bytes, main.calls, (p) => progress.push(p))).resolves.toBe('u1')
    expect(main.received).toEqual([...bytes])
    expect(progress).toEqual([3 / 8, 6 / 8, 1])
    expect(main.ended()).toBe(false)
  })

  it('releases the upload when a chunk fails', async () => {
    const main = fakeMain({ failAt: 3 })
    await expect(uploadInChunks(new Uint8Array(8), main.calls, () => undefined)).rejects.toThrow(
      'connection lost',
    )
    expect(main.ended()).toBe(true)
  })
})
