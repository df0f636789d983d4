/** Pixels per line when a wheel reports lines (Firefox-style `deltaMode`), as browsers scroll. */
const LINE_PX = 16

/**
 * The class and ref of a row of tabs (`role="tablist"`). The strip scrolls sideways when its
 * tabs do not fit, with no scrollbar (see `.tab-strip`): a classic scrollbar on a strip this
 * short is nothing but its two arrow buttons. Arrow keys move focus, which scrolls the focused
 * tab into view; the ref lets a plain vertical wheel turn scroll the strip too, which a
 * browser does only for a sideways (or Shift+) wheel.
 */
export const TAB_STRIP = 'tab-strip'

/** Ref callback for a tab strip (stable: it is a module function, so React never re-runs it). */
export function tabStripRef(strip: HTMLElement | null): (() => void) | undefined {
  if (!strip) return undefined
  const onWheel = (event: WheelEvent): void => {
    if (event.ctrlKey || event.deltaX !== 0 || event.deltaY === 0) return
    const room = strip.scrollWidth - strip.clientWidth
    if (room <= 0) return
    const delta =
      event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * LINE_PX : event.deltaY
    const next = Math.min(room, Math.max(0, strip.scrollLeft + delta))
    // At either end the turn goes on to the page, as it would without the strip.
    if (next === strip.scrollLeft) return
    event.preventDefault()
    strip.scrollLeft = next
  }
  // Not passive: the turn that scrolls the strip must not also scroll the content pane.
  strip.addEventListener('wheel', onWheel, { passive: false })
  return () => strip.removeEventListener('wheel', onWheel)
}
