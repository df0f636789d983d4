// The Electron composition root: build the services, attach the IPC transport, open the
// window. Everything that decides something lives in services/ or electron/; this file wires.
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { app, dialog, ipcMain, type BrowserWindow } from 'electron'
import { contract } from '../shared/contract'
import { createRpcServer } from '../shared/rpc/server'
import { registerAppScheme, serveRendererFromAppScheme } from './electron/app-protocol'
import { createDeepLinkRouter } from './electron/deep-link'
import { createIpcTransport, type IpcTransport } from './electron/ipc-transport'
import { createOriginPolicy, DEEP_LINK_SCHEME, findDeepLinkArg } from './electron/policy'
import {
  applySecurityPolicy,
  enableSandboxEverywhere,
  openApprovedExternal,
} from './electron/security'
import { electronKeychain } from './electron/os-keychain'
import { createMainWindow, RENDERER_DIR } from './electron/window'
import { createHandlers } from './handlers'
import { createAppLog } from './logger'
import { createServices, type Services } from './services'
import { systemClock, type HostPorts } from './services/ports'
import { APP_VERSION } from './version'

// The same override the headless host honours; tests use it to give each run its own data.
if (process.env.SWITCHBOARD_DATA_DIR) app.setPath('userData', process.env.SWITCHBOARD_DATA_DIR)

// The lock is taken on the data directory, so after the override. A second launch only hands
// its arguments over: it keeps no log file, so two processes never rotate the same one.
const singleInstance = app.requestSingleInstanceLock()
const appLog = createAppLog({
  scope: 'main',
  dir: singleInstance ? join(app.getPath('userData'), 'logs') : null,
})
const logger = appLog.logger

// Only an unpackaged app may load the electron-vite dev server: in a shipped build an
// environment variable must not be able to swap in a page that would be trusted with IPC.
const policy = createOriginPolicy(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL)

function technicianName(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown'
  }
}

function registerProtocolClient(): void {
  // A dev build registering itself would take switchboard:// links away from the installed app.
  if (!app.isPackaged) return
  if (!app.isDefaultProtocolClient(DEEP_LINK_SCHEME)) {
    if (!app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)) {
      logger.warn(`could not register as the ${DEEP_LINK_SCHEME}:// handler`)
    }
  }
}

function start(): void {
  let mainWindow: BrowserWindow | null = null
  let services: Services | null = null
  let transport: IpcTransport | null = null

  const deepLinks = createDeepLinkRouter({ policy, window: () => mainWindow, logger })

  // Before ready, as Electron requires for these.
  registerAppScheme()
  enableSandboxEverywhere()
  applySecurityPolicy(policy, logger)

  const launchLink = findDeepLinkArg(process.argv)
  if (launchLink) deepLinks.open(launchLink)

  const openWindow = (): void => {
    if (!transport) return
    const win = createMainWindow()
    mainWindow = win
    transport.attach(win.webContents)
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null
    })
    win.loadURL(deepLinks.startUrl()).catch((error: unknown) => {
      logger.error('the window could not load the app', error)
    })
  }

  // Another launch (a second start, or a switchboard:// link) brings the window forward;
  // a link it carries is followed, or ignored if Switchboard does not understand it.
  const bringForward = (link: string | null): void => {
    if (link) deepLinks.open(link)
    if (!app.isReady() || !transport) return
    if (!mainWindow) {
      openWindow()
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }
  app.on('second-instance', (_event, argv) => bringForward(findDeepLinkArg(argv)))
  // macOS delivers links here, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    bringForward(url)
  })

  app
    .whenReady()
    .then(() => {
      registerProtocolClient()
      if (!policy.devServerOrigin) serveRendererFromAppScheme(RENDERER_DIR, logger)

      const host: HostPorts = {
        mode: 'electron',
        version: APP_VERSION,
        paths: { dataDir: app.getPath('userData') },
        clock: systemClock,
        logger,
        log: appLog,
        technician: technicianName(),
        osKeychain: electronKeychain(),
        opener: {
          kind: 'host',
          async open(url) {
            if (!(await openApprovedExternal(url, logger))) {
              throw new Error('Only https, mailto and tel links can be opened')
            }
          },
        },
      }
      const running = createServices(host)
      services = running
      const rpc = createRpcServer({ contract, handlers: createHandlers(running), logger })
      transport = createIpcTransport({
        ipcMain,
        rpc,
        policy,
        logger,
        onConnectionClosed: (ctx) => running.inventory.csvConnectionClosed(ctx.connectionId),
      })
      openWindow()
    })
    .catch((error: unknown) => {
      logger.error('Switchboard could not start', error)
      transport?.dispose()
      services?.dispose()
      dialog.showErrorBox(
        'Switchboard could not start',
        error instanceof Error ? error.message : String(error),
      )
      // The log file is written asynchronously: exiting before it is closed would lose this line.
      void appLog.close().finally(() => app.exit(1))
    })

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (!mainWindow && app.isReady()) openWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    transport?.dispose()
    transport = null
    services?.dispose()
    services = null
    void appLog.close()
  })
}

// One Switchboard per user: a second launch (e.g. from a switchboard:// link) hands its
// arguments to the first one through 'second-instance' and exits.
if (singleInstance) start()
else app.quit()
