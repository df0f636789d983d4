import {
  Terminal,
  type ITerminalInitOnlyOptions,
  type ITerminalOptions,
  type ITheme,
} from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { modKey } from '../../ui/Kbd'
import { DEFAULT_FONT_SIZE } from './terminal-fonts'

const themeVariables = {
  background: '--term-bg',
  foreground: '--term-fg',
  cursor: '--term-cursor',
  cursorAccent: '--term-bg',
  selectionBackground: '--term-selection',
  black: '--term-black',
  red: '--term-red',
  green: '--term-green',
  yellow: '--term-yellow',
  blue: '--term-blue',
  magenta: '--term-magenta',
  cyan: '--term-cyan',
  white: '--term-white',
  brightBlack: '--term-bright-black',
  brightRed: '--term-bright-red',
  brightGreen: '--term-bright-green',
  brightYellow: '--term-bright-yellow',
  brightBlue: '--term-bright-blue',
  brightMagenta: '--term-bright-magenta',
  brightCyan: '--term-bright-cyan',
  brightWhite: '--term-bright-white',
} as const satisfies Record<string, string>

/** The palette terminal.css defines for the current light or dark theme. */
export function readTerminalTheme(): ITheme {
  const style = getComputedStyle(document.documentElement)
  const theme: Record<string, string> = {}
  for (const [key, variable] of Object.entries(themeVariables)) {
    const value = style.getPropertyValue(variable).trim()
    if (value) theme[key] = value
  }
  return theme
}

/**
 * Options every terminal here gets, live or replayed. Output comes from machines we do not
 * control, so nothing in it may make the terminal answer with data of ours.
 */
function secureOptions(): ITerminalOptions {
  return {
    // All off (the default, stated so it stays that way): no title or size reports
    // (CSI 21 t / 20 t / 14 t), which a hostile host could read back as typed input.
    windowOptions: {},
    scrollback: 10_000,
    fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim(),
    fontSize: DEFAULT_FONT_SIZE,
    theme: readTerminalTheme(),
    // WCAG AA for whatever colours a host picks (dircolors made for a dark background, 256-colour
    // and truecolor output): xterm.js darkens or lightens a foreground that would fall below it.
    minimumContrastRatio: 4.5,
    cursorBlink: true,
    // The search addon highlights every match with decorations, a proposed API.
    allowProposedApi: true,
  }
}

export interface TerminalLinkOpener {
  (url: string): void
}

const modifierHeld = (event: MouseEvent): boolean => event.ctrlKey || event.metaKey

/**
 * Links open on Ctrl/⌘+click only: a plain click is how text gets selected, and opening a page
 * by accident from output a host controls is the one thing a link must not do. The target is
 * shown on hover (as plain text in a title), since an OSC 8 link's text can differ from it.
 */
export function linkBehaviour(term: Terminal, openLink: TerminalLinkOpener) {
  return {
    activate: (event: MouseEvent, url: string): void => {
      if (modifierHeld(event)) openLink(url)
    },
    hover: (_event: MouseEvent, url: string): void =>
      term.element?.setAttribute('title', `${modKey} + click to open ${url}`),
    leave: (): void => term.element?.removeAttribute('title'),
  }
}

/** A terminal that never echoes the host's data back to it and opens links only via main. */
export function createSecureTerminal(
  openLink: TerminalLinkOpener,
  options: ITerminalOptions & ITerminalInitOnlyOptions = {},
): Terminal {
  const term = new Terminal({ ...secureOptions(), ...options })
  // OSC 8 hyperlinks, any scheme: main's allowlist decides, and says why when it refuses.
  term.options.linkHandler = { ...linkBehaviour(term, openLink), allowNonHttpProtocols: true }
  // DECRQSS (DCS $ q … ST) would make xterm.js reply with terminal state the host chose to ask
  // about; swallowing it means no reply at all.
  term.parser.registerDcsHandler({ intermediates: '$', final: 'q' }, () => true)
  // Colour queries (OSC 4, 10, 11, 12 with a `?` in place of a colour) would be answered with
  // the technician's theme; swallowing the whole sequence means no reply. Colours a host sets
  // without asking still apply: they send nothing back.
  for (const osc of [4, 10, 11, 12]) {
    term.parser.registerOscHandler(osc, (data) => data.split(';').includes('?'))
  }
  // DECRQM (CSI [?] Ps $ p) would report the state of the terminal's modes, options included.
  term.parser.registerCsiHandler({ intermediates: '$', final: 'p' }, () => true)
  term.parser.registerCsiHandler({ prefix: '?', intermediates: '$', final: 'p' }, () => true)
  return term
}

export type RendererKind = 'dom' | 'webgl'

let chosenRenderer: RendererKind | null = null

/**
 * WebGL only where a GPU draws it: software WebGL (SwiftShader, llvmpipe) is several times
 * slower than the DOM renderer. `?renderer=dom|webgl` overrides the guess.
 */
export function preferredRenderer(): RendererKind {
  if (chosenRenderer) return chosenRenderer
  const asked = new URLSearchParams(window.location.search).get('renderer')
  chosenRenderer = asked === 'dom' || asked === 'webgl' ? asked : guessRenderer()
  return chosenRenderer
}

function guessRenderer(): RendererKind {
  try {
    const gl = document.createElement('canvas').getContext('webgl2')
    if (!gl) return 'dom'
    const info = gl.getExtension('WEBGL_debug_renderer_info')
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) ? 'dom' : 'webgl'
  } catch {
    return 'dom'
  }
}

/** Loads the WebGL renderer when preferred; any failure leaves the DOM renderer in place. */
export async function loadWebglIfPreferred(term: Terminal): Promise<void> {
  if (preferredRenderer() !== 'webgl') return
  try {
    const { WebglAddon } = await import('@xterm/addon-webgl')
    if (!term.element) return
    const addon = new WebglAddon()
    addon.onContextLoss(() => addon.dispose())
    term.loadAddon(addon)
  } catch {
    // No WebGL2 here after all: the DOM renderer keeps drawing.
  }
}
