import { net, protocol } from 'electron'
import type { Logger } from '../services/ports'
import { createAppSchemeHandler } from './app-scheme-handler'
import { APP_SCHEME } from './policy'

/**
 * Declares `app:` a standard, secure scheme so the renderer gets a real origin
 * (`app://switchboard`), relative URLs, fetch and a secure context without file:'s extra
 * privileges. Not `corsEnabled`: nothing needs to read it cross-origin. Electron only accepts
 * this before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer (out/renderer) on `app://switchboard/`. Call once the app is ready. */
export function serveRendererFromAppScheme(rendererDir: string, logger: Logger): void {
  protocol.handle(
    APP_SCHEME,
    createAppSchemeHandler({
      rendererDir,
      logger,
      // Bypassing custom handlers keeps any future file: handler out of the way.
      fetchFile: (fileUrl) => net.fetch(fileUrl, { bypassCustomProtocolHandlers: true }),
    }),
  )
}
