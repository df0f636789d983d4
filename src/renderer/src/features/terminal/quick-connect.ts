import type { OpenSession, SshConfigHost, SshEndpoint } from '@shared/contract'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

interface Hop {
  username: string | null
  host: string
  port: number
}

// The same characters the contract accepts for a host; brackets only around IPv6 literals.
const HOST_CHARS = /^[\w.:%-]+$/

/**
 * Reads `user@host`, `user@host:port` or `user@[v6::addr]:port`. The user is optional here so
 * a chosen credential can supply it; the last `@` splits, since Windows users carry domains.
 */
export function parseHop(text: string): Parsed<Hop> {
  const raw = text.trim()
  if (!raw) return { ok: false, error: 'Enter a host, like admin@10.0.0.5 or admin@host:2222' }
  if (/\s/.test(raw)) return { ok: false, error: `“${raw}” contains a space` }
  const at = raw.lastIndexOf('@')
  const username = at >= 0 ? raw.slice(0, at) : null
  if (username === '') return { ok: false, error: `“${raw}” has nothing before the @` }
  const address = at >= 0 ? raw.slice(at + 1) : raw

  let host: string
  let portText: string | null = null
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(address)
  if (bracketed) {
    host = bracketed[1] ?? ''
    portText = bracketed[2] ?? null
  } else if ((address.match(/:/g) ?? []).length > 1) {
    // A bare IPv6 address: its colons are not a port separator.
    host = address
  } else {
    const colon = address.indexOf(':')
    host = colon >= 0 ? address.slice(0, colon) : address
    portText = colon >= 0 ? address.slice(colon + 1) : null
  }

  if (!host) return { ok: false, error: `“${raw}” has no host after the @` }
  if (!HOST_CHARS.test(host) || host.length > 253) {
    return { ok: false, error: `“${host}” is not a host name or address` }
  }
  let port = 22
  if (portText !== null) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN
    if (!(port >= 1 && port <= 65535)) {
      return { ok: false, error: `The port in “${raw}” must be a number from 1 to 65535` }
    }
  }
  return { ok: true, value: { username, host, port } }
}

export interface QuickConnectInput {
  target: string
  via: string
  credential: { id: string; username: string } | null
}

/** What a tab asks main to open, before the tab knows its size. */
export type SessionRequest =
  | Omit<Extract<OpenSession, { kind: 'quick' }>, 'cols' | 'rows'>
  | Omit<Extract<OpenSession, { kind: 'device' }>, 'cols' | 'rows'>

/**
 * A session for a new tab: what main is asked to open and the tab's name. A device's session
 * names the device only: main decides where it goes and with which credential.
 */
export interface SessionPlan {
  request: SessionRequest
  title: string
}

/**
 * Turns the quick-connect fields into a session, or the first thing wrong with them. A quick
 * connect never forwards the agent; that is a device's setting.
 */
export function planQuickConnect(input: QuickConnectInput): Parsed<SessionPlan> {
  const target = parseHop(input.target)
  if (!target.ok) return target
  const username = target.value.username ?? input.credential?.username ?? null
  if (!username) {
    return { ok: false, error: 'Add the user name (user@host) or pick a credential' }
  }

  const jumpHosts: SshEndpoint[] = []
  const via = input.via.trim()
  if (via) {
    const parts = via.split(',').map((p) => p.trim())
    if (parts.length > 5) return { ok: false, error: 'At most 5 jump hosts' }
    for (const part of parts) {
      const hop = parseHop(part)
      if (!hop.ok) return { ok: false, error: `Via: ${hop.error}` }
      if (!hop.value.username) {
        return { ok: false, error: `Via: add the user name for the jump host (user@${part})` }
      }
      const { host, port } = hop.value
      jumpHosts.push({ host, port, username: hop.value.username, credentialId: null })
    }
  }

  const { host, port } = target.value
  const shownHost = host.includes(':') ? `[${host}]` : host
  const title = `${username}@${shownHost}${port === 22 ? '' : `:${port}`}`
  return {
    ok: true,
    value: {
      request: {
        kind: 'quick',
        target: {
          host,
          port,
          username,
          credentialId: input.credential?.id ?? null,
          jumpHosts,
          useAgent: true,
        },
        title,
        recordInput: false,
      },
      title,
    },
  }
}

/** What choosing a `~/.ssh/config` host puts into the quick-connect fields. */
export interface QuickConnectFields {
  target: string
  via: string
  /** The first field that still lacks a user name, where ssh would fall back to the login. */
  missingUser: 'target' | 'via' | null
}

/** `user@host:port`, the user left out when unknown; IPv6 literals go in brackets. */
function formatHop(username: string | null, host: string, port: number): string {
  const shownHost = host.includes(':') ? `[${host}]` : host
  return `${username ? `${username}@` : ''}${shownHost}:${port}`
}

/**
 * ProxyJump hops as ssh would dial them: a hop naming another Host of the same config takes
 * that Host's HostName, User and Port (the hop's own user wins) and its ProxyJump first.
 * `seen` stops a chain of aliases that loops back on itself.
 */
function expandJumps(
  hops: SshConfigHost['jumpHosts'],
  known: readonly SshConfigHost[],
  seen: ReadonlySet<string>,
): Hop[] {
  const out: Hop[] = []
  for (const hop of hops) {
    const alias = seen.has(hop.host) ? undefined : known.find((h) => h.alias === hop.host)
    if (!alias) {
      out.push({ username: hop.user, host: hop.host, port: hop.port })
      continue
    }
    out.push(...expandJumps(alias.jumpHosts, known, new Set([...seen, alias.alias])))
    out.push({
      username: hop.user ?? alias.user,
      host: alias.hostName,
      // The main side reads `bastion` and `bastion:22` alike as port 22; the first, far more
      // common, means "the alias's Port", so 22 defers to it.
      port: hop.port === 22 ? alias.port : hop.port,
    })
  }
  return out
}

/**
 * The quick-connect fields for one config host: `user@hostName:port` and the jump chain. The
 * port is always written out so the field shows exactly where Connect will go.
 */
export function fieldsFromSshHost(
  host: SshConfigHost,
  known: readonly SshConfigHost[] = [],
): QuickConnectFields {
  const jumps = expandJumps(host.jumpHosts, known, new Set([host.alias]))
  return {
    target: formatHop(host.user, host.hostName, host.port),
    via: jumps.map((hop) => formatHop(hop.username, hop.host, hop.port)).join(', '),
    missingUser: !host.user ? 'target' : jumps.some((hop) => !hop.username) ? 'via' : null,
  }
}
