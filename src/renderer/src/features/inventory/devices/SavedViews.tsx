import { Bookmark, Save, Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import type { SavedDeviceView } from '@shared/contract'
import { useSetSetting, useSetting } from '../../../api/settings'
import { Field } from '../../vault/Field'
import { ConfirmDialog, FormDialog } from '../../../ui/Dialog'
import { allColumnIds, defaultColumnIds } from './device-columns'
import {
  differsFromSaved,
  fromSavedView,
  toSavedView,
  upsertSavedView,
  type DeviceView,
} from './device-view'

const newId = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

/**
 * Named views of the device table (search, filters, sort, columns), kept in settings so they
 * survive restarts. Choosing one opens it; "All devices" goes back to an unfiltered table.
 */
export function SavedViews(props: {
  view: DeviceView
  onOpen(view: DeviceView): void
  onReset(): void
}) {
  const views = useSetting('inventory.deviceViews')
  const setSetting = useSetSetting()
  const selectId = useId()
  const [dialog, setDialog] = useState<'save' | 'delete' | null>(null)
  const saved = views.find((v) => v.id === props.view.savedViewId) ?? null
  const modified = saved !== null && differsFromSaved(props.view, saved)

  const store = (next: SavedDeviceView[]): void =>
    setSetting.mutate({ key: 'inventory.deviceViews', value: next })

  const open = (id: string): void => {
    const chosen = views.find((v) => v.id === id)
    if (chosen) props.onOpen(fromSavedView(chosen, allColumnIds, defaultColumnIds))
    else props.onReset()
  }

  return (
    <div className="saved-views">
      <Bookmark aria-hidden size={15} className="saved-views__icon" />
      <label htmlFor={selectId} className="inv-visually-hidden">
        Saved view
      </label>
      <select
        id={selectId}
        className="device-filter__select saved-views__select"
        value={saved?.id ?? ''}
        onChange={(event) => open(event.target.value)}
      >
        <option value="">All devices</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.id === saved?.id && modified ? ' (changed)' : ''}
          </option>
        ))}
      </select>
      {saved && modified ? (
        <button
          type="button"
          className="vault-button"
          onClick={() =>
            store(upsertSavedView(views, toSavedView(props.view, saved.id, saved.name)))
          }
        >
          <Save aria-hidden size={14} />
          Save changes
        </button>
      ) : null}
      <button type="button" className="vault-button" onClick={() => setDialog('save')}>
        Save view…
      </button>
      {saved ? (
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete view ${saved.name}`}
          title={`Delete view ${saved.name}`}
          onClick={() => setDialog('delete')}
        >
          <Trash2 aria-hidden size={15} />
        </button>
      ) : null}
      {dialog === 'save' ? (
        <SaveViewDialog
          initialName={saved?.name ?? ''}
          onClose={() => setDialog(null)}
          onSave={(name) => {
            const existing = views.find(
              (v) => v.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
            )
            const id = existing?.id ?? newId()
            store(upsertSavedView(views, toSavedView(props.view, id, name)))
            props.onOpen({ ...props.view, savedViewId: id })
            setDialog(null)
          }}
        />
      ) : null}
      {dialog === 'delete' && saved ? (
        <ConfirmDialog
          title={`Delete view “${saved.name}”?`}
          description="The devices stay as they are; only this saved view goes."
          cancelLabel="Keep it"
          confirmLabel="Delete view"
          busy={false}
          onConfirm={() => {
            store(views.filter((v) => v.id !== saved.id))
            props.onOpen({ ...props.view, savedViewId: null })
            setDialog(null)
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  )
}

function SaveViewDialog(props: {
  initialName: string
  onClose(): void
  onSave(name: string): void
}) {
  const [name, setName] = useState(props.initialName)
  const [problem, setProblem] = useState<string | null>(null)
  const submit = (): void => {
    const trimmed = name.trim()
    if (!trimmed) {
      setProblem('Give the view a name.')
      return
    }
    props.onSave(trimmed.slice(0, 80))
  }
  return (
    <FormDialog
      title="Save view"
      description="Keeps the search, filters, sort and columns under a name. Saving under an existing name replaces that view."
      onClose={props.onClose}
      onSubmit={submit}
      noValidate
      error={problem}
      submitLabel="Save view"
    >
      <Field label="View name">
        {(ids) => (
          <input
            {...ids}
            className="vault-input"
            maxLength={80}
            data-autofocus
            aria-invalid={problem !== null}
            value={name}
            onChange={(event) => {
              setName(event.target.value)
              setProblem(null)
            }}
          />
        )}
      </Field>
    </FormDialog>
  )
}
