export {
  addBusinessTime,
  BusinessHours,
  businessHoursProblems,
  businessOpenState,
  businessTimeBetween,
  defaultBusinessHours,
  OpenInterval,
  WEEKDAYS,
  type BusinessHoursProblem,
  type Weekday,
} from './business-hours'
export {
  computeSla,
  SLA_MILESTONES,
  SlaPlan,
  SlaPriority,
  SlaPriorityTargets,
  type MilestoneClock,
  type SlaInput,
  type SlaMilestone,
  type SlaReport,
  type StatusChange,
} from './sla'
