import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ReadyLine {
  url: string
  port: number
  token: string
  dataDir: string
}

export interface RunningHost extends ReadyLine {
  process: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<void>
}

/** Starts the built headless host (out/main/headless.js) and waits for its ready line. */
export function startHeadlessProcess(dataDir: string, port = 0): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    ['out/main/headless.js', '--json', '--port', String(port), '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL')
      reject(new Error(`headless host did not become ready in 15 s\n${stderr}`))
    }, 15_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`headless host exited with ${code} before it was ready\n${stderr}`))
    })
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('{')) return
      const ready = JSON.parse(line) as ReadyLine & { event: string }
      if (ready.event !== 'ready') return
      clearTimeout(timer)
      resolve({ ...ready, process: child, stop })
    })
  })
}
