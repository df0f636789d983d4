import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { team } from '@shared/contract/team'
import type { CallInput } from '@shared/rpc/define'
import { useRpc } from './rpc'

type Team = typeof team

export type CreateTechnicianInput = CallInput<Team['createTechnician']>
export type UpdateTechnicianInput = CallInput<Team['updateTechnician']>
export type AssignClientsInput = CallInput<Team['assignClients']>

/** Query keys of the team namespace: the contract method plus its input. */
export const teamKeys = {
  all: ['team'] as const,
  directory: ['team.directory', {}] as const,
  technicians: ['team.technicians', {}] as const,
  clients: ['team.clients', {}] as const,
  installations: ['team.installations', {}] as const,
  settings: ['team.settings', {}] as const,
}

/** The team's names for the assignee list; disabled while not signed in to a team. */
export function useTeamDirectory(enabled: boolean) {
  const rpc = useRpc()
  return useQuery({
    queryKey: teamKeys.directory,
    queryFn: () => rpc.team.directory({}),
    enabled,
    staleTime: 60_000,
  })
}

export function useTechnicians() {
  const rpc = useRpc()
  return useQuery({ queryKey: teamKeys.technicians, queryFn: () => rpc.team.technicians({}) })
}

export function useTeamClients() {
  const rpc = useRpc()
  return useQuery({ queryKey: teamKeys.clients, queryFn: () => rpc.team.clients({}) })
}

/** Admins only: a lead's call is refused, so the page asks only when it may. */
export function useInstallations(enabled: boolean) {
  const rpc = useRpc()
  return useQuery({
    queryKey: teamKeys.installations,
    queryFn: () => rpc.team.installations({}),
    enabled,
  })
}

export function useTeamSettings() {
  const rpc = useRpc()
  return useQuery({ queryKey: teamKeys.settings, queryFn: () => rpc.team.settings({}) })
}

/** Each change re-reads every team query: the server is the source of truth for all of them. */
function useTeamMutation<T, R>(call: (input: T) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSettled: () =>
      queryClient.invalidateQueries({
        predicate: (query) =>
          typeof query.queryKey[0] === 'string' && query.queryKey[0].startsWith('team.'),
      }),
  })
}

export function useCreateTechnician() {
  const rpc = useRpc()
  return useTeamMutation((input: CreateTechnicianInput) => rpc.team.createTechnician(input))
}

export function useUpdateTechnician() {
  const rpc = useRpc()
  return useTeamMutation((input: UpdateTechnicianInput) => rpc.team.updateTechnician(input))
}

export function useAssignClients() {
  const rpc = useRpc()
  return useTeamMutation((input: AssignClientsInput) => rpc.team.assignClients(input))
}

export function useRevokeInstallation() {
  const rpc = useRpc()
  return useTeamMutation((id: string) => rpc.team.revokeInstallation({ id }))
}

export function useUpdateTeamSettings() {
  const rpc = useRpc()
  return useTeamMutation((requireMfaForEveryone: boolean) =>
    rpc.team.updateSettings({ requireMfaForEveryone }),
  )
}
