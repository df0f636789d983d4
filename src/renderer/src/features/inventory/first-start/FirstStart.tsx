import { Building2, FileUp, Sparkles } from 'lucide-react'
import { useOpenSample } from '../../../api/inventory'
import { useShell } from '../../../app/ui-store'
import { countText } from '../devices/cell-format'

/**
 * What an empty inventory offers: the sample workspace (a working console in seconds), a CSV
 * import, or a first client by hand.
 */
export function FirstStart(props: { onImport(): void; onAddClient(): void }) {
  const openSample = useOpenSample()
  const notify = useShell((s) => s.notify)
  return (
    <section className="first-start" aria-labelledby="first-start-title">
      <Sparkles aria-hidden size={36} strokeWidth={1.5} className="first-start__icon" />
      <h2 id="first-start-title" className="first-start__title">
        Your inventory is empty
      </h2>
      <p className="first-start__body">
        Open the sample workspace to look around a populated console: clients with sites, devices
        with a realistic mix of health, and this machine reachable over SSH. Or bring your own
        devices from a CSV export of your RMM.
      </p>
      <div className="first-start__actions">
        <button
          type="button"
          className="vault-button vault-button--primary first-start__primary"
          disabled={openSample.isPending}
          onClick={() =>
            openSample.mutate(undefined, {
              onSuccess: (result) =>
                notify(
                  'info',
                  `Sample workspace opened: ${countText(result.clients, 'client', 'clients')}, ${countText(result.devices, 'device', 'devices')}.`,
                ),
            })
          }
        >
          <Sparkles aria-hidden size={16} />
          {openSample.isPending ? 'Opening sample workspace…' : 'Open sample workspace'}
        </button>
        <button type="button" className="vault-button" onClick={props.onImport}>
          <FileUp aria-hidden size={15} />
          Import CSV
        </button>
        <button type="button" className="vault-button" onClick={props.onAddClient}>
          <Building2 aria-hidden size={15} />
          Add client
        </button>
      </div>
    </section>
  )
}
