import type { Terminal } from '@xterm/xterm'
import type { RecordingIndex } from '@shared/contract'
import { readCastLine, type CastClock, type CastEvent } from '@shared/domain/asciicast'

export interface PlayerClock {
  elapsed: number
  playing: boolean
  /** Waiting for the next chunk, or replaying up to a seek target. */
  loading: boolean
}

/** Reads the recording's file from a line start, a chunk at a time. */
export type CastReader = (offset: number) => Promise<{
  text: string
  nextOffset: number
  eof: boolean
}>

/** How often the view hears the clock; the terminal itself is written every frame. */
const TICK_MS = 200
/** Read ahead while less than this much replay time is waiting. */
const READ_AHEAD_S = 10
/** Consumed events are dropped in batches of this many. */
const COMPACT_AFTER = 2000

/**
 * Replays a recording into a terminal in real time, at 1×, 2× or 4×, reading its file in
 * chunks as it goes, so a recording of any size starts at once and never sits in memory whole.
 *
 * A seek has to rebuild the screen as it stood at the target. It resets the terminal and
 * replays, without delays, from the last seek point at or before the target: a place where
 * the normal screen was cleared (main's index finds them), or the start. Scrollback from
 * before that point and modes set before it (colours, the cursor's shape) are not rebuilt.
 */
export class CastPlayer {
  private queue: CastEvent[] = []
  private next = 0
  /** The parser's clock: replay time of the last event read. */
  private readClock: CastClock = { time: 0, rawTime: 0 }
  private readOffset: number
  private eof = false
  private reading: Promise<void> | null = null
  /** Bumped by every seek and by dispose, so reads from before are dropped. */
  private generation = 0
  private elapsed = 0
  private speed = 1
  private seeking = false
  /** Whether to play once the seek under way is done; a seek while seeking keeps it. */
  private resumeAfterSeek = false
  private frame: number | null = null
  private lastFrameAt = 0
  private lastTickAt = 0
  private disposed = false

  constructor(
    private readonly index: Pick<RecordingIndex, 'duration' | 'idleLimit' | 'keyframes'> & {
      cols: number
      rows: number
    },
    private readonly read: CastReader,
    private readonly term: Terminal,
    private readonly onClock: (clock: PlayerClock) => void,
    private readonly onError: (message: string) => void,
  ) {
    this.readOffset = index.keyframes[0]?.offset ?? 0
  }

  get playing(): boolean {
    return this.frame !== null
  }

  play(): void {
    if (this.seeking) this.resumeAfterSeek = true
    if (this.playing || this.seeking || this.disposed) return
    if (this.finished()) {
      void this.seek(0, true)
      return
    }
    this.lastFrameAt = performance.now()
    this.frame = requestAnimationFrame((now) => this.step(now))
    this.report()
  }

  pause(): void {
    this.resumeAfterSeek = false
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.frame = null
    this.report()
  }

  setSpeed(speed: number): void {
    this.speed = speed
  }

  skipToEnd(): void {
    void this.seek(this.index.duration, false)
  }

  /** Rebuilds the screen at `time` (see the class comment), then plays on if asked to. */
  async seek(time: number, play?: boolean): Promise<void> {
    if (this.disposed) return
    const playAfter = play ?? (this.seeking ? this.resumeAfterSeek : this.playing)
    this.resumeAfterSeek = playAfter
    const target = Math.max(0, Math.min(time, this.index.duration))
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.frame = null
    const generation = ++this.generation
    this.seeking = true
    this.elapsed = target
    this.report()
    // Writes already handed to xterm land before the reset, not on the rebuilt screen.
    await this.flushed()
    if (generation !== this.generation) return
    const keyframes = this.index.keyframes
    let start = keyframes[0]
    for (const keyframe of keyframes) if (keyframe.time <= target) start = keyframe
    this.term.reset()
    this.term.resize(start?.cols ?? this.index.cols, start?.rows ?? this.index.rows)
    this.queue = []
    this.next = 0
    this.readClock = { time: start?.time ?? 0, rawTime: start?.rawTime ?? 0 }
    this.readOffset = start?.offset ?? 0
    this.eof = false
    this.reading = null
    for (;;) {
      this.advanceTo(target)
      if (this.next < this.queue.length || this.eof) break
      await this.fill()
      if (generation !== this.generation) return
    }
    this.seeking = false
    if (playAfter && !this.finished()) this.play()
    else this.report()
  }

  dispose(): void {
    this.disposed = true
    this.generation += 1
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.frame = null
  }

  private finished(): boolean {
    return this.eof && this.next >= this.queue.length && !this.seeking
  }

  private flushed(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve))
  }

  /** Reads the next chunk, once at a time; a seek meanwhile makes it a no-op. */
  private fill(): Promise<void> {
    if (this.eof) return Promise.resolve()
    if (this.reading) return this.reading
    const generation = this.generation
    const reading = this.read(this.readOffset).then(
      (chunk) => {
        if (generation !== this.generation) return
        for (const line of chunk.text.split('\n')) {
          if (!line) continue
          const event = readCastLine(line, this.readClock, this.index.idleLimit)
          if (event) this.queue.push(event)
        }
        this.readOffset = chunk.nextOffset
        this.eof = chunk.eof
      },
      (error: unknown) => {
        if (generation !== this.generation) return
        // Stop where the recording could be read to, and say so.
        this.eof = true
        this.onError(error instanceof Error ? error.message : String(error))
      },
    )
    const tracked: Promise<void> = reading.finally(() => {
      if (this.reading === tracked) this.reading = null
    })
    this.reading = tracked
    return tracked
  }

  private step(now: number): void {
    const waiting = this.queue.at(-1)?.time ?? this.readClock.time
    if (this.next >= this.queue.length && !this.eof) {
      // Nothing read that far yet: the clock waits for the chunk instead of running ahead.
      this.elapsed = Math.min(this.elapsed, waiting)
    } else {
      this.elapsed += ((now - this.lastFrameAt) / 1000) * this.speed
    }
    this.lastFrameAt = now
    this.advanceTo(this.elapsed)
    if (!this.eof && (this.queue.at(-1)?.time ?? 0) < this.elapsed + READ_AHEAD_S * this.speed) {
      void this.fill()
    }
    if (this.finished()) {
      this.elapsed = this.index.duration
      this.frame = null
      this.report()
      return
    }
    if (now - this.lastTickAt >= TICK_MS) this.report()
    this.frame = requestAnimationFrame((t) => this.step(t))
  }

  /** Writes every queued event up to `time`, output of one frame in one write. */
  private advanceTo(time: number): void {
    let output = ''
    while (this.next < this.queue.length) {
      const event = this.queue[this.next]
      if (!event || event.time > time) break
      this.next += 1
      if (event.kind === 'output') {
        output += event.data
      } else {
        if (output) this.term.write(output)
        output = ''
        this.term.resize(event.cols, event.rows)
      }
    }
    if (output) this.term.write(output)
    if (this.next >= COMPACT_AFTER) {
      this.queue = this.queue.slice(this.next)
      this.next = 0
    }
  }

  private report(): void {
    this.lastTickAt = performance.now()
    const loading = this.seeking || (this.playing && this.next >= this.queue.length && !this.eof)
    this.onClock({
      elapsed: Math.min(this.elapsed, this.index.duration),
      playing: this.playing,
      loading,
    })
  }
}
