import { X } from 'lucide-react'
import { useId, type ReactNode } from 'react'
import { useClients, useSites } from '../../../api/inventory'
import {
  activeFilterCount,
  booleanToSelect,
  healthFilters,
  osFamilyOptions,
  roleOptions,
  selectToBoolean,
  selectToDays,
  selectToEnum,
  setClientFilter,
  setFilter,
  statusOptions,
  warrantyOptions,
  type DeviceViewFilters,
} from './device-view'

/** A labelled <select> whose first option, "Any", turns the filter off. */
function FilterSelect(props: {
  label: string
  value: string
  onChange(value: string): void
  children: ReactNode
  disabled?: boolean
}) {
  const id = useId()
  return (
    <div className={props.value ? 'device-filter device-filter--active' : 'device-filter'}>
      <label htmlFor={id} className="device-filter__label">
        {props.label}
      </label>
      <select
        id={id}
        className="device-filter__select"
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value)}
      >
        <option value="">Any</option>
        {props.children}
      </select>
    </div>
  )
}

/**
 * The device filters. `locked` filters (a client page's client) are fixed: their control is
 * left out, and the site list follows the locked client.
 */
export function FilterBar(props: {
  filters: DeviceViewFilters
  locked: DeviceViewFilters
  onChange(filters: DeviceViewFilters): void
}) {
  const { filters, locked, onChange } = props
  const clientId = locked.clientId ?? filters.clientId ?? null
  const clients = useClients()
  const sites = useSites(clientId)
  const count = activeFilterCount(filters, locked)

  return (
    <div className="device-filters" role="group" aria-label="Device filters">
      {locked.clientId === undefined ? (
        <FilterSelect
          label="Client"
          value={filters.clientId ?? ''}
          onChange={(value) => onChange(setClientFilter(filters, value || undefined))}
        >
          {clients.data?.clients.map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </FilterSelect>
      ) : null}
      <FilterSelect
        label="Site"
        value={filters.siteId ?? ''}
        disabled={clientId === null}
        onChange={(value) => onChange(setFilter(filters, 'siteId', value || undefined))}
      >
        {sites.data?.sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Role"
        value={filters.role ?? ''}
        onChange={(value) => onChange(setFilter(filters, 'role', selectToEnum(value, roleOptions)))}
      >
        {roleOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="OS family"
        value={filters.osFamily ?? ''}
        onChange={(value) =>
          onChange(setFilter(filters, 'osFamily', selectToEnum(value, osFamilyOptions)))
        }
      >
        {osFamilyOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        label="Status"
        value={filters.status ?? ''}
        onChange={(value) =>
          onChange(setFilter(filters, 'status', selectToEnum(value, statusOptions)))
        }
      >
        {statusOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </FilterSelect>
      {healthFilters.map((h) => (
        <FilterSelect
          key={h.key}
          label={h.label}
          value={booleanToSelect(filters[h.key])}
          onChange={(value) => onChange(setFilter(filters, h.key, selectToBoolean(value)))}
        >
          <option value="yes">{h.yes}</option>
          <option value="no">{h.no}</option>
        </FilterSelect>
      ))}
      <FilterSelect
        label="Warranty"
        value={filters.warrantyExpiringWithinDays?.toString() ?? ''}
        onChange={(value) =>
          onChange(setFilter(filters, 'warrantyExpiringWithinDays', selectToDays(value)))
        }
      >
        {warrantyOptions.map((o) => (
          <option key={o.days} value={o.days}>
            {o.label}
          </option>
        ))}
        {filters.warrantyExpiringWithinDays !== undefined &&
        !warrantyOptions.some((o) => o.days === filters.warrantyExpiringWithinDays) ? (
          <option value={filters.warrantyExpiringWithinDays}>
            Ends within {filters.warrantyExpiringWithinDays} days
          </option>
        ) : null}
      </FilterSelect>
      {count > 0 ? (
        <button type="button" className="device-filters__clear" onClick={() => onChange({})}>
          <X aria-hidden size={14} />
          Clear filters
        </button>
      ) : null}
    </div>
  )
}
