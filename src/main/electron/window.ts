import { fileURLToPath } from 'node:url'
import { BrowserWindow } from 'electron'

// Both paths are relative to the built main bundle (out/main/index.js), which is where this
// module ends up; electron-vite writes the preload and the renderer next to it.
/** The sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules). */
export const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
/** The built renderer, served through the app scheme. */
export const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url))

const BACKGROUND = '#0f1216'

/**
 * The one Switchboard window. The page gets no Node, no Electron and no remote content:
 * sandboxed, context-isolated, and its only way out is the preload's message pipe.
 */
export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Switchboard',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in a new window; those are denied anyway.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  return win
}
