/** A server-sent event stream read as the app's main process will: fetch, line by line. */
export interface EventStream {
  /** Resolves with the next event of this name (data parsed as JSON). */
  next(name: string): Promise<unknown>
  close(): void
}

export async function openEventStream(url: string, token: string): Promise<EventStream> {
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  })
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`)
  const queue: Array<{ event: string; data: unknown }> = []
  const waiters: Array<{ name: string; resolve: (data: unknown) => void }> = []
  const deliver = (): void => {
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i]
      const index = queue.findIndex((e) => e.event === waiter?.name)
      if (waiter && index >= 0) {
        const [event] = queue.splice(index, 1)
        waiters.splice(i--, 1)
        waiter.resolve(event?.data)
      }
    }
  }
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let event = 'message'
          let data = ''
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7)
            else if (line.startsWith('data: ')) data += line.slice(6)
          }
          if (data) queue.push({ event, data: JSON.parse(data) as unknown })
          deliver()
        }
      }
    } catch {
      // Closed by the test.
    }
  })()
  return {
    next: (name) =>
      new Promise((resolve) => {
        waiters.push({ name, resolve })
        deliver()
      }),
    close: () => controller.abort(),
  }
}
