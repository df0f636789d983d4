import { closeSync, write, writeSync } from 'node:fs'

export interface AppendWriterOptions {
  /** Queued chars that start a write at once. */
  flushChars?: number
  /** How long a smaller tail may wait before it is written. */
  flushMs?: number
}

/**
 * Appends text to an open file in batches, off the event loop: one write per ~64 KB or per
 * 100 ms instead of one synchronous write per SSH chunk, so a busy session spends its time on
 * output and a slow disk never stalls it. `close()` writes what is left and closes the file.
 */
export class AppendWriter {
  /** Bytes appended so far: what the file holds once everything is written. */
  bytes = 0
  private queue: string[] = []
  private queuedChars = 0
  private writing = false
  private failed = false
  private timer: NodeJS.Timeout | null = null
  private closed: Promise<void> | null = null
  private onClosed: () => void = () => undefined
  private readonly flushChars: number
  private readonly flushMs: number

  constructor(
    private readonly fd: number,
    options: AppendWriterOptions = {},
  ) {
    this.flushChars = options.flushChars ?? 64 * 1024
    this.flushMs = options.flushMs ?? 100
  }

  append(text: string): void {
    if (this.closed || this.failed) return
    this.queue.push(text)
    this.queuedChars += text.length
    this.bytes += Buffer.byteLength(text)
    if (this.queuedChars >= this.flushChars) this.flush()
    else this.scheduleFlush()
  }

  /** Writes what is queued and closes the file; resolves once every byte is written. */
  close(): Promise<void> {
    if (this.closed) return this.closed
    this.closed = new Promise((resolve) => (this.onClosed = resolve))
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (!this.writing) this.finish()
    return this.closed
  }

  private scheduleFlush(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null
      this.flush()
    }, this.flushMs)
  }

  private flush(): void {
    if (this.writing || this.queue.length === 0) return
    const data = Buffer.from(this.queue.join(''))
    this.queue = []
    this.queuedChars = 0
    this.writing = true
    this.writeAll(data, () => {
      this.writing = false
      if (this.closed) this.finish()
      else if (this.queuedChars >= this.flushChars) this.flush()
      else if (this.queue.length > 0) this.scheduleFlush()
    })
  }

  private writeAll(data: Buffer, done: () => void): void {
    write(this.fd, data, 0, data.length, null, (error, written) => {
      if (error) {
        // A full or vanished disk ends the recording, not the session.
        this.failed = true
        done()
      } else if (written < data.length) this.writeAll(data.subarray(written), done)
      else done()
    })
  }

  /** The tail goes out synchronously, so the file is complete when close() returns (idle case). */
  private finish(): void {
    try {
      if (!this.failed && this.queue.length > 0) {
        const data = Buffer.from(this.queue.join(''))
        for (let at = 0; at < data.length;) at += writeSync(this.fd, data, at, data.length - at)
      }
    } catch {
      this.failed = true
    } finally {
      this.queue = []
      this.queuedChars = 0
      closeSync(this.fd)
      this.onClosed()
    }
  }
}
