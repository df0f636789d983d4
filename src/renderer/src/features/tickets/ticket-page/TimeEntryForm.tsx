import { useId, useState } from 'react'
import { WorkType } from '@shared/contract/tickets'
import { useAddTimeEntry } from '../../../api/tickets'
import { Field } from '../../vault/Field'
import { formatMinutes } from '../duration'
import { errorText } from '../errors'
import { workTypeLabels } from '../labels'
import { draftMinutes, emptyDraft, type Draft } from '../time-entry-draft'

/** Logs time by hand: a duration such as "25m" or "1h 30m", or a start and an end. */
export function TimeEntryForm({ ticketId }: { ticketId: string }) {
  const addTimeEntry = useAddTimeEntry()
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [touched, setTouched] = useState(false)
  const set = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }))
  const modeName = useId()
  const result = draftMinutes(draft)
  const showProblem = touched && !result.ok

  return (
    <form
      className="tk-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setTouched(true)
        if (!result.ok) return
        addTimeEntry.mutate(
          {
            ticketId,
            durationMinutes: result.minutes,
            ...(result.startedAt !== undefined
              ? { startedAt: result.startedAt, endedAt: result.endedAt }
              : {}),
            workType: draft.workType,
            billable: draft.billable,
            note: draft.note,
          },
          {
            onSuccess: () => {
              setDraft({ ...emptyDraft, workType: draft.workType })
              setTouched(false)
            },
          },
        )
      }}
    >
      <fieldset className="tk-segmented">
        <legend className="tk-sr-only">How the time is given</legend>
        {(['duration', 'span'] as const).map((mode) => (
          <label
            key={mode}
            className={
              draft.mode === mode
                ? 'tk-segmented__option tk-segmented__option--on'
                : 'tk-segmented__option'
            }
          >
            <input
              type="radio"
              name={modeName}
              checked={draft.mode === mode}
              onChange={() => set({ mode })}
            />
            {mode === 'duration' ? 'Duration' : 'Start and end'}
          </label>
        ))}
      </fieldset>
      <div className="tk-form__grid">
        {draft.mode === 'duration' ? (
          <Field
            label="Duration"
            hint={
              result.ok
                ? `That is ${formatMinutes(result.minutes)}`
                : 'Like 25m, 1h 30m, 1.5h or 1:30'
            }
          >
            {(ids) => (
              <input
                {...ids}
                className="vault-input"
                placeholder="25m"
                value={draft.duration}
                aria-invalid={showProblem}
                onChange={(event) => set({ duration: event.target.value })}
                onBlur={() => draft.duration && setTouched(true)}
              />
            )}
          </Field>
        ) : (
          <>
            <Field label="Start">
              {(ids) => (
                <input
                  {...ids}
                  type="datetime-local"
                  className="vault-input"
                  value={draft.start}
                  aria-invalid={showProblem}
                  onChange={(event) => set({ start: event.target.value })}
                />
              )}
            </Field>
            <Field label="End" hint={result.ok ? formatMinutes(result.minutes) : undefined}>
              {(ids) => (
                <input
                  {...ids}
                  type="datetime-local"
                  className="vault-input"
                  value={draft.end}
                  aria-invalid={showProblem}
                  onChange={(event) => set({ end: event.target.value })}
                />
              )}
            </Field>
          </>
        )}
        <Field label="Work type">
          {(ids) => (
            <select
              {...ids}
              className="vault-input"
              value={draft.workType}
              onChange={(event) => set({ workType: WorkType.parse(event.target.value) })}
            >
              {WorkType.options.map((type) => (
                <option key={type} value={type}>
                  {workTypeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="What was done">
        {(ids) => (
          <textarea
            {...ids}
            className="tk-textarea"
            rows={3}
            value={draft.note}
            onChange={(event) => set({ note: event.target.value })}
          />
        )}
      </Field>
      <div className="tk-form__row">
        <label className="tk-check">
          <input
            type="checkbox"
            checked={draft.billable}
            onChange={(event) => set({ billable: event.target.checked })}
          />
          Billable
        </label>
        <span className="tk-form__spacer" />
        <button
          type="submit"
          className="vault-button vault-button--primary"
          disabled={addTimeEntry.isPending}
        >
          {addTimeEntry.isPending ? 'Logging…' : 'Log time'}
        </button>
      </div>
      {showProblem ? (
        <p className="vault-form__error" role="alert">
          {result.error}
        </p>
      ) : null}
      {addTimeEntry.isError ? (
        <p className="vault-form__error" role="alert">
          The time was not logged: {errorText(addTimeEntry.error)}
        </p>
      ) : null}
    </form>
  )
}
