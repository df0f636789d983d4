/**
 * Terminal font sizes, apart from xterm-setup so the hub can hold them without loading
 * xterm.js: the terminal code is its own chunk, fetched when a terminal or recording opens.
 */
export const DEFAULT_FONT_SIZE = 13
export const MIN_FONT_SIZE = 8
export const MAX_FONT_SIZE = 32
