import { stat } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import type { Logger } from '../services/ports'
import { contentTypeFor, resolveRendererAsset, securityHeaders } from './policy'

/** Reads a file: URL (Electron's `net.fetch` in the app, which also reads inside app.asar). */
export type FetchFile = (fileUrl: string) => Promise<Response>

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * The `app://switchboard/` request handler: serves the built renderer read-only (GET and HEAD),
 * with the app's CSP and hardening headers on every response, errors included. Kept apart from
 * the `protocol.handle` call so it runs, and is tested, without Electron.
 */
export function createAppSchemeHandler(options: {
  rendererDir: string
  logger: Logger
  fetchFile: FetchFile
}): (request: Request) => Promise<Response> {
  const { rendererDir, logger, fetchFile } = options
  const headers = securityHeaders()
  const refusal = (status: number, extra: Record<string, string> = {}): Response =>
    new Response(null, { status, headers: { ...headers, ...extra } })

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, { Allow: 'GET, HEAD' })
    }
    const target = resolveRendererAsset(rendererDir, request.url)
    if (target.kind === 'refuse') {
      logger.warn(`app scheme refused a request (${target.reason})`, request.url)
      return refusal(target.status)
    }
    let file = target.file
    if (!(await isFile(file))) {
      if (!target.fallback) return refusal(404)
      file = target.fallback
    }
    try {
      const upstream = await fetchFile(pathToFileURL(file).toString())
      if (!upstream.ok || request.method === 'HEAD') await upstream.body?.cancel()
      if (!upstream.ok) return refusal(upstream.status === 404 ? 404 : 500)
      return new Response(request.method === 'HEAD' ? null : upstream.body, {
        status: 200,
        headers: { ...headers, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' },
      })
    } catch (error) {
      logger.error('app scheme could not read a renderer file', error)
      return refusal(500)
    }
  }
}
