import { useQueryClient } from '@tanstack/react-query'
import { useId, useState, type FormEvent } from 'react'
import { settingDefinitions, type SettingEntry } from '@shared/contract/settings'
import { sessionKeys, useRecordingUsage } from '../../api/sessions'
import { useSetSetting, useSetting } from '../../api/settings'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`
}

type Draft = { maxMegabytes: string; retentionDays: string; retentionGigabytes: string }

/** The form's text as settings; an empty limit field means "no limit". */
function toEntries(draft: Draft): { entries: SettingEntry[]; errors: Partial<Draft> } {
  const errors: Partial<Draft> = {}
  const entries: SettingEntry[] = []
  const max = settingDefinitions['recordings.maxMegabytes'].schema.safeParse(
    Number(draft.maxMegabytes),
  )
  if (draft.maxMegabytes.trim() === '' || !max.success) {
    errors.maxMegabytes = 'A whole number of MB, from 1'
  } else entries.push({ key: 'recordings.maxMegabytes', value: max.data })
  const optional = (text: string): number | null => (text.trim() === '' ? null : Number(text))
  const days = settingDefinitions['recordings.retentionDays'].schema.safeParse(
    optional(draft.retentionDays),
  )
  if (!days.success) errors.retentionDays = 'A whole number of days, or empty to keep them'
  else entries.push({ key: 'recordings.retentionDays', value: days.data })
  const space = settingDefinitions['recordings.retentionGigabytes'].schema.safeParse(
    optional(draft.retentionGigabytes),
  )
  if (!space.success) errors.retentionGigabytes = 'At least 0.1 GB, or empty for no cap'
  else entries.push({ key: 'recordings.retentionGigabytes', value: space.data })
  return { entries, errors }
}

/** Space the recordings take, and the limits on one recording's size and on keeping them. */
export function RecordingLimits() {
  const usage = useRecordingUsage()
  const queryClient = useQueryClient()
  const setSetting = useSetSetting()
  const saved: Draft = {
    maxMegabytes: String(useSetting('recordings.maxMegabytes')),
    retentionDays: String(useSetting('recordings.retentionDays') ?? ''),
    retentionGigabytes: String(useSetting('recordings.retentionGigabytes') ?? ''),
  }
  const [draft, setDraft] = useState<Draft | null>(null)
  const [errors, setErrors] = useState<Partial<Draft>>({})
  const [status, setStatus] = useState('')
  const ids = { max: useId(), days: useId(), space: useId() }
  const shown = draft ?? saved

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const { entries, errors: found } = toEntries(shown)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setStatus('Saving…')
    try {
      for (const entry of entries) await setSetting.mutateAsync(entry)
      setDraft(null)
      setStatus('Saved.')
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`)
    }
    // Main applies retention when the setting changes: the list and the total may be shorter.
    await queryClient.invalidateQueries({ queryKey: ['recordings.list'] })
    await queryClient.invalidateQueries({ queryKey: sessionKeys.recordingUsage })
  }

  const field = (key: keyof Draft, id: string, label: string, unit: string, hint: string) => (
    <div className="recording-limits__field">
      <label htmlFor={id}>{label}</label>
      <span className="recording-limits__input">
        <input
          id={id}
          className="vault-input"
          inputMode="decimal"
          value={shown[key]}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setDraft({ ...shown, [key]: event.currentTarget.value })
            setStatus('')
          }}
        />
        {unit}
      </span>
      <span id={`${id}-hint`} className={errors[key] ? 'vault-form__error' : 'term-muted'}>
        {errors[key] ?? hint}
      </span>
    </div>
  )

  return (
    <section className="recording-limits" aria-labelledby={`${ids.max}-title`}>
      <h3 id={`${ids.max}-title`} className="recording-limits__title">
        Storage
      </h3>
      <p className="recording-limits__usage" data-testid="recording-usage">
        {usage.data
          ? `${usage.data.count} ${usage.data.count === 1 ? 'recording' : 'recordings'} use ${formatBytes(usage.data.bytes)}`
          : usage.isError
            ? `Space used is unknown: ${usage.error.message}`
            : 'Measuring…'}
      </p>
      <form className="recording-limits__form" onSubmit={(e) => void submit(e)} noValidate>
        {field(
          'maxMegabytes',
          ids.max,
          'Stop a recording at',
          'MB',
          'The session goes on unrecorded, with a note where it stopped',
        )}
        {field('retentionDays', ids.days, 'Delete recordings after', 'days', 'Empty: keep them')}
        {field(
          'retentionGigabytes',
          ids.space,
          'Keep recordings up to',
          'GB',
          'The oldest go first; empty: no cap',
        )}
        <div className="recording-limits__actions">
          <button type="submit" className="term-button" disabled={draft === null}>
            Save limits
          </button>
          <span role="status" className="term-muted">
            {status}
          </span>
        </div>
      </form>
    </section>
  )
}
