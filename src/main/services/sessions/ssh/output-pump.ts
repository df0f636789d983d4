/** Bounds for the window of unacknowledged output, in bytes, and how it is sized in between. */
export interface FlowWindow {
  min: number
  max: number
  /** The window holds this many ms of drawing at the rate the renderer has been drawing. */
  drawMs: number
  /** Acknowledgements are counted over at least this long before the rate is updated. */
  sampleMs: number
}

export interface OutputPumpOptions {
  /** Sends one batch to whoever shows the terminal: its own buffer, exactly its size. */
  deliver(data: Uint8Array): void
  pause(): void
  resume(): void
  /** Bytes per batch (one IPC/WebSocket message). */
  batchBytes?: number
  /**
   * While the renderer has at least this many bytes sent and not yet acknowledged, it is busy:
   * output smaller than a batch waits up to `coalesceMs` for more, so it travels as one message.
   */
  busyBytes?: number
  coalesceMs?: number
  /**
   * Fixed watermarks: unacknowledged bytes above which the source is paused, and below which
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
 * flow-control guide describes: the channel's bytes are sent on as bytes, in batches, and the
 * channel is paused while the renderer is too far behind acknowledging (in bytes) what it has
 * drawn. Nothing is decoded here: a batch may end inside a UTF-8 sequence, which xterm.js joins
 * with the next write. Nothing is sent until a viewer is attached, so the first prompt is never
 * lost.
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
  private pending: Buffer[] = []
  private pendingBytes = 0
  private unacked = 0
  private paused = false
  private attached = false
  private flushScheduled: 'no' | 'now' | 'soon' = 'no'
  private coalesceTimer: NodeJS.Timeout | null = null
  private readonly batchBytes: number
  private readonly busyBytes: number
  private readonly coalesceMs: number
  private high: number
  private low: number
  private readonly window: FlowWindow | null
  private readonly now: () => number
  private sampleStart: number | null = null
  private sampleBytes = 0

  constructor(private readonly options: OutputPumpOptions) {
    this.batchBytes = options.batchBytes ?? 256 * 1024
    this.busyBytes = options.busyBytes ?? 256 * 1024
    this.coalesceMs = options.coalesceMs ?? 16
    this.now = options.now ?? (() => performance.now())
    const fixed = options.highWatermark !== undefined
    this.window = fixed ? null : { ...DEFAULT_WINDOW, ...options.window }
    this.high = options.highWatermark ?? this.window?.min ?? DEFAULT_WINDOW.min
    this.low = options.lowWatermark ?? this.high / 2
  }

  /** Raw bytes from the channel, held as they are (not copied) until the next batch goes out. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    this.unacked += chunk.length
    if (!this.paused && this.unacked > this.high) {
      this.paused = true
      this.options.pause()
    }
    this.scheduleFlush()
  }

  attach(): void {
    this.attached = true
    this.scheduleFlush()
  }

  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes)
    this.measure(bytes)
    if (this.paused && this.unacked < this.low) {
      this.paused = false
      this.options.resume()
    }
  }

  get isPaused(): boolean {
    return this.paused
  }

  /** The current pause threshold, in unacknowledged bytes. */
  get highWatermark(): number {
    return this.high
  }

  /** Sends what is left (the channel closed). */
  end(): void {
    if (this.attached) this.flush()
  }

  /** Sizes the window from the rate at which acknowledgements come back. */
  private measure(bytes: number): void {
    if (!this.window) return
    const now = this.now()
    if (this.sampleStart === null) {
      // What this ack covers was drawn before the sample began.
      this.sampleStart = now
      this.sampleBytes = 0
    } else {
      this.sampleBytes += bytes
      const elapsed = now - this.sampleStart
      if (elapsed >= this.window.sampleMs) {
        const perMs = this.sampleBytes / elapsed
        const { min, max, drawMs } = this.window
        this.high = Math.round(Math.min(max, Math.max(min, perMs * drawMs)))
        this.low = this.high / 2
        this.sampleStart = now
        this.sampleBytes = 0
      }
    }
    // Idle time says nothing about how fast the renderer draws: the next sample starts afresh.
    if (this.unacked === 0) this.sampleStart = null
  }

  private scheduleFlush(): void {
    if (!this.attached || this.flushScheduled === 'now') return
    const inFlight = this.unacked - this.pendingBytes
    if (inFlight >= this.busyBytes && this.pendingBytes < this.batchBytes) {
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
    const chunks = this.pending
    let left = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    let chunk = 0
    let offset = 0
    while (left > 0) {
      // A fresh buffer per batch, never a view into ssh2's or Node's pooled memory: the batch is
      // posted to another process or thread, and only its own bytes should travel.
      const batch = new Uint8Array(Math.min(this.batchBytes, left))
      let filled = 0
      while (filled < batch.length) {
        const source = chunks[chunk] as Buffer
        const take = Math.min(source.length - offset, batch.length - filled)
        batch.set(source.subarray(offset, offset + take), filled)
        filled += take
        offset += take
        if (offset === source.length) {
          chunk += 1
          offset = 0
        }
      }
      left -= batch.length
      this.options.deliver(batch)
    }
  }
}
