import { describe, expect, it } from 'vitest'
import { CSV_UPLOAD_CHUNK_BYTES } from '../../../../shared/contract'
import { CsvUploads } from './csv-uploads'

function uploads() {
  let now = 1_000_000
  const store = new CsvUploads(() => now)
  return { store, advance: (ms: number) => (now += ms) }
}

describe('chunked CSV uploads', () => {
  it('puts in-order chunks together into the declared file', () => {
    const { store } = uploads()
    const file = Buffer.from('Hostname,IP\npc-1,10.0.0.1\npc-2,10.0.0.2\n')
    const { uploadId, chunkBytes } = store.begin('a', file.length)
    expect(chunkBytes).toBe(CSV_UPLOAD_CHUNK_BYTES)
    expect(store.chunk('a', uploadId, 0, file.subarray(0, 10))).toEqual({
      received: 10,
      complete: false,
    })
    expect(store.chunk('a', uploadId, 10, file.subarray(10))).toEqual({
      received: file.length,
      complete: true,
    })
    expect(store.bytes('a', uploadId).equals(file)).toBe(true)
  })

  it('refuses a chunk out of order, past the size, or too big', () => {
    const { store } = uploads()
    const { uploadId } = store.begin('a', 8)
    store.chunk('a', uploadId, 0, Buffer.from('abcd'))
    expect(() => store.chunk('a', uploadId, 0, Buffer.from('abcd'))).toThrow(
      'The chunk starts at byte 0; the upload has 4 bytes so far',
    )
    expect(() => store.chunk('a', uploadId, 8, Buffer.from('x'))).toThrow(/starts at byte 8/)
    expect(() => store.chunk('a', uploadId, 4, Buffer.from('efghi'))).toThrow(
      'The chunk goes past the declared size of 8 bytes',
    )
    const big = store.begin('a', CSV_UPLOAD_CHUNK_BYTES + 1)
    expect(() =>
      store.chunk('a', big.uploadId, 0, Buffer.alloc(CSV_UPLOAD_CHUNK_BYTES + 1)),
    ).toThrow(/at most/)
    // Nothing refused was kept.
    expect(store.chunk('a', uploadId, 4, Buffer.from('efgh'))).toEqual({
      received: 8,
      complete: true,
    })
  })

  it('will not hand out a file that is missing bytes', () => {
    const { store } = uploads()
    const { uploadId } = store.begin('a', 10)
    store.chunk('a', uploadId, 0, Buffer.from('12345'))
    expect(() => store.bytes('a', uploadId)).toThrow(
      'The upload is incomplete: 5 of 10 bytes received',
    )
  })

  it('forgets an upload when told, and one left idle for 15 minutes', () => {
    const { store, advance } = uploads()
    const done = store.begin('a', 1).uploadId
    expect(store.end('a', done)).toBe(true)
    expect(store.end('a', done)).toBe(false)
    expect(() => store.bytes('a', done)).toThrow(expect.objectContaining({ code: 'not-found' }))

    const idle = store.begin('a', 4).uploadId
    const active = store.begin('a', 4).uploadId
    advance(10 * 60_000)
    store.chunk('a', active, 0, Buffer.from('ab'))
    advance(6 * 60_000)
    expect(() => store.chunk('a', idle, 0, Buffer.from('ab'))).toThrow(/No such CSV upload/)
    expect(store.chunk('a', active, 2, Buffer.from('cd'))).toMatchObject({ complete: true })
  })

  it('holds a bounded number of uploads', () => {
    const { store } = uploads()
    const ids = [1, 2, 3, 4].map(() => store.begin('a', 1).uploadId)
    expect(() => store.begin('a', 1)).toThrow(expect.objectContaining({ code: 'conflict' }))
    store.end('a', ids[0] as string)
    expect(store.begin('a', 1).uploadId).toEqual(expect.any(String))
  })

  it('keeps each owner to its own allowance, its own uploads, and drops them all when it leaves', () => {
    const { store } = uploads()
    const mine = [1, 2, 3, 4].map(() => store.begin('a', 1).uploadId)
    expect(() => store.begin('a', 1)).toThrow(expect.objectContaining({ code: 'conflict' }))
    const theirs = store.begin('b', 1).uploadId
    expect(() => store.chunk('b', mine[0] as string, 0, Buffer.from('x'))).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    )
    expect(store.end('b', mine[0] as string)).toBe(false)
    store.endAll('a')
    for (const id of mine) expect(() => store.bytes('a', id)).toThrow(/No such CSV upload/)
    expect(store.begin('a', 1).uploadId).toEqual(expect.any(String))
    expect(store.chunk('b', theirs, 0, Buffer.from('x'))).toEqual({ received: 1, complete: true })
  })
})
