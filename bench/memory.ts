/**
 * Memory by process from /proc: the proportional set size (PSS: shared pages split between the
 * processes sharing them, so parts add up) of a process and its descendants.
 */
import { readdirSync, readFileSync } from 'node:fs'

function parents(): Map<number, number> {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // The process ended while we looked.
    }
  }
  return parentOf
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const parentOf = parents()
  const tree = [root]
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid)
  }
  return tree
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

/** Summed PSS of `pids`, in MB. */
export function pssMb(pids: readonly number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0)
    } catch {
      // Ended, or not ours to read.
    }
  }
  return kb / 1024
}
