import { Columns3 } from 'lucide-react'
import { Popover } from '../../../ui/Popover'
import {
  allColumnIds,
  columnLabel,
  defaultColumnIds,
  normaliseColumns,
  requiredColumnIds,
} from './device-columns'

/** Which columns the device table shows; the choice is kept in settings. */
export function ColumnChooser(props: {
  columns: readonly string[]
  onChange(columns: string[]): void
}) {
  const chosen = new Set(props.columns)
  const toggle = (id: string, on: boolean): void => {
    const next = on ? [...props.columns, id] : props.columns.filter((c) => c !== id)
    props.onChange(normaliseColumns(next))
  }
  return (
    <Popover
      label={
        <>
          <Columns3 aria-hidden size={15} />
          Columns
        </>
      }
      panelLabel="Columns"
      align="end"
    >
      <div className="column-chooser">
        <ul className="column-chooser__list">
          {allColumnIds.map((id) => (
            <li key={id}>
              <label className="column-chooser__option">
                <input
                  type="checkbox"
                  checked={chosen.has(id) || requiredColumnIds.includes(id)}
                  disabled={requiredColumnIds.includes(id)}
                  onChange={(event) => toggle(id, event.target.checked)}
                />
                {columnLabel(id)}
              </label>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="vault-button column-chooser__reset"
          onClick={() => props.onChange([...defaultColumnIds])}
        >
          Reset to default
        </button>
      </div>
    </Popover>
  )
}
