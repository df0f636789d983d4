/**
 * Exponential backoff with full jitter (AWS's "Exponential Backoff and Jitter"): 1 s, 2 s, 4 s
 * ... capped at 60 s, each a random point below the cap, so many installations that lost the
 * server together do not return together.
 */
export interface BackoffOptions {
  minMs: number
  maxMs: number
  random?: () => number
}

export class Backoff {
  private attempt = 0

  constructor(private readonly options: BackoffOptions) {}

  /** The wait before the next try; each call lengthens the one after. */
  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.minMs * 2 ** this.attempt)
    this.attempt = Math.min(this.attempt + 1, 30)
    const random = this.options.random ?? Math.random
    return Math.max(this.options.minMs / 2, Math.round(ceiling * random()))
  }

  reset(): void {
    this.attempt = 0
  }
}
