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
export {
  DEFAULT_BOARD,
  NOTE_VISIBILITIES,
  TICKET_EVENT_KINDS,
  TICKET_FIELDS,
  TICKET_INTENTS,
  TICKET_TYPES,
  WORK_TYPES,
  type NoteVisibilityName,
  type TicketEventKind,
  type TicketFieldName,
  type TicketIntentName,
  type TicketTypeName,
  type WorkTypeName,
} from './values'
export {
  ContactValue,
  MUTATION_PAYLOADS,
  parseMutation,
  TicketChanges,
  type MutationPayload,
  type TicketMutation,
} from './mutations'
export { TicketSnapshot } from './snapshot'
export {
  applyTicketMutation,
  FieldConflict,
  FieldConflictValue,
  mutationTicketId,
  TICKET_RULE_CODES,
  TicketRuleError,
  timelineText,
  type ApplyContext,
  type AppliedTicketMutation,
  type TicketFieldVersions,
  type TicketRuleCode,
} from './apply-mutation'
