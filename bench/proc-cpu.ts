/**
 * CPU time of process trees, read from /proc (Linux only), so a benchmark can say where its
 * CPU went. On a shared machine wall-clock figures swing with the load; CPU per unit of work
 * swings much less.
 */
import { readdirSync, readFileSync } from 'node:fs'

const TICK_MS = 10 // USER_HZ is 100 on Linux

interface ProcessInfo {
  ppid: number
  ticks: number
  cmdline: string
}

export type CpuSnapshot = Map<number, ProcessInfo>

export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map()
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return snapshot
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the command name, which may itself contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      snapshot.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
      })
    } catch {
      // The process ended while we looked.
    }
  }
  return snapshot
}

function descendants(snapshot: CpuSnapshot, root: number): number[] {
  const found = [root]
  for (let i = 0; i < found.length; i++) {
    for (const [pid, info] of snapshot) if (info.ppid === found[i]) found.push(pid)
  }
  return found.filter((pid) => snapshot.has(pid))
}

/**
 * CPU milliseconds each process tree used between two snapshots, split by `label` (processes
 * for which it returns null are left out). Processes that ended in between are not counted.
 */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
  roots: number[],
  label: (cmdline: string, root: number) => string | null,
): Record<string, number> {
  const totals: Record<string, number> = {}
  const seen = new Set<number>()
  for (const root of roots) {
    for (const pid of descendants(after, root)) {
      if (seen.has(pid)) continue
      seen.add(pid)
      const now = after.get(pid)
      if (!now) continue
      const name = label(now.cmdline, root)
      if (name === null) continue
      const used = (now.ticks - (before.get(pid)?.ticks ?? 0)) * TICK_MS
      totals[name] = (totals[name] ?? 0) + used
    }
  }
  return totals
}
