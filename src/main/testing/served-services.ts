import { afterEach } from 'vitest'
import { createServices, type Services } from '../services'
import type { HostPorts } from '../services/ports'
import { testHostPorts } from './host-ports'
import { serveOverMemory } from './rpc-harness'
import { useTempDirs } from './temp-dir'

/**
 * For a test file: `connect()` builds the real services on a fresh temp data dir and serves
 * them over memory; everything it built is disposed after each test.
 */
export function useServicesOverMemory(): (overrides?: Partial<HostPorts>) => {
  services: Services
  client: ReturnType<typeof serveOverMemory>['client']
} {
  const tempDir = useTempDirs()
  const open: Services[] = []
  afterEach(() => {
    for (const s of open.splice(0)) s.dispose()
  })
  return (overrides = {}) => {
    const services = createServices(testHostPorts(tempDir(), overrides))
    open.push(services)
    return { services, client: serveOverMemory(services).client }
  }
}
