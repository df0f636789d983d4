import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A headless host running as a child process, as `npm run web -- --json` starts it. */
export interface HeadlessChild {
  port: number
  token: string
  url: string
  process: ChildProcess
  /** Resolves when the process has exited, with its signal (SIGKILL after `kill`). */
  exited: Promise<NodeJS.Signals | null>
  /** What the host wrote to stderr so far (for failure messages). */
  stderr(): string
  /** Sends `signal` (SIGKILL by default) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** A host that is starting: it can be killed before it is ready. */
export interface LaunchingChild {
  /** Resolves on the ready line; rejects if the process exits first. */
  ready: Promise<HeadlessChild>
  exited: Promise<NodeJS.Signals | null>
  kill(signal?: NodeJS.Signals): Promise<void>
}

const READY_TIMEOUT_MS = 20_000

export interface ChildOptions {
  compileCacheDir?: string
  /** Added to this process's environment for the child. */
  env?: Record<string, string>
}

/**
 * Spawns `node <entry> --json --port 0 --data-dir <dataDir>`; `ready` resolves on its ready
 * line, which carries the port and the per-launch token.
 */
export function launchHeadlessChild(
  entry: string,
  dataDir: string,
  options: ChildOptions = {},
): LaunchingChild {
  const env = { ...process.env, ...options.env }
  // Restarts are the hot path of the crash test: V8's code cache saves compiling each time.
  if (options.compileCacheDir) env.NODE_COMPILE_CACHE = options.compileCacheDir
  const child = spawn(process.execPath, [entry, '--json', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  )
  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }

  const ready = new Promise<HeadlessChild>((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill()
      reject(new Error(`headless host was not ready in ${READY_TIMEOUT_MS} ms\n${stderr}`))
    }, READY_TIMEOUT_MS)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`headless host exited (${signal ?? code}) before it was ready\n${stderr}`))
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return
      const ready = JSON.parse(line) as { event?: string; port: number; token: string; url: string }
      if (ready.event !== 'ready') return
      clearTimeout(timer)
      resolve({
        port: ready.port,
        token: ready.token,
        url: ready.url,
        process: child,
        exited,
        stderr: () => stderr,
        kill,
      })
    })
  })
  // A launch killed on purpose before it was ready is not an unhandled rejection.
  ready.catch(() => {})
  return { ready, exited, kill }
}

/** Starts the host and waits until it is ready. */
export function startHeadlessChild(
  entry: string,
  dataDir: string,
  options: ChildOptions = {},
): Promise<HeadlessChild> {
  return launchHeadlessChild(entry, dataDir, options).ready
}
