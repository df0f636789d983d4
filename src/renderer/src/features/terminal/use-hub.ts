import { useQueryClient } from '@tanstack/react-query'
import { useStore } from 'zustand'
import { useRpc } from '../../api/rpc'
import { hubFor, type HubState, type TerminalHub } from './terminal-hub'

export function useTerminalHub(): TerminalHub {
  return hubFor(useRpc(), useQueryClient())
}

/** A slice of the hub's state; return primitives or stable references from `selector`. */
export function useHubState<T>(selector: (state: HubState) => T): T {
  return useStore(useTerminalHub().store, selector)
}
