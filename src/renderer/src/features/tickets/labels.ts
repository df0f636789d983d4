import type {
  ImpactLevel,
  NoteVisibility,
  SlaMilestoneName,
  TicketPriority,
  TicketStatus,
  TicketType,
  WorkType,
} from '@shared/contract/tickets'
import type { StatusTone } from '../../ui/StatusDot'

/** Words for the values of the ticket model, one place for every view. */

export const statusLabels: Record<TicketStatus, string> = {
  new: 'New',
  'in-progress': 'In progress',
  'waiting-customer': 'Waiting on customer',
  'waiting-vendor': 'Waiting on vendor',
  scheduled: 'Scheduled',
  resolved: 'Resolved',
  closed: 'Closed',
}

/** The action that moves a ticket into a status, for the status control. */
export const statusActions: Record<TicketStatus, string> = {
  new: 'Back to new',
  'in-progress': 'Start work',
  'waiting-customer': 'Wait on customer',
  'waiting-vendor': 'Wait on vendor',
  scheduled: 'Schedule',
  resolved: 'Resolve',
  closed: 'Close',
}

export const statusTones: Record<TicketStatus, StatusTone> = {
  new: 'warn',
  'in-progress': 'ok',
  'waiting-customer': 'idle',
  'waiting-vendor': 'idle',
  scheduled: 'idle',
  resolved: 'ok',
  closed: 'idle',
}

export const priorityLabels: Record<TicketPriority, string> = {
  P1: 'P1 · Critical',
  P2: 'P2 · High',
  P3: 'P3 · Medium',
  P4: 'P4 · Low',
}

export const typeLabels: Record<TicketType, string> = {
  incident: 'Incident',
  'service-request': 'Service request',
  problem: 'Problem',
  change: 'Change',
  maintenance: 'Maintenance',
}

export const levelLabels: Record<ImpactLevel, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
}

export const workTypeLabels: Record<WorkType, string> = {
  remote: 'Remote',
  onsite: 'On site',
  phone: 'Phone',
  email: 'Email',
  admin: 'Admin',
  travel: 'Travel',
}

export const visibilityLabels: Record<NoteVisibility, string> = {
  internal: 'Internal',
  customer: 'Customer-facing',
}

export const milestoneLabels: Record<SlaMilestoneName, string> = {
  firstResponse: 'First response',
  resolutionPlan: 'Resolution plan',
  resolved: 'Resolution',
}
