export {
  canTransition,
  DONE_STATUSES,
  isOpenStatus,
  isWaitingStatus,
  OPEN_STATUSES,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  transitionProblem,
  WAITING_STATUSES,
  type TicketStatus,
} from './status'
export { IMPACT_LEVELS, priorityFromMatrix, type ImpactLevel } from './priority'
export {
  formatTicketNumber,
  looksLikeTicketNumber,
  normalizeTicketNumber,
  prefixFromBytes,
  PREFIX_ALPHABET,
  PREFIX_LENGTH,
} from './ticket-number'
export {
  DEFAULT_SLA_PLAN,
  milestonesClearedByStatus,
  milestonesMetByNote,
  milestonesMetByStatus,
  SLA_AT_RISK_FRACTION,
  SLA_PAUSING_STATUSES,
  slaHeadline,
  type SlaHeadline,
} from './sla-rules'
