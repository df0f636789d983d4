export interface OutputPacerOptions {
  /** At most one batch of streamed output per this many ms, while xterm.js is idle. */
  intervalMs?: number
  /** Output up to this many bytes, arriving while nothing waits, is written at once. */
  smallBytes?: number
  /** Once this many bytes wait, they are written at once: a batch this big is worth its repaint. */
  batchBytes?: number
  now?: () => number
}

/**
 * Writes to xterm.js; `parsed` is called once xterm.js has parsed the data. The data is the
 * remote's bytes: xterm.js decodes their UTF-8 itself, keeping a character split between two
 * writes until its last byte arrives.
 */
export type TerminalWrite = (data: Uint8Array, parsed: () => void) => void

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
  private queue: Uint8Array[] = []
  private queuedBytes = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastWrite = Number.NEGATIVE_INFINITY
  private parsing = 0
  private readonly intervalMs: number
  private readonly smallBytes: number
  private readonly batchBytes: number
  private readonly now: () => number

  constructor(
    private readonly write: TerminalWrite,
    private readonly parsed: (bytes: number) => void,
    options: OutputPacerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 32
    this.smallBytes = options.smallBytes ?? 1024
    this.batchBytes = options.batchBytes ?? 128 * 1024
    this.now = options.now ?? (() => performance.now())
  }

  push(data: Uint8Array): void {
    if (this.timer !== null) {
      this.queue.push(data)
      this.queuedBytes += data.length
      // Holding more would only delay the acknowledgements main waits for.
      if (this.queuedBytes >= this.batchBytes) this.flush()
      return
    }
    const now = this.now()
    const sinceLast = now - this.lastWrite
    if (this.parsing > 0 || data.length <= this.smallBytes || sinceLast >= this.intervalMs) {
      this.lastWrite = now
      this.send(data)
      return
    }
    this.queue.push(data)
    this.queuedBytes = data.length
    this.timer = setTimeout(() => this.flush(), this.intervalMs - sinceLast)
  }

  /** Writes whatever waits now (the binding is going away, or its batch is due). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.lastWrite = this.now()
    const waiting = this.queue
    this.queue = []
    this.queuedBytes = 0
    // One write per message (each at most one batch of main's), so xterm.js can still slice
    // its parsing between them and keep the page responsive.
    for (const data of waiting) this.send(data)
  }

  private send(data: Uint8Array): void {
    this.parsing += 1
    this.write(data, () => {
      this.parsing -= 1
      this.parsed(data.length)
    })
  }
}
