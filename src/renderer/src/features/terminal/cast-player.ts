import type { Terminal } from '@xterm/xterm'
import type { Cast } from './asciicast'

export interface PlayerClock {
  elapsed: number
  playing: boolean
}

/** How often the view hears the clock; the terminal itself is written every frame. */
const TICK_MS = 200

/** Replays a parsed asciicast into a terminal in real time, at 1×, 2× or 4×. */
export class CastPlayer {
  private next = 0
  private elapsed = 0
  private speed = 1
  private frame: number | null = null
  private lastFrameAt = 0
  private lastTickAt = 0

  constructor(
    private readonly cast: Cast,
    private readonly term: Terminal,
    private readonly onClock: (clock: PlayerClock) => void,
  ) {}

  get playing(): boolean {
    return this.frame !== null
  }

  play(): void {
    if (this.playing) return
    if (this.next >= this.cast.events.length) this.restart()
    this.lastFrameAt = performance.now()
    this.frame = requestAnimationFrame((now) => this.step(now))
    this.report()
  }

  pause(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.frame = null
    this.report()
  }

  setSpeed(speed: number): void {
    this.speed = speed
  }

  skipToEnd(): void {
    this.pause()
    this.advanceTo(Infinity)
    this.elapsed = this.cast.duration
    this.report()
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.frame = null
  }

  private restart(): void {
    this.term.reset()
    this.term.resize(this.cast.cols, this.cast.rows)
    this.next = 0
    this.elapsed = 0
  }

  private step(now: number): void {
    this.elapsed += ((now - this.lastFrameAt) / 1000) * this.speed
    this.lastFrameAt = now
    this.advanceTo(this.elapsed)
    if (this.next >= this.cast.events.length) {
      this.elapsed = this.cast.duration
      this.frame = null
      this.report()
      return
    }
    if (now - this.lastTickAt >= TICK_MS) this.report()
    this.frame = requestAnimationFrame((t) => this.step(t))
  }

  /** Writes every event up to `time`, output of one frame in one write. */
  private advanceTo(time: number): void {
    let output = ''
    const events = this.cast.events
    while (this.next < events.length) {
      const event = events[this.next]
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
  }

  private report(): void {
    this.lastTickAt = performance.now()
    this.onClock({ elapsed: Math.min(this.elapsed, this.cast.duration), playing: this.playing })
  }
}
