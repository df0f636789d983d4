import { StringDecoder } from 'node:string_decoder'

/** Bounds for the window of unacknowledged output, in chars, and how it is sized in between. */
export interface FlowWindow {
  min: number
  max: number
  /** The window holds this many ms of drawing at the rate the renderer has been drawing. */
  drawMs: number
  /** Acknowledgements are counted over at least this long before the rate is updated. */
  sampleMs: number
}

export interface OutputPumpOptions {
  /** Sends one batch to whoever shows the terminal. */
  deliver(data: string): void
  pause(): void
  resume(): void
  /** Chars per batch (one IPC/WebSocket message). */
  batchChars?: number
  /**
   * While the renderer has at least this many chars sent and not yet acknowledged, it is busy:
   * output smaller than a batch waits up to `coalesceMs` for more, so it travels as one message.
   */
  busyChars?: number
  coalesceMs?: number
  /**
   * Fixed watermarks: unacknowledged chars above which the source is paused, and below which
   * it resumes. Without them the window adapts to the renderer's speed (see `window`).
   */
  highWatermark?: number
  lowWatermark?: number
  window?: Partial<FlowWindow>
  now?: () => number
}

const DEFAULT_WINDOW: FlowWindow = {
  min: 512 * 1024,
  max: 2 * 1024 * 1024,
  drawMs: 200,
  sampleMs: 200,
}

/**
 * Terminal output from SSH to the renderer, batched and flow-controlled as the xterm.js
 * flow-control guide describes: bytes are decoded as UTF-8 across chunk boundaries, sent in
 * batches, and the channel is paused while the renderer is too far behind acknowledging what
 * it has drawn. Nothing is sent until a viewer is attached, so the first prompt is never lost.
 *
 * The window is measured in time rather than bytes: it holds about 200 ms of drawing at the rate
 * the renderer has acknowledged lately (between 512 KB and 2 MB), resuming the channel when half
 * of it is left, so the next batch is on its way even when a loaded machine stretches the round
 * trip to 100 ms. A slow renderer (a loaded machine, a stream of short lines) never has more
 * queued than it draws in a fraction of a second, so Ctrl-C in a flood still brings the prompt
 * back promptly.
 *
 * Output goes out in a microtask, as soon as ssh2 has handled a socket read, while the renderer
 * is idle; while it is busy drawing (256 KB or more in flight, at least ~15 ms of its work),
 * pieces smaller than a batch wait up to 16 ms to go as one message of up to 256 KB. Every
 * message costs the same on each hop whatever its size (a WebSocket frame here, a read and a
 * re-post in the renderer's socket worker, a hand-over, a write and an ack on the page), so a
 * flood in 256 KB messages costs the renderer about a fifth less CPU per MB than in 64 KB ones.
 */
export class OutputPump {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''
  private unacked = 0
  private paused = false
  private attached = false
  private flushScheduled: 'no' | 'now' | 'soon' = 'no'
  private coalesceTimer: NodeJS.Timeout | null = null
  private readonly batchChars: number
  private readonly busyChars: number
  private readonly coalesceMs: number
  private high: number
  private low: number
  private readonly window: FlowWindow | null
  private readonly now: () => number
  private sampleStart: number | null = null
  private sampleChars = 0

  constructor(private readonly options: OutputPumpOptions) {
    this.batchChars = options.batchChars ?? 256 * 1024
    this.busyChars = options.busyChars ?? 256 * 1024
    this.coalesceMs = options.coalesceMs ?? 16
    this.now = options.now ?? (() => performance.now())
    const fixed = options.highWatermark !== undefined
    this.window = fixed ? null : { ...DEFAULT_WINDOW, ...options.window }
    this.high = options.highWatermark ?? this.window?.min ?? DEFAULT_WINDOW.min
    this.low = options.lowWatermark ?? this.high / 2
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
    this.measure(chars)
    if (this.paused && this.unacked < this.low) {
      this.paused = false
      this.options.resume()
    }
  }

  get isPaused(): boolean {
    return this.paused
  }

  /** The current pause threshold, in unacknowledged chars. */
  get highWatermark(): number {
    return this.high
  }

  /** Sends what is left (the channel closed). */
  end(): void {
    this.pending += this.decoder.end()
    if (this.attached) this.flush()
  }

  /** Sizes the window from the rate at which acknowledgements come back. */
  private measure(chars: number): void {
    if (!this.window) return
    const now = this.now()
    if (this.sampleStart === null) {
      // What this ack covers was drawn before the sample began.
      this.sampleStart = now
      this.sampleChars = 0
    } else {
      this.sampleChars += chars
      const elapsed = now - this.sampleStart
      if (elapsed >= this.window.sampleMs) {
        const perMs = this.sampleChars / elapsed
        const { min, max, drawMs } = this.window
        this.high = Math.round(Math.min(max, Math.max(min, perMs * drawMs)))
        this.low = this.high / 2
        this.sampleStart = now
        this.sampleChars = 0
      }
    }
    // Idle time says nothing about how fast the renderer draws: the next sample starts afresh.
    if (this.unacked === 0) this.sampleStart = null
  }

  private scheduleFlush(): void {
    if (!this.attached || this.flushScheduled === 'now') return
    const inFlight = this.unacked - this.pending.length
    if (inFlight >= this.busyChars && this.pending.length < this.batchChars) {
      if (this.flushScheduled === 'no') {
        this.flushScheduled = 'soon'
        this.coalesceTimer = setTimeout(() => this.flush(), this.coalesceMs)
      }
      return
    }
    if (this.coalesceTimer) clearTimeout(this.coalesceTimer)
    this.coalesceTimer = null
    this.flushScheduled = 'now'
    // A microtask runs once ssh2 has handled the whole socket read: the packets of one read
    // travel together, and an echoed keystroke goes out without waiting for a loop turn.
    queueMicrotask(() => this.flush())
  }

  private flush(): void {
    this.flushScheduled = 'no'
    if (this.coalesceTimer) clearTimeout(this.coalesceTimer)
    this.coalesceTimer = null
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.batchChars)
      this.pending = this.pending.slice(batch.length)
      this.options.deliver(batch)
    }
  }
}
