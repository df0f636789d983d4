import { FileUp, MapPin, Pencil, Plus, Trash2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Link, useLocation, useSearch } from 'wouter'
import type { Site } from '@shared/contract'
import { useClient } from '../../../api/inventory'
import { PageHeader } from '../../../ui/PageHeader'
import { CsvImportDialog } from '../csv/CsvImportDialog'
import { countText, formatCount } from '../devices/cell-format'
import { DeviceBrowser } from '../devices/DeviceBrowser'
import { setFilter } from '../devices/device-view'
import { useDeviceTables, useTableScope } from '../devices/view-store'
import { NewDeviceDialog } from '../new-device/NewDeviceDialog'
import { ClientFormDialog } from './ClientFormDialog'
import { formatMinutes, rollupColumns, rollupHealthFilter, rollupTone } from './client-list'
import { DeleteClientDialog } from './DeleteClientDialog'
import { DeleteSiteDialog } from './DeleteSiteDialog'
import { SiteFormDialog } from './SiteFormDialog'

type Dialog =
  | 'edit'
  | 'site'
  | 'import'
  | 'delete'
  | 'device'
  | { kind: 'edit-site' | 'delete-site'; site: Site }
  | null

export const clientScope = (id: string): string => `client:${id}`

/** One client: its health, its sites and its devices (the device table, locked to it). */
export function ClientPage({ clientId }: { clientId: string }) {
  const client = useClient(clientId)
  const [, navigate] = useLocation()
  const search = useSearch()
  const scope = clientScope(clientId)
  const table = useTableScope(scope)
  const setView = useDeviceTables((s) => s.setView)
  const [dialog, setDialog] = useState<Dialog>(null)
  const sites = client.data?.sites

  // A link to a site (the device page's breadcrumb) arrives as ?site=<id>.
  const siteParam = new URLSearchParams(search).get('site')
  useEffect(() => {
    if (!siteParam || !sites?.some((s) => s.id === siteParam)) return
    setView(scope, (v) => ({ ...v, filters: setFilter(v.filters, 'siteId', siteParam) }))
  }, [siteParam, sites, scope, setView])

  if (client.isPending) {
    return (
      <section className="page inventory-page" aria-label="Client" aria-busy="true">
        <p className="inv-muted">Loading client…</p>
      </section>
    )
  }
  if (client.isError) {
    return (
      <section className="page inventory-page" aria-label="Client">
        <PageHeader title="Client not found" description={client.error.message} />
        <p>
          <Link href="/">Back to all clients</Link>
        </p>
      </section>
    )
  }
  const c = client.data
  const filterTable = (filters: Parameters<typeof setFilter>[0]): void =>
    setView(scope, (v) => ({ ...v, query: '', filters, savedViewId: null }))
  const activeSite = table.view.filters.siteId

  return (
    <section className="page inventory-page client-page" aria-label={c.name}>
      <nav aria-label="Breadcrumb" className="inv-crumbs">
        <Link href="/">Clients</Link>
        <span aria-hidden>/</span>
        <span aria-current="page">{c.name}</span>
      </nav>
      <PageHeader
        title={c.name}
        description={`${c.shortCode} · ${c.contractTier || 'No tier'} · online within ${formatMinutes(c.onlineMinutes)}, offline after ${formatMinutes(c.staleMinutes)}`}
        actions={
          <>
            <button type="button" className="vault-button" onClick={() => setDialog('device')}>
              <Plus aria-hidden size={15} />
              New device
            </button>
            <button type="button" className="vault-button" onClick={() => setDialog('import')}>
              <FileUp aria-hidden size={15} />
              Import CSV
            </button>
            <button type="button" className="vault-button" onClick={() => setDialog('edit')}>
              <Pencil aria-hidden size={15} />
              Edit
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete ${c.name}`}
              title="Delete client"
              onClick={() => setDialog('delete')}
            >
              <Trash2 aria-hidden size={16} />
            </button>
          </>
        }
      />
      <ul className="rollup-cards" aria-label="Health">
        {rollupColumns.map((r) => {
          const value = c.rollup[r.key]
          const tone = rollupTone(r.key, value)
          return (
            <li key={r.key}>
              <button
                type="button"
                className={tone ? `rollup-card rollup-card--${tone}` : 'rollup-card'}
                onClick={() => filterTable(rollupHealthFilter(r.key))}
              >
                <span className="rollup-card__value">{formatCount(value)}</span>
                <span className="rollup-card__label">{r.label}</span>
              </button>
            </li>
          )
        })}
      </ul>
      <section className="client-sites" aria-labelledby="client-sites-title">
        <div className="client-sites__header">
          <h2 id="client-sites-title" className="inv-section-title">
            Sites <span className="inv-muted">{sites?.length ?? 0}</span>
          </h2>
          <button type="button" className="vault-button" onClick={() => setDialog('site')}>
            <Plus aria-hidden size={14} />
            Add site
          </button>
        </div>
        {sites && sites.length > 0 ? (
          <ul className="site-list">
            {sites.map((site) => (
              <li key={site.id}>
                <button
                  type="button"
                  className="site-card"
                  aria-pressed={activeSite === site.id}
                  onClick={() =>
                    setView(scope, (v) => ({
                      ...v,
                      filters: setFilter(
                        v.filters,
                        'siteId',
                        activeSite === site.id ? undefined : site.id,
                      ),
                    }))
                  }
                >
                  <span className="site-card__name">
                    <MapPin aria-hidden size={14} />
                    {site.name}
                  </span>
                  <span className="site-card__meta">
                    {countText(site.devices, 'device', 'devices')} · {site.timeZone}
                  </span>
                  {site.address ? <span className="site-card__address">{site.address}</span> : null}
                </button>
                <span className="site-card__actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Edit site ${site.name}`}
                    title="Edit site"
                    onClick={() => setDialog({ kind: 'edit-site', site })}
                  >
                    <Pencil aria-hidden size={14} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove site ${site.name}`}
                    title="Remove site"
                    onClick={() => setDialog({ kind: 'delete-site', site })}
                  >
                    <Trash2 aria-hidden size={14} />
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="inv-muted">No sites yet. Devices can belong to the client without one.</p>
        )}
      </section>
      {c.notes ? (
        <section className="client-notes" aria-label="Notes">
          <h2 className="inv-section-title">Notes</h2>
          <p>{c.notes}</p>
        </section>
      ) : null}
      <section className="client-devices" aria-labelledby="client-devices-title">
        <h2 id="client-devices-title" className="inv-section-title">
          Devices
        </h2>
        <DeviceBrowser
          scope={scope}
          locked={{ clientId: c.id }}
          label={`Devices of ${c.name}`}
          onImport={() => setDialog('import')}
        />
      </section>
      {dialog === 'edit' ? <ClientFormDialog client={c} onClose={() => setDialog(null)} /> : null}
      {dialog === 'site' ? (
        <SiteFormDialog clientId={c.id} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'device' ? (
        <NewDeviceDialog
          clientId={c.id}
          onClose={() => setDialog(null)}
          onCreated={(device) => navigate(`~/devices/${encodeURIComponent(device.id)}`)}
        />
      ) : null}
      {typeof dialog === 'object' && dialog?.kind === 'edit-site' ? (
        <SiteFormDialog clientId={c.id} site={dialog.site} onClose={() => setDialog(null)} />
      ) : null}
      {typeof dialog === 'object' && dialog?.kind === 'delete-site' ? (
        <DeleteSiteDialog site={dialog.site} clientName={c.name} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'import' ? (
        <CsvImportDialog clientId={c.id} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteClientDialog
          client={c}
          onClose={() => setDialog(null)}
          onDeleted={() => navigate('/', { replace: true })}
        />
      ) : null}
    </section>
  )
}
