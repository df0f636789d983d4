import type { HostPorts } from '../src/main/services/ports'
import { systemClock } from '../src/main/services/ports'

/** Host ports for benchmarks: a real clock, and a logger that only speaks up for errors. */
export function benchPorts(dataDir: string): HostPorts {
  return {
    mode: 'browser',
    version: 'bench',
    paths: { dataDir },
    clock: systemClock,
    logger: { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) },
    opener: { kind: 'renderer', open: async () => {} },
    technician: 'bench',
    osKeychain: null,
  }
}
