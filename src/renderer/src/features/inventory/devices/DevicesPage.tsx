import { FileUp, Plus } from 'lucide-react'
import { useState } from 'react'
import { useLocation } from 'wouter'
import { useInventorySummary } from '../../../api/inventory'
import { PageHeader } from '../../../ui/PageHeader'
import { ClientFormDialog } from '../clients/ClientFormDialog'
import { CsvImportDialog } from '../csv/CsvImportDialog'
import { FirstStart } from '../first-start/FirstStart'
import { NewDeviceDialog } from '../new-device/NewDeviceDialog'
import { DeviceBrowser } from './DeviceBrowser'

/** Every device across the clients, searchable, filterable and selectable. */
export function DevicesPage() {
  const summary = useInventorySummary()
  const [, navigate] = useLocation()
  const [dialog, setDialog] = useState<'import' | 'client' | 'device' | null>(null)
  return (
    <section className="page inventory-page devices-page" aria-label="Devices">
      <PageHeader
        title="Devices"
        description="Every device across your clients: OS, hardware, patches, AV, backup and warranty."
        actions={
          <>
            {summary.data && !summary.data.empty ? (
              <button type="button" className="vault-button" onClick={() => setDialog('device')}>
                <Plus aria-hidden size={15} />
                New device
              </button>
            ) : null}
            <button type="button" className="vault-button" onClick={() => setDialog('import')}>
              <FileUp aria-hidden size={15} />
              Import CSV
            </button>
          </>
        }
      />
      {summary.data?.empty ? (
        <FirstStart onImport={() => setDialog('import')} onAddClient={() => setDialog('client')} />
      ) : summary.data ? (
        <DeviceBrowser scope="devices" label="Devices" onImport={() => setDialog('import')} />
      ) : null}
      {dialog === 'import' ? <CsvImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'device' ? (
        <NewDeviceDialog
          onClose={() => setDialog(null)}
          onCreated={(device) => navigate(`/${encodeURIComponent(device.id)}`)}
        />
      ) : null}
      {dialog === 'client' ? (
        <ClientFormDialog
          client={null}
          onClose={() => setDialog(null)}
          onSaved={(client) => navigate(`~/clients/${encodeURIComponent(client.id)}`)}
        />
      ) : null}
    </section>
  )
}
