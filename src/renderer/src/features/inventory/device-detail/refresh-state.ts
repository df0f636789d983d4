import type { CollectionFailureReason, CollectionProgress } from '@shared/contract'

type DeviceEvent = Extract<CollectionProgress, { type: 'device' }>

/** Where this page's "Refresh inventory" stands. */
export type RefreshState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'queued' | 'connecting' | 'collecting'; runId: string }
  | {
      phase: 'done'
      runId: string
      changes: Array<{ field: string; summary: string }>
      problems: string[]
    }
  | {
      phase: 'failed'
      runId: string | null
      reason: CollectionFailureReason | null
      message: string
    }
  | { phase: 'cancelled'; runId: string }

export const idleRefresh: RefreshState = { phase: 'idle' }

/** Still working: the button waits, Cancel is offered. */
export function isRefreshing(state: RefreshState): boolean {
  return (
    state.phase === 'starting' ||
    state.phase === 'queued' ||
    state.phase === 'connecting' ||
    state.phase === 'collecting'
  )
}

/**
 * The next state after one progress event. Events of other devices, and of runs other than
 * the one this page started, leave it as it is: the list page may refresh the same device.
 */
export function nextRefreshState(
  state: RefreshState,
  event: CollectionProgress,
  deviceId: string,
  runId: string | null,
): RefreshState {
  if (event.type !== 'device' || event.deviceId !== deviceId) return state
  if (runId === null || event.runId !== runId) return state
  return fromDeviceEvent(event)
}

function fromDeviceEvent(event: DeviceEvent): RefreshState {
  switch (event.state) {
    case 'queued':
    case 'connecting':
    case 'collecting':
      return { phase: event.state, runId: event.runId }
    case 'done':
      return {
        phase: 'done',
        runId: event.runId,
        changes: event.result?.changes ?? [],
        problems: event.result?.problems ?? [],
      }
    case 'failed':
      return {
        phase: 'failed',
        runId: event.runId,
        reason: event.failure?.reason ?? null,
        message: event.failure?.message ?? 'The collection failed without saying why',
      }
    case 'cancelled':
      return { phase: 'cancelled', runId: event.runId }
  }
}

/** What the technician can do about a failure, besides reading main's words. */
export type RefreshRemedy = 'open-session' | 'edit' | 'unlock-vault' | 'known-hosts' | 'retry'

export interface RefreshAdvice {
  title: string
  advice: string
  remedy: RefreshRemedy
}

/** A failure's headline and next step; the message from main says the specifics. */
export function refreshAdvice(reason: CollectionFailureReason | null): RefreshAdvice {
  switch (reason) {
    case 'unreachable':
      return {
        title: 'Device unreachable',
        advice: 'Check that it is on and that its SSH host and port are right.',
        remedy: 'retry',
      }
    case 'auth-failed':
      return {
        title: 'Login failed',
        advice: 'Check the SSH user and the credential under Edit.',
        remedy: 'edit',
      }
    case 'credential-scope':
      return {
        title: 'Credential not for this device',
        advice:
          'Its scope does not cover this device, so nothing was sent. Choose another credential ' +
          'under Edit, or widen its scope under Sessions → Credentials.',
        remedy: 'edit',
      }
    case 'host-key-untrusted':
      return {
        title: 'Host key not trusted yet',
        advice:
          'Open an SSH session once to compare the fingerprint and trust the key; then refresh again.',
        remedy: 'open-session',
      }
    case 'host-key-changed':
      return {
        title: 'Host key changed',
        advice:
          'The device presented a different key than the one on record, so nothing was sent. ' +
          'If the change is expected, remove the old key under Known hosts.',
        remedy: 'known-hosts',
      }
    case 'no-endpoint':
      return {
        title: 'No SSH endpoint',
        advice: 'Set the SSH host and user (or a credential) under Edit.',
        remedy: 'edit',
      }
    case 'vault-locked':
      return {
        title: 'Vault locked',
        advice: 'Unlock the vault so the device’s credential can be used.',
        remedy: 'unlock-vault',
      }
    case 'winrm-unavailable':
      return {
        title: 'Windows collection not available yet',
        advice: 'Windows devices are collected over WinRM, which this build does not have.',
        remedy: 'retry',
      }
    case 'unsupported-os':
      return {
        title: 'No probe for this system',
        advice: 'Inventory probes exist for Linux and macOS over SSH.',
        remedy: 'retry',
      }
    case 'timeout':
      return {
        title: 'Collection timed out',
        advice: 'The device answered but the probe did not finish in time.',
        remedy: 'retry',
      }
    case 'probe-failed':
    case null:
      return {
        title: 'Collection failed',
        advice: 'The probe ran but its output could not be used.',
        remedy: 'retry',
      }
  }
}
