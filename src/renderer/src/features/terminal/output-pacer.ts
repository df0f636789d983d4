export interface OutputPacerOptions {
  /** At most one batch of streamed output per this many ms, while xterm.js is idle. */
  intervalMs?: number
  /** Output up to this long, arriving while nothing waits, is written at once. */
  smallChars?: number
  /** Once this much waits, it is written at once: a batch this big is worth its repaint. */
  batchChars?: number
  now?: () => number
}

/** Writes to xterm.js; `parsed` is called once xterm.js has parsed the data. */
export type TerminalWrite = (data: string, parsed: () => void) => void

/**
 * Hands a stream of output to xterm.js in a few batches per second instead of message by
 * message. The DOM renderer repaints every changed row after each write it has parsed, a few
 * milliseconds for a scrolling screen; a flood arriving as a steady trickle of messages paid
 * for a repaint at every animation frame, twice as many per megabyte as the same bytes written
 * all at once. Output goes straight through when waiting would gain nothing: while xterm.js is
 * still parsing earlier writes (it repaints between its own parsing slices, not per write), and
 * for small output while nothing waits (an echoed key, a prompt), so typing never waits.
 */
export class OutputPacer {
  private queue: string[] = []
  private queuedChars = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastWrite = Number.NEGATIVE_INFINITY
  private parsing = 0
  private readonly intervalMs: number
  private readonly smallChars: number
  private readonly batchChars: number
  private readonly now: () => number

  constructor(
    private readonly write: TerminalWrite,
    private readonly parsed: (chars: number) => void,
    options: OutputPacerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 32
    this.smallChars = options.smallChars ?? 1024
    this.batchChars = options.batchChars ?? 128 * 1024
    this.now = options.now ?? (() => performance.now())
  }

  push(data: string): void {
    if (this.timer !== null) {
      this.queue.push(data)
      this.queuedChars += data.length
      // Holding more would only delay the acknowledgements main waits for.
      if (this.queuedChars >= this.batchChars) this.flush()
      return
    }
    const now = this.now()
    const sinceLast = now - this.lastWrite
    if (this.parsing > 0 || data.length <= this.smallChars || sinceLast >= this.intervalMs) {
      this.lastWrite = now
      this.send(data)
      return
    }
    this.queue.push(data)
    this.queuedChars = data.length
    this.timer = setTimeout(() => this.flush(), this.intervalMs - sinceLast)
  }

  /** Writes whatever waits now (the binding is going away, or its batch is due). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.lastWrite = this.now()
    const waiting = this.queue
    this.queue = []
    this.queuedChars = 0
    // One write per message (each at most one batch of main's), so xterm.js can still slice
    // its parsing between them and keep the page responsive.
    for (const data of waiting) this.send(data)
  }

  private send(data: string): void {
    this.parsing += 1
    this.write(data, () => {
      this.parsing -= 1
      this.parsed(data.length)
    })
  }
}
