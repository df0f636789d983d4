/** What the context panel is about: the device, ticket or client the main area shows. */
export type ContextSubject =
  { kind: 'device'; id: string } | { kind: 'ticket'; id: string } | { kind: 'client'; id: string }

const PAGES: ReadonlyArray<readonly [RegExp, ContextSubject['kind']]> = [
  [/^\/devices\/([^/]+)\/?$/, 'device'],
  [/^\/tickets\/([^/]+)\/?$/, 'ticket'],
  [/^\/clients\/([^/]+)\/?$/, 'client'],
]

/** The subject of the page at `path` (a device, ticket or client page), or null for lists. */
export function subjectOfPath(path: string): ContextSubject | null {
  for (const [pattern, kind] of PAGES) {
    const match = pattern.exec(path)
    if (!match?.[1]) continue
    try {
      return { kind, id: decodeURIComponent(match[1]) }
    } catch {
      // A malformed escape is no page of ours.
      return null
    }
  }
  return null
}
