/**
 * Where a page's time goes, for bench:terminal's profile mode: sampling CPU profiles of the
 * page and its workers (DevTools `Profiler`, workers reached through `Target.setAutoAttach`),
 * and a DevTools trace of the browser's threads (frames, style, layout, paint, tasks), with
 * positions in minified bundles mapped back to their sources. A sampling profile counts wall
 * time: while a thread waits for a core (2 cores, many busy threads), the function it was in is
 * charged, so compare sides by the trace's thread CPU time and use profiles for proportions.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import type { CdpEvent, CdpPage } from './cdp-page'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface TargetProfile {
  /** 'page' or the worker's name. */
  target: string
  profile: CpuProfile
}

interface AttachedTarget {
  sessionId: string
  targetInfo: { type: string; title: string; url: string }
}

/** The page's workers, attached over the page's session (the flat protocol). */
async function attachWorkers(page: CdpPage): Promise<Array<{ sessionId: string; name: string }>> {
  const found: Array<{ sessionId: string; name: string }> = []
  const stop = page.onEvent((event: CdpEvent) => {
    if (event.method !== 'Target.attachedToTarget' || event.sessionId !== page.sessionId) return
    const attached = event.params as AttachedTarget
    if (attached.targetInfo.type === 'worker') {
      found.push({ sessionId: attached.sessionId, name: attached.targetInfo.title })
    }
  })
  await page.send(
    'Target.setAutoAttach',
    { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
    page.sessionId,
  )
  // The replies to setAutoAttach come after the attach events for targets that already run.
  await page.evaluate('1')
  stop()
  return found
}

/** Starts sampling the page and its workers every `intervalUs`; the result stops them. */
export async function startCpuProfiles(
  page: CdpPage,
  intervalUs = 200,
): Promise<() => Promise<TargetProfile[]>> {
  const targets = [{ sessionId: page.sessionId, name: 'page' }, ...(await attachWorkers(page))]
  for (const { sessionId } of targets) {
    await page.send('Profiler.enable', {}, sessionId)
    await page.send('Profiler.setSamplingInterval', { interval: intervalUs }, sessionId)
  }
  for (const { sessionId } of targets) await page.send('Profiler.start', {}, sessionId)
  return async () => {
    const profiles: TargetProfile[] = []
    for (const { sessionId, name } of targets) {
      const { profile } = await page.send<{ profile: CpuProfile }>('Profiler.stop', {}, sessionId)
      await page.send('Profiler.disable', {}, sessionId)
      profiles.push({ target: name, profile })
    }
    return profiles
  }
}

/**
 * Maps a profile frame (script URL, 0-based position) to `source:line name`, through the `.map`
 * file `mapsFor` names for that script, if it has one.
 */
export function sourceMapper(
  mapsFor: (url: string) => string | null,
): (frame: CallFrame) => string | null {
  const consumers = new Map<string, SourceMapConsumer | null>()
  return (frame) => {
    if (!frame.url) return null
    let consumer = consumers.get(frame.url)
    if (consumer === undefined) {
      const file = mapsFor(frame.url)
      consumer =
        file && existsSync(file)
          ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8')) as RawSourceMap)
          : null
      consumers.set(frame.url, consumer)
    }
    if (!consumer) return null
    const at = consumer.originalPositionFor({
      line: frame.lineNumber + 1,
      column: frame.columnNumber,
    })
    if (!at.source) return null
    const source = at.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')
    return `${source}:${at.line}${at.name ? ` ${at.name}` : ''}`
  }
}

/** The built renderer's source maps (`electron-vite build --sourcemap`) and xterm.js's. */
export function appSourceMaps(rendererOut: string): (url: string) => string | null {
  return (url) => {
    if (url === 'xterm-reference.js') return 'node_modules/@xterm/xterm/lib/xterm.js.map'
    const asset = /\/assets\/([^/?#]+\.js)/.exec(url)
    return asset?.[1] ? join(rendererOut, 'assets', `${asset[1]}.map`) : null
  }
}

export interface SelfTime {
  key: string
  ms: number
}

/** Self time by function (its name and mapped source position), largest first. */
export function selfTimes(
  profile: CpuProfile,
  describe: (frame: CallFrame) => string | null,
): SelfTime[] {
  const byNode = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const node = profile.samples[i] as number
    // A sample's delta is the time since the previous one; it is charged to this sample.
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000
    byNode.set(node, (byNode.get(node) ?? 0) + delta)
  }
  const byKey = new Map<string, number>()
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id)
    if (!ms) continue
    const frame = node.callFrame
    const where = describe(frame)
    const name = frame.functionName || '(anonymous)'
    const key = where ? `${name}  ${where}` : frame.url ? `${name}  ${frame.url}` : name
    byKey.set(key, (byKey.get(key) ?? 0) + ms)
  }
  return [...byKey.entries()].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms)
}

export interface TraceEvent {
  name: string
  cat: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: Record<string, unknown>
}

/** Records a DevTools trace of the whole browser until the result is called. */
export async function startTrace(page: CdpPage): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = []
  let complete: () => void = () => undefined
  const done = new Promise<void>((resolve) => (complete = resolve))
  const stop = page.onEvent((event) => {
    if (event.sessionId) return
    if (event.method === 'Tracing.dataCollected') {
      events.push(...(event.params as { value: TraceEvent[] }).value)
    } else if (event.method === 'Tracing.tracingComplete') {
      complete()
    }
  })
  await page.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      recordMode: 'recordAsMuchAsPossible',
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'blink',
        'v8',
        'cc',
      ],
    },
  })
  return async () => {
    await page.send('Tracing.end')
    await done
    stop()
    return events
  }
}

export interface ThreadSummary {
  thread: string
  /** Thread CPU time of its top-level tasks, in ms. */
  taskCpuMs: number
  taskWallMs: number
  tasks: number
  /** Thread CPU time, wall time and count of each event name (complete events), largest first. */
  events: Array<{ name: string; cpuMs: number; ms: number; count: number }>
}

/** Per thread of the given processes: its top-level task time and its events, by name. */
export function summarizeTrace(events: TraceEvent[], pids: Set<number>): ThreadSummary[] {
  const names = new Map<string, string>()
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && pids.has(e.pid)) {
      names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: string })?.name ?? e.tid))
    }
  }
  const threads = new Map<
    string,
    ThreadSummary & { byName: Map<string, [number, number, number]> }
  >()
  for (const e of events) {
    if (!pids.has(e.pid) || e.ph !== 'X') continue
    const id = `${e.pid}:${e.tid}`
    let t = threads.get(id)
    if (!t) {
      t = {
        thread: `${names.get(id) ?? e.tid} (${e.pid})`,
        taskCpuMs: 0,
        taskWallMs: 0,
        tasks: 0,
        events: [],
        byName: new Map(),
      }
      threads.set(id, t)
    }
    if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'ThreadPool_RunTask') {
      t.taskCpuMs += (e.tdur ?? 0) / 1000
      t.taskWallMs += (e.dur ?? 0) / 1000
      t.tasks += 1
    }
    const entry = t.byName.get(e.name) ?? [0, 0, 0]
    entry[0] += (e.tdur ?? 0) / 1000
    entry[1] += (e.dur ?? 0) / 1000
    entry[2] += 1
    t.byName.set(e.name, entry)
  }
  return [...threads.values()]
    .map(({ byName, ...t }) => ({
      ...t,
      events: [...byName.entries()]
        .map(([name, [cpuMs, ms, count]]) => ({ name, cpuMs, ms, count }))
        .sort((a, b) => b.cpuMs - a.cpuMs),
    }))
    .sort((a, b) => b.taskCpuMs - a.taskCpuMs)
}

/** Renderer process ids: those with a CrRendererMain thread. */
export function rendererPids(events: TraceEvent[]): Set<number> {
  const pids = new Set<number>()
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') {
      const name = (e.args as { name?: string })?.name
      if (name === 'CrRendererMain') pids.add(e.pid)
    }
  }
  return pids
}
