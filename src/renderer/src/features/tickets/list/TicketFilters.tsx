import { ArrowDownWideNarrow, ArrowUpNarrowWide, ChevronDown, X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import {
  TicketPriority,
  TicketSortColumn,
  TicketStatus,
  type TicketSortColumn as SortColumn,
} from '@shared/contract/tickets'
import { useClients } from '../../../api/inventory'
import { Popover } from '../../../ui/Popover'
import { SearchField } from '../../../ui/SearchField'
import { useTicketPickLists } from '../../../api/tickets'
import { priorityLabels, statusLabels } from '../labels'
import { activeFilterCount, type AssigneeFilter, type TicketView } from '../queues'

export const sortLabels: Record<SortColumn, string> = {
  updated: 'Last updated',
  created: 'Created',
  number: 'Number',
  priority: 'Priority',
  due: 'SLA due',
  status: 'Status',
  subject: 'Subject',
  client: 'Client',
  assignee: 'Assignee',
}

function FilterSelect(props: {
  label: string
  value: string
  onChange(value: string): void
  children: ReactNode
}) {
  const id = useId()
  return (
    <div className={props.value ? 'tk-filter tk-filter--active' : 'tk-filter'}>
      <label htmlFor={id} className="tk-filter__label">
        {props.label}
      </label>
      <select
        id={id}
        className="tk-filter__select"
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">Any</option>
        {props.children}
      </select>
    </div>
  )
}

/**
 * A filter that takes several values (statuses, priorities): a pill naming what is chosen,
 * opening a checklist. None chosen means any.
 */
function FilterChecklist<T extends string>(props: {
  label: string
  options: readonly T[]
  labels: Record<T, string>
  value: readonly T[]
  onChange(value: T[]): void
}) {
  const { label, options, labels, value } = props
  const chosen = new Set(value)
  const summary =
    value.length === 0
      ? 'Any'
      : value.length === 1
        ? labels[value[0] as T]
        : `${value.length} of ${options.length}`
  const toggle = (option: T, on: boolean): void =>
    // Kept in the options' order, so the same choice is always the same query.
    props.onChange(options.filter((o) => (o === option ? on : chosen.has(o))))
  return (
    <Popover
      label={
        <>
          <span className="tk-filter__label">{label}</span>{' '}
          <span className="tk-filter__value">{summary}</span>
          <ChevronDown aria-hidden size={13} />
        </>
      }
      // The visible words first (WCAG 2.5.3, label in name), then what "2 of 6" stands for.
      ariaLabel={`${label} ${summary}${value.length > 1 ? `: ${value.map((v) => labels[v]).join(', ')}` : ''}`}
      buttonClassName={`tk-filter tk-filter--menu${value.length > 0 ? ' tk-filter--active' : ''}`}
      panelLabel={label}
    >
      <ul className="tk-checklist">
        {options.map((option) => (
          <li key={option}>
            <label className="tk-checklist__option">
              <input
                type="checkbox"
                checked={chosen.has(option)}
                onChange={(event) => toggle(option, event.target.checked)}
              />
              {labels[option]}
            </label>
          </li>
        ))}
      </ul>
      {value.length > 0 ? (
        <button type="button" className="tk-filters__clear" onClick={() => props.onChange([])}>
          <X aria-hidden size={13} />
          Any {label.toLowerCase()}
        </button>
      ) : null}
    </Popover>
  )
}

function assigneeValue(filter: AssigneeFilter): string {
  return filter.kind === 'any'
    ? ''
    : filter.kind === 'unassigned'
      ? '\u0000none'
      : `=${filter.name}`
}

function assigneeFilter(value: string): AssigneeFilter {
  if (value === '') return { kind: 'any' }
  if (value === '\u0000none') return { kind: 'unassigned' }
  return { kind: 'name', name: value.slice(1) }
}

/** Search (the list debounces it), then status, priority, client and assignee filters, and the sort. */
export function TicketFilters(props: {
  view: TicketView
  onChange(patch: Partial<TicketView>): void
  onReset(): void
}) {
  const { view, onChange } = props
  const clients = useClients()
  const pickLists = useTicketPickLists()
  const me = pickLists.data?.me
  const assignees = (pickLists.data?.assignees ?? []).filter((a) => a !== me)
  const filters = activeFilterCount(view)

  return (
    <div className="tk-toolbar">
      <SearchField
        label="Search tickets"
        placeholder="Search subject, description and notes, or a ticket number"
        value={view.query}
        onChange={(query) => onChange({ query })}
      />
      <div className="tk-filters" role="group" aria-label="Ticket filters">
        <FilterChecklist
          label="Status"
          options={TicketStatus.options}
          labels={statusLabels}
          value={view.status}
          onChange={(status) => onChange({ status })}
        />
        <FilterChecklist
          label="Priority"
          options={TicketPriority.options}
          labels={priorityLabels}
          value={view.priority}
          onChange={(priority) => onChange({ priority })}
        />
        {view.queue === 'client' ? null : (
          <FilterSelect
            label="Client"
            value={view.clientId ?? ''}
            onChange={(value) => onChange({ clientId: value || null })}
          >
            {clients.data?.clients.map((client) => (
              <option key={client.id} value={client.id}>
                {client.name}
              </option>
            ))}
          </FilterSelect>
        )}
        {view.queue === 'mine' || view.queue === 'unassigned' ? null : (
          <FilterSelect
            label="Assignee"
            value={assigneeValue(view.assignee)}
            onChange={(value) => onChange({ assignee: assigneeFilter(value) })}
          >
            {me ? <option value={`=${me}`}>Me ({me})</option> : null}
            <option value={'\u0000none'}>Unassigned</option>
            {assignees.map((name) => (
              <option key={name} value={`=${name}`}>
                {name}
              </option>
            ))}
          </FilterSelect>
        )}
        {filters > 0 ? (
          <button type="button" className="tk-filters__clear" onClick={props.onReset}>
            <X aria-hidden size={13} />
            Clear {filters === 1 ? 'filter' : `${filters} filters`}
          </button>
        ) : null}
        <span className="tk-filters__spacer" />
        <FilterSort view={view} onChange={onChange} />
      </div>
    </div>
  )
}

function FilterSort(props: { view: TicketView; onChange(patch: Partial<TicketView>): void }) {
  const id = useId()
  const { sort } = props.view
  const descending = sort.direction === 'desc'
  return (
    <div className="tk-filter tk-sort">
      <label htmlFor={id} className="tk-filter__label">
        Sort
      </label>
      <select
        id={id}
        className="tk-filter__select"
        value={sort.column}
        onChange={(event) =>
          props.onChange({
            sort: { column: TicketSortColumn.parse(event.target.value), direction: sort.direction },
          })
        }
      >
        {TicketSortColumn.options.map((column) => (
          <option key={column} value={column}>
            {sortLabels[column]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button tk-sort__direction"
        aria-label={descending ? 'Descending; sort ascending' : 'Ascending; sort descending'}
        title={descending ? 'Descending' : 'Ascending'}
        onClick={() =>
          props.onChange({ sort: { column: sort.column, direction: descending ? 'asc' : 'desc' } })
        }
      >
        {descending ? (
          <ArrowDownWideNarrow aria-hidden size={15} />
        ) : (
          <ArrowUpNarrowWide aria-hidden size={15} />
        )}
      </button>
    </div>
  )
}
