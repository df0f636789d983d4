/**
 * The team server's realtime stream (`GET /v1/sync/events`, server-sent events) read with
 * fetch, so the access token goes in a header rather than the URL. Only `poke` events matter:
 * each means "something in your scope changed; pull".
 */
export interface PokeStreamOptions {
  url: string
  accessToken: string
  signal: AbortSignal
  onOpen: () => void
  onPoke: () => void
  fetch?: typeof fetch
}

/** Why the stream ended: the caller reconnects (with backoff) or refreshes the token. */
export type PokeStreamEnd = 'closed' | 'unauthorized' | 'failed' | 'aborted'

export async function readPokeStream(options: PokeStreamOptions): Promise<PokeStreamEnd> {
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(`${options.url}/v1/sync/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${options.accessToken}` },
      signal: options.signal,
      redirect: 'error',
    })
  } catch {
    return options.signal.aborted ? 'aborted' : 'failed'
  }
  if (response.status === 401) return 'unauthorized'
  if (!response.ok || !response.body) return 'failed'
  options.onOpen()
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true }).replace(/\r\n?/g, '\n')
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (block.split('\n').some((line) => line.trim() === 'event: poke')) options.onPoke()
        end = buffer.indexOf('\n\n')
      }
      // A stream that never ends an event is not the protocol; do not buffer it for ever.
      if (buffer.length > 64 * 1024) return 'failed'
    }
  } catch {
    return options.signal.aborted ? 'aborted' : 'failed'
  }
  return options.signal.aborted ? 'aborted' : 'closed'
}
