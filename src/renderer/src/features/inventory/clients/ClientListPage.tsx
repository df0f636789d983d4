import { ArrowDown, ArrowUp, Building2, FileUp, Plus, SearchX } from 'lucide-react'
import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import type { ClientSummary } from '@shared/contract'
import { useClients, useInventorySummary } from '../../../api/inventory'
import { EmptyState } from '../../../ui/EmptyState'
import { PageHeader } from '../../../ui/PageHeader'
import { SearchField } from '../../../ui/SearchField'
import { CsvImportDialog } from '../csv/CsvImportDialog'
import { countText, formatCount } from '../devices/cell-format'
import { openDevicesWith } from '../devices/view-store'
import { FirstStart } from '../first-start/FirstStart'
import { ClientFormDialog } from './ClientFormDialog'
import {
  DEFAULT_CLIENT_SORT,
  filterClients,
  nextClientSort,
  rollupColumns,
  rollupFilter,
  rollupTone,
  rollupTotals,
  sortClients,
  type ClientSort,
  type ClientSortKey,
  type DeviceRollupKey,
} from './client-list'

type Dialog = { kind: 'client' } | { kind: 'import' } | null

/** Every client with its health rollups; the numbers open the device table filtered. */
export function ClientListPage() {
  const summary = useInventorySummary()
  const clients = useClients()
  const [, navigate] = useLocation()
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<ClientSort>(DEFAULT_CLIENT_SORT)
  const [dialog, setDialog] = useState<Dialog>(null)
  const all = clients.data?.clients ?? []
  const shown = sortClients(filterClients(all, query), sort)
  const totals = rollupTotals(all)

  const openRollup = (client: ClientSummary, key: DeviceRollupKey): void => {
    openDevicesWith({ filters: rollupFilter(client.id, key) })
    navigate('~/devices')
  }

  return (
    <section className="page inventory-page" aria-label="Clients">
      <PageHeader
        title="Clients"
        description="Every client you look after, with its sites, health rollups and contract tier."
        actions={
          <>
            <button
              type="button"
              className="vault-button"
              onClick={() => setDialog({ kind: 'import' })}
            >
              <FileUp aria-hidden size={15} />
              Import CSV
            </button>
            <button
              type="button"
              className="vault-button vault-button--primary"
              onClick={() => setDialog({ kind: 'client' })}
            >
              <Plus aria-hidden size={15} />
              Add client
            </button>
          </>
        }
      />
      {summary.data?.empty ? (
        <FirstStart
          onImport={() => setDialog({ kind: 'import' })}
          onAddClient={() => setDialog({ kind: 'client' })}
        />
      ) : (
        <>
          <div className="client-overview">
            <SearchField
              className="device-search client-search"
              label="Search clients"
              placeholder="Filter by name, code or tier…"
              value={query}
              onChange={setQuery}
            />
            <p className="client-overview__totals" role="status">
              {clients.isPending
                ? 'Loading clients…'
                : [
                    query
                      ? `${formatCount(shown.length)} of ${countText(all.length, 'client', 'clients')}`
                      : countText(all.length, 'client', 'clients'),
                    countText(totals.devices, 'device', 'devices'),
                    `${formatCount(totals.offline)} offline`,
                    `${formatCount(totals.patchesPending)} with patches pending`,
                  ].join(' · ')}
            </p>
          </div>
          {clients.isPending ? null : shown.length === 0 ? (
            <EmptyState
              icon={query ? SearchX : Building2}
              title={query ? 'No clients match' : 'No clients yet'}
            >
              <p>
                {query
                  ? `Nothing matches “${query}”.`
                  : 'Add a client or import devices from a CSV file.'}
              </p>
            </EmptyState>
          ) : (
            <div className="client-table__scroll">
              <table className="client-table" aria-label="Clients">
                <thead>
                  <tr>
                    <SortHeader label="Client" sortKey="name" sort={sort} onSort={setSort} />
                    <SortHeader label="Tier" sortKey="contractTier" sort={sort} onSort={setSort} />
                    <SortHeader
                      label="Sites"
                      sortKey="sites"
                      sort={sort}
                      onSort={setSort}
                      numeric
                    />
                    {rollupColumns.map((c) => (
                      <SortHeader
                        key={c.key}
                        label={c.short}
                        title={c.label}
                        sortKey={c.key}
                        sort={sort}
                        onSort={setSort}
                        numeric
                      />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((client) => (
                    <tr key={client.id}>
                      <th scope="row" className="client-table__name">
                        <Link
                          href={`/${encodeURIComponent(client.id)}`}
                          className="client-table__link"
                        >
                          {client.name}
                        </Link>
                        <span className="client-table__code">{client.shortCode}</span>
                      </th>
                      <td>
                        <span className="tier-chip">{client.contractTier || '—'}</span>
                      </td>
                      <td className="client-table__num">
                        <Link
                          href={`/${encodeURIComponent(client.id)}`}
                          className="rollup-link"
                          aria-label={`${client.name}: ${countText(client.rollup.sites, 'site', 'sites')}`}
                        >
                          {formatCount(client.rollup.sites)}
                        </Link>
                      </td>
                      {rollupColumns.map((c) => {
                        const value = client.rollup[c.key]
                        const tone = rollupTone(c.key, value)
                        return (
                          <td key={c.key} className="client-table__num">
                            <button
                              type="button"
                              className={tone ? `rollup-link rollup-link--${tone}` : 'rollup-link'}
                              aria-label={`${client.name}: ${formatCount(value)} ${c.label.toLocaleLowerCase()}, show devices`}
                              disabled={value === 0 && c.key !== 'devices'}
                              onClick={() => openRollup(client, c.key)}
                            >
                              {formatCount(value)}
                            </button>
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {dialog?.kind === 'client' ? (
        <ClientFormDialog
          client={null}
          onClose={() => setDialog(null)}
          onSaved={(saved) => navigate(`/${encodeURIComponent(saved.id)}`)}
        />
      ) : null}
      {dialog?.kind === 'import' ? <CsvImportDialog onClose={() => setDialog(null)} /> : null}
    </section>
  )
}

function SortHeader(props: {
  label: string
  /** The full name where the header shows a short one. */
  title?: string
  sortKey: ClientSortKey
  sort: ClientSort
  onSort(sort: ClientSort): void
  numeric?: boolean
}) {
  const active = props.sort.key === props.sortKey
  const direction = active ? props.sort.direction : null
  return (
    <th
      scope="col"
      aria-sort={
        direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
      }
      className={props.numeric ? 'client-table__num' : undefined}
    >
      <button
        type="button"
        className="client-table__sort"
        title={props.title ? `${props.title}: sort` : undefined}
        aria-label={props.title}
        onClick={() => props.onSort(nextClientSort(props.sort, props.sortKey))}
      >
        {props.label}
        {direction === 'asc' ? <ArrowUp aria-hidden size={13} /> : null}
        {direction === 'desc' ? <ArrowDown aria-hidden size={13} /> : null}
      </button>
    </th>
  )
}
