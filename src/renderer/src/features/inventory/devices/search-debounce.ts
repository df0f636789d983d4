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
 * Leading and trailing: the first change after a quiet spell is committed at once (a single
 * keystroke searches without delay), changes during the following `wait` ms are merged into
 * one commit at its end (fast typing or a paste sends one query, not one per character).
 */
export function createDebouncer<T>(
  commit: (value: T) => void,
  wait: number,
  timers: Timers = realTimers,
): Debouncer<T> {
  let handle: unknown = null
  let pending: { value: T } | null = null
  const quiet = (): void => {
    handle = timers.set(() => {
      if (pending) {
        const { value } = pending
        pending = null
        commit(value)
        quiet()
      } else {
        handle = null
      }
    }, wait)
  }
  return {
    push(value) {
      if (handle === null) {
        commit(value)
        quiet()
        return
      }
      pending = { value }
      timers.clear(handle)
      quiet()
    },
    cancel() {
      if (handle !== null) timers.clear(handle)
      handle = null
      pending = null
    },
  }
}

/** `value` as it settles: leading and trailing within `wait` ms (see createDebouncer). */
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
