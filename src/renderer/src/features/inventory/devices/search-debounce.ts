import { useEffect, useRef, useState } from 'react'

/** What the debouncer needs of the clock; the real timers unless a test passes its own. */
export interface Timers {
  set(run: () => void, ms: number): unknown
  clear(handle: unknown): void
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface Debouncer<T> {
  push(value: T): void
  cancel(): void
}

/**
 * Leading, then at most one commit per `wait` ms: the first change after a quiet spell is
 * committed at once (a single keystroke searches without delay); changes within `wait` ms of
 * the last commit are merged into one commit when that window ends. Typing never waits more
 * than `wait` ms, and fast typing or a paste sends one query per window, not one per key.
 */
export function createDebouncer<T>(
  commit: (value: T) => void,
  wait: number,
  timers: Timers = realTimers,
): Debouncer<T> {
  let handle: unknown = null
  let pending: { value: T } | null = null
  const startWindow = (): void => {
    handle = timers.set(() => {
      handle = null
      if (!pending) return
      const { value } = pending
      pending = null
      commit(value)
      startWindow()
    }, wait)
  }
  return {
    push(value) {
      if (handle !== null) {
        pending = { value }
        return
      }
      commit(value)
      startWindow()
    },
    cancel() {
      if (handle !== null) timers.clear(handle)
      handle = null
      pending = null
    },
  }
}

/** `value` as it settles: at once, then at most once per `wait` ms (see createDebouncer). */
export function useDebouncedValue<T>(value: T, wait: number): T {
  const [settled, setSettled] = useState(value)
  const debouncer = useRef<Debouncer<T> | null>(null)
  useEffect(() => {
    const d = createDebouncer<T>(setSettled, wait)
    debouncer.current = d
    return () => d.cancel()
  }, [wait])
  useEffect(() => {
    debouncer.current?.push(value)
  }, [value])
  return settled
}
