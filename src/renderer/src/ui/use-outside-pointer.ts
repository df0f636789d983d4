import { useEffect, type RefObject } from 'react'

/**
 * While `open`, a pointer press outside every one of `inside` calls `onOutside` (a popover
 * closing on a click elsewhere). Callers pass fresh arrays and callbacks; re-listening on each
 * render happens only while open and costs nothing noticeable.
 */
export function useOutsidePointer(
  open: boolean,
  inside: readonly RefObject<HTMLElement | null>[],
  onOutside: () => void,
): void {
  useEffect(() => {
    if (!open) return
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node
      if (!inside.some((ref) => ref.current?.contains(target))) onOutside()
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open, inside, onOutside])
}
