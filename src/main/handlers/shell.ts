import { arch, platform, release } from 'node:os'
import { approveExternalUrl } from '../../shared/domain/links'
import { RpcError } from '../../shared/rpc/errors'
import type { Services } from '../services'
import type { NamespaceHandlers } from './context'

/** The shell's own namespaces: app facts, audit log, links, settings. */
export function shellHandlers(services: Services): {
  app: NamespaceHandlers<'app'>
  audit: NamespaceHandlers<'audit'>
  links: NamespaceHandlers<'links'>
  settings: NamespaceHandlers<'settings'>
} {
  const { host } = services
  const info = () => ({
    name: 'Switchboard',
    version: host.version,
    mode: host.mode,
    platform: platform(),
    schemaVersion: services.store.schemaVersion,
    dataDir: host.paths.dataDir,
    technician: host.technician,
  })
  return {
    app: {
      info,
      diagnostics: () => ({
        ...info(),
        arch: arch(),
        osRelease: release(),
        nodeVersion: process.versions.node,
        electronVersion: process.versions.electron ?? null,
        logFile: host.log?.file ?? null,
        recentProblems: host.log?.recent() ?? [],
        generatedAt: host.clock.now(),
      }),
      ping: ({ echo }) => ({ echo, at: host.clock.now() }),
    },
    audit: {
      list: (query) => ({ entries: services.audit.list(query) }),
    },
    links: {
      open: async ({ url }) => {
        const approved = approveExternalUrl(url)
        if (!approved) {
          throw new RpcError('FORBIDDEN', 'Only https, mailto and tel links can be opened')
        }
        await host.opener.open(approved)
        return { url: approved, openedBy: host.opener.kind }
      },
    },
    settings: {
      list: () => ({ entries: services.settings.list() }),
      get: ({ key }) => services.settings.get(key),
      set: (entry) => services.settings.set(entry),
      onDidChange: (_input, emit) => services.settings.onDidChange(emit),
    },
  }
}
