import type { SyncConflict, SyncRejection, SyncStatus } from '@shared/contract/sync'
import type { TechnicianRole } from '@shared/sync/auth'
import type { StatusTone } from '../../ui/StatusDot'
import { ago } from '../tickets/time'
import { levelLabels, priorityLabels, statusLabels, typeLabels } from '../tickets/labels'

/** Words and tones for the sync state, shared by the status bar and its popover. */

const pad = (n: number): string => String(n).padStart(2, '0')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "14:02" on the same local day as `now`, otherwise "3 Dec 14:02" (the local clock). */
export function clockTime(at: number, now: number): string {
  const when = new Date(at)
  const today = new Date(now)
  const hm = `${pad(when.getHours())}:${pad(when.getMinutes())}`
  const sameDay =
    when.getFullYear() === today.getFullYear() &&
    when.getMonth() === today.getMonth() &&
    when.getDate() === today.getDate()
  if (sameDay) return hm
  const year = when.getFullYear() === today.getFullYear() ? '' : ` ${when.getFullYear()}`
  return `${when.getDate()} ${MONTHS[when.getMonth()]}${year} ${hm}`
}

export interface SyncSummary {
  tone: StatusTone
  /** Short, for the status bar. */
  text: string
  /** One sentence more, for the popover. */
  detail: string | null
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The status bar's words for a sync status (undefined while the first answer is on its way). */
export function syncSummary(status: SyncStatus | undefined, now: number): SyncSummary {
  if (!status) return { tone: 'idle', text: 'Sync: …', detail: null }
  const pending = status.pending > 0 ? ` · ${status.pending} not yet synced` : ''
  switch (status.state) {
    case 'not-configured':
      return {
        tone: 'idle',
        text: `Sync: no team server${pending}`,
        detail: 'This installation works alone. Sign in to a team server to share tickets.',
      }
    case 'signed-out':
      return {
        tone: 'warn',
        text: `Sync: signed out${pending}`,
        detail: 'Changes are kept on this machine until you sign in again.',
      }
    case 'working-offline':
      return {
        tone: 'idle',
        text: `Working offline${pending}`,
        detail: 'Nothing is sent or fetched until you go back online.',
      }
    case 'offline':
      return {
        tone: 'warn',
        text: `Sync: offline${pending}`,
        detail:
          status.offlineSince !== null
            ? `The team server has been out of reach since ${clockTime(status.offlineSince, now)}; retrying.`
            : 'The team server is out of reach; retrying.',
      }
    case 'syncing': {
      const progress = status.progress
      const count =
        progress && progress.total > 0
          ? ` ${Math.min(progress.sent, progress.total)}/${progress.total}`
          : ''
      return { tone: 'warn', text: `Syncing${count}…`, detail: null }
    }
    case 'synced':
      return { tone: 'ok', text: `Synced${pending}`, detail: null }
    case 'error':
      return {
        tone: 'bad',
        text: 'Sync error',
        detail: status.message ?? 'Sync stopped for a reason the app did not give.',
      }
  }
}

/** "Last synced 5 min ago" or "Never synced". */
export function lastSyncedText(status: SyncStatus, now: number): string {
  return status.lastSyncedAt === null
    ? 'Never synced'
    : `Last synced ${ago(status.lastSyncedAt, now)}`
}

/** The counts that need the technician, for the popover ("2 conflicts · 1 refused change"). */
export function attentionText(status: SyncStatus): string | null {
  const parts: string[] = []
  if (status.conflicts > 0) parts.push(plural(status.conflicts, 'conflict'))
  if (status.rejected > 0) parts.push(plural(status.rejected, 'refused change'))
  return parts.length > 0 ? parts.join(' · ') : null
}

// ---------------------------------------------------------------------------------------------
// Conflicts

const fieldNames: Record<string, string> = {
  subject: 'Subject',
  description: 'Description',
  contact: 'Contact',
  type: 'Type',
  board: 'Board',
  siteId: 'Site',
  dueAt: 'Due date',
  status: 'Status',
  impact: 'Impact',
  urgency: 'Urgency',
  priority: 'Priority',
  assignee: 'Assignee',
  devices: 'Devices',
}

/** A field's name as the ticket page shows it; an unknown field keeps its own name. */
export function fieldLabel(field: string): string {
  return fieldNames[field] ?? field
}

const valueLabels: Partial<Record<string, Record<string, string>>> = {
  status: statusLabels,
  priority: priorityLabels,
  impact: levelLabels,
  urgency: levelLabels,
  type: typeLabels,
}

const LONG_TEXT = 60

/** A field's value in words: labels for enums, dates for instants, "nobody"/"empty" for none. */
export function formatFieldValue(field: string, value: unknown, now: number): string {
  if (value === null || value === undefined || value === '') {
    return field === 'assignee' ? 'nobody' : 'empty'
  }
  if (typeof value === 'string') {
    const label = valueLabels[field]?.[value]
    if (label) return label
    const oneLine = value.replace(/\s+/g, ' ').trim()
    const short = oneLine.length > LONG_TEXT ? `${oneLine.slice(0, LONG_TEXT - 1)}…` : oneLine
    return `“${short}”`
  }
  if (typeof value === 'number') {
    return field === 'dueAt' ? clockTime(value, now) : String(value)
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.values(value as Record<string, unknown>).filter(
      (part): part is string => typeof part === 'string' && part.length > 0,
    )
    return parts.length > 0 ? parts.join(', ') : 'empty'
  }
  return JSON.stringify(value)
}

export interface ConflictSentence {
  /** "Dana set Status to Resolved at 14:02 while you were offline" */
  theirs: string
  /** "your change to Waiting on customer was not applied" */
  mine: string
}

/**
 * A conflict in plain words, in two halves so the view can put the ticket link before them:
 * "Dana set Status to Resolved at 14:02 while you were offline; your change to Waiting on
 * customer was not applied".
 */
export function conflictSentence(conflict: SyncConflict, now: number): ConflictSentence {
  const who = conflict.theirActor ?? 'Someone on the team'
  const when = conflict.theirAt !== null ? ` at ${clockTime(conflict.theirAt, now)}` : ''
  const field = fieldLabel(conflict.field)
  return {
    theirs: `${who} set ${field} to ${formatFieldValue(conflict.field, conflict.theirs, now)}${when} while you were offline`,
    mine: `your change to ${formatFieldValue(conflict.field, conflict.mine, now)} was not applied`,
  }
}

/** Where a conflict's row lives in the app and what to call it ("T-7F3A-0042", "Device"). */
export function conflictTarget(conflict: SyncConflict): { href: string | null; label: string } {
  const id = encodeURIComponent(conflict.ticketId)
  switch (conflict.entity) {
    case 'ticket':
      return { href: `/tickets/${id}`, label: conflict.ticketNumber }
    case 'device':
      return { href: `/devices/${id}`, label: 'Device' }
    case 'client':
      return { href: `/clients/${id}`, label: 'Client' }
    case 'site':
      return { href: null, label: 'Site' }
  }
}

const intentNames: Record<string, string> = {
  'inventory.put': 'An inventory change',
  'inventory.delete': 'Removing from the inventory',
  'tickets.create': 'Creating a ticket',
  'tickets.update': 'Editing a ticket',
  'tickets.setStatus': 'Changing a status',
  'tickets.setPriority': 'Changing a priority',
  'tickets.assign': 'Assigning a ticket',
  'tickets.linkDevice': 'Linking a device',
  'tickets.unlinkDevice': 'Unlinking a device',
  'tickets.addNote': 'Adding a note',
  'tickets.addTimeEntry': 'Logging time',
  'tickets.startTimer': 'Starting a timer',
  'tickets.stopTimer': 'Stopping a timer',
}

/** "Changing a status" for a refused `tickets.setStatus`. */
export function rejectionTitle(rejection: SyncRejection): string {
  return intentNames[rejection.intent] ?? rejection.intent
}

// ---------------------------------------------------------------------------------------------
// Roles

/** The signed-in technician's role, or null when not signed in to a team. */
export function teamRole(status: SyncStatus | undefined): TechnicianRole | null {
  return status?.server?.technician?.role ?? null
}

/** Leads and admins see the Team page; technicians never do. */
export function canSeeTeamPage(role: TechnicianRole | null): boolean {
  return role === 'lead' || role === 'admin'
}

/** Only admins change the team; a lead sees it read-only (the server enforces the same). */
export function canManageTeam(role: TechnicianRole | null): boolean {
  return role === 'admin'
}

/** Signed in to a team, so the team's directory is the list of assignees. */
export function isSignedInToTeam(status: SyncStatus | undefined): boolean {
  return status?.server?.technician != null
}
