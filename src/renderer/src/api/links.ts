import type { SwitchboardClient } from '@shared/contract'
import { useShell } from '../app/ui-store'
import { useRpc } from './rpc'

/**
 * Opens a web, mail or phone link once main's allowlist approved it (https, mailto, tel); in
 * browser mode the page opens what main approved. A refusal is shown, not swallowed.
 */
export function openApprovedLink(rpc: SwitchboardClient, url: string): void {
  rpc.links
    .open({ url })
    .then(({ url: approved, openedBy }) => {
      if (openedBy === 'renderer') window.open(approved, '_blank', 'noopener,noreferrer')
    })
    .catch((error: unknown) =>
      useShell
        .getState()
        .notify(
          'error',
          `Link not opened: ${error instanceof Error ? error.message : String(error)}`,
        ),
    )
}

/** openApprovedLink on the app's connection. */
export function useOpenLink(): (url: string) => void {
  const rpc = useRpc()
  return (url) => openApprovedLink(rpc, url)
}
