import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { Contract } from '@shared/contract'
import type { CallInput } from '@shared/rpc/define'
import { useShell } from '../app/ui-store'
import { useRpc } from './rpc'

type Vendors = Contract['vendors']
export type VendorListInput = CallInput<Vendors['list']>

export const vendorKeys = {
  all: ['vendors'] as const,
  list: (input: VendorListInput) => ['vendors', 'list', input] as const,
  vendor: (id: string) => ['vendors', 'get', { id }] as const,
  context: (clientId: string, deviceIds: readonly string[]) =>
    ['vendors', 'forContext', { clientId, deviceIds }] as const,
}

/** Vendors matching a query and category, by name; previous results stay while typing. */
export function useVendors(input: VendorListInput) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vendorKeys.list(input),
    queryFn: () => rpc.vendors.list(input),
    placeholderData: keepPreviousData,
  })
}

/** One vendor with its contacts and the clients' accounts. */
export function useVendor(id: string) {
  const rpc = useRpc()
  return useQuery({ queryKey: vendorKeys.vendor(id), queryFn: () => rpc.vendors.get({ id }) })
}

/** The vendor cards beside a client and the devices at hand. */
export function useVendorCards(clientId: string, deviceIds: readonly string[]) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vendorKeys.context(clientId, deviceIds),
    queryFn: () => rpc.vendors.forContext({ clientId, deviceIds: [...deviceIds] }),
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Opens a web, mail or phone link once main's allowlist approved it (https, mailto, tel);
 * a refusal is shown, not swallowed.
 */
export function useOpenLink(): (url: string) => void {
  const rpc = useRpc()
  return (url) => {
    rpc.links
      .open({ url })
      .then(({ url: approved, openedBy }) => {
        if (openedBy === 'renderer') window.open(approved, '_blank', 'noopener,noreferrer')
      })
      .catch((error: unknown) =>
        useShell.getState().notify('error', `Link not opened: ${messageOf(error)}`),
      )
  }
}
