import { vi } from 'vitest'
import type { HostPorts } from '../services/ports'

/** Host ports for tests: a real data dir, a controllable clock, a logger that records. */
export function testHostPorts(dataDir: string, overrides: Partial<HostPorts> = {}): HostPorts {
  return {
    mode: 'browser',
    version: '0.0.0-test',
    paths: { dataDir },
    clock: { now: () => 1_700_000_000_000 },
    logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    opener: { kind: 'renderer', open: vi.fn(async () => {}) },
    technician: 'test-tech',
    osKeychain: null,
    ...overrides,
  }
}
