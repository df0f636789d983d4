import { openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../../testing/temp-dir'
import { AppendWriter } from './append-writer'

const tempDir = useTempDirs()

function writerIn(dir: string, options?: ConstructorParameters<typeof AppendWriter>[1]) {
  const file = join(dir, 'out.txt')
  return { file, writer: new AppendWriter(openSync(file, 'wx'), options) }
}

describe('AppendWriter', () => {
  it('keeps order across batches written in the background and the tail written on close', async () => {
    const { file, writer } = writerIn(tempDir(), { flushChars: 1000 })
    const parts = Array.from({ length: 300 }, (_, i) => `line ${i} — ünïcödé ✓\n`)
    for (const part of parts) writer.append(part)
    await writer.close()
    const text = readFileSync(file, 'utf8')
    expect(text).toBe(parts.join(''))
    expect(writer.bytes).toBe(Buffer.byteLength(text))
  })

  it('has the whole file in place when close() returns with no write in flight', () => {
    const { file, writer } = writerIn(tempDir())
    writer.append('small tail\n')
    void writer.close()
    expect(readFileSync(file, 'utf8')).toBe('small tail\n')
  })

  it('ignores appends after close', async () => {
    const { file, writer } = writerIn(tempDir())
    writer.append('kept\n')
    await writer.close()
    writer.append('dropped\n')
    await writer.close()
    expect(readFileSync(file, 'utf8')).toBe('kept\n')
  })
})
