import { StringDecoder } from 'node:string_decoder'

export interface OutputPumpOptions {
  /** Sends one batch to whoever shows the terminal. */
  deliver(data: string): void
  pause(): void
  resume(): void
  /** Chars per batch (one IPC/WebSocket message). */
  batchChars?: number
  /** Unacknowledged chars above which the source is paused, and below which it resumes. */
  highWatermark?: number
  lowWatermark?: number
}

/**
 * Terminal output from SSH to the renderer, batched and flow-controlled as the xterm.js
 * flow-control guide describes: bytes are decoded as UTF-8 across chunk boundaries, sent in
 * batches, and the channel is paused while the renderer is too far behind acknowledging what
 * it has drawn. Nothing is sent until a viewer is attached, so the first prompt is never lost.
 */
export class OutputPump {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''
  private unacked = 0
  private paused = false
  private attached = false
  private flushScheduled = false
  private readonly batchChars: number
  private readonly high: number
  private readonly low: number

  constructor(private readonly options: OutputPumpOptions) {
    this.batchChars = options.batchChars ?? 64 * 1024
    this.high = options.highWatermark ?? 512 * 1024
    this.low = options.lowWatermark ?? 128 * 1024
  }

  /** Raw bytes from the channel. Returns the decoded text (for recording). */
  push(chunk: Buffer): string {
    const text = this.decoder.write(chunk)
    if (!text) return text
    this.pending += text
    this.unacked += text.length
    if (!this.paused && this.unacked > this.high) {
      this.paused = true
      this.options.pause()
    }
    this.scheduleFlush()
    return text
  }

  attach(): void {
    this.attached = true
    this.scheduleFlush()
  }

  ack(chars: number): void {
    this.unacked = Math.max(0, this.unacked - chars)
    if (this.paused && this.unacked < this.low) {
      this.paused = false
      this.options.resume()
    }
  }

  get isPaused(): boolean {
    return this.paused
  }

  /** Sends what is left (the channel closed). */
  end(): void {
    this.pending += this.decoder.end()
    if (this.attached) this.flush()
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.attached) return
    this.flushScheduled = true
    // One macrotask: chunks that arrive together travel together.
    setImmediate(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush(): void {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.batchChars)
      this.pending = this.pending.slice(batch.length)
      this.options.deliver(batch)
    }
  }
}
