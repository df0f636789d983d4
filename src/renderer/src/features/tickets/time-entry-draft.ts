import type { WorkType } from '@shared/contract/tickets'
import { minutesBetween, parseDuration } from './duration'
import { fromLocalInput } from './time'

/** A duration typed, or a start and an end picked. */
export type Mode = 'duration' | 'span'

/** What the time-entry form holds until it is logged. */
export interface Draft {
  mode: Mode
  duration: string
  start: string
  end: string
  workType: WorkType
  billable: boolean
  note: string
}

export const emptyDraft: Draft = {
  mode: 'duration',
  duration: '',
  start: '',
  end: '',
  workType: 'remote',
  billable: true,
  note: '',
}

/** The minutes a draft stands for, or what is wrong with it. */
export function draftMinutes(
  draft: Pick<Draft, 'mode' | 'duration' | 'start' | 'end'>,
):
  | { ok: true; minutes: number; startedAt?: number; endedAt?: number }
  | { ok: false; error: string } {
  if (draft.mode === 'duration') {
    const parsed = parseDuration(draft.duration)
    return parsed.ok ? { ok: true, minutes: parsed.minutes } : parsed
  }
  const startedAt = fromLocalInput(draft.start)
  const endedAt = fromLocalInput(draft.end)
  if (startedAt === null || endedAt === null) return { ok: false, error: 'Give a start and an end' }
  if (endedAt <= startedAt) return { ok: false, error: 'The end must be after the start' }
  return { ok: true, minutes: minutesBetween(startedAt, endedAt), startedAt, endedAt }
}
