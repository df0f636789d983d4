import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Contract } from '@shared/contract'
import type { CallInput } from '@shared/rpc/define'
import { useRpc } from './rpc'

type Vendors = Contract['vendors']
export type VendorListInput = CallInput<Vendors['list']>

export const vendorKeys = {
  all: ['vendors'] as const,
  list: (input: VendorListInput) => ['vendors', 'list', input] as const,
  vendor: (id: string) => ['vendors', 'get', { id }] as const,
  renewals: (withinDays: number, clientId: string | null) =>
    ['vendors', 'renewals', { withinDays, clientId }] as const,
  context: (clientId: string, deviceIds: readonly string[]) =>
    ['vendors', 'forContext', { clientId, deviceIds }] as const,
}

/** Vendors matching a query and category, by name; previous results stay while typing. */
export function useVendors(input: VendorListInput, options: { enabled?: boolean } = {}) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vendorKeys.list(input),
    queryFn: () => rpc.vendors.list(input),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  })
}

/** One vendor with its contacts and the clients' accounts. */
export function useVendor(id: string) {
  const rpc = useRpc()
  return useQuery({ queryKey: vendorKeys.vendor(id), queryFn: () => rpc.vendors.get({ id }) })
}

/** Contracts and warranties ending within the window, soonest first. */
export function useRenewals(withinDays: 30 | 60 | 90, clientId: string | null) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vendorKeys.renewals(withinDays, clientId),
    queryFn: () => rpc.vendors.renewals({ withinDays, ...(clientId ? { clientId } : {}) }),
    placeholderData: keepPreviousData,
  })
}

/** The vendor cards beside a client and the devices at hand. */
export function useVendorCards(clientId: string, deviceIds: readonly string[]) {
  const rpc = useRpc()
  return useQuery({
    queryKey: vendorKeys.context(clientId, deviceIds),
    queryFn: () => rpc.vendors.forContext({ clientId, deviceIds: [...deviceIds] }),
  })
}

/** A change to the directory: every vendor query (lists, pages, context cards) is read again. */
function useVendorMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
  })
}

export function useVendorChanges() {
  const rpc = useRpc()
  return {
    create: useVendorMutation((input: CallInput<Vendors['create']>) => rpc.vendors.create(input)),
    update: useVendorMutation((input: CallInput<Vendors['update']>) => rpc.vendors.update(input)),
    remove: useVendorMutation((input: CallInput<Vendors['remove']>) => rpc.vendors.remove(input)),
    saveContact: useVendorMutation((input: CallInput<Vendors['saveContact']>) =>
      rpc.vendors.saveContact(input),
    ),
    removeContact: useVendorMutation((input: CallInput<Vendors['removeContact']>) =>
      rpc.vendors.removeContact(input),
    ),
    saveAccount: useVendorMutation((input: CallInput<Vendors['saveAccount']>) =>
      rpc.vendors.saveAccount(input),
    ),
    removeAccount: useVendorMutation((input: CallInput<Vendors['removeAccount']>) =>
      rpc.vendors.removeAccount(input),
    ),
  }
}
