import { SearchX } from 'lucide-react'
import { useState, type KeyboardEvent } from 'react'
import { Link, useLocation } from 'wouter'
import type { DeviceDetail } from '@shared/contract'
import { RpcError } from '@shared/rpc/errors'
import { useDevice } from '../../../api/inventory'
import { useCredentials } from '../../../api/vault'
import { useShell } from '../../../app/ui-store'
import { EmptyState } from '../../../ui/EmptyState'
import { TAB_STRIP, tabStripRef } from '../../../ui/tab-strip'
import { useOpenDeviceSession } from '../../terminal'
import { DeviceTicketsSlot } from '../../tickets'
import { useTerminalHub } from '../../terminal/use-hub'
import { useVaultControls } from '../../vault/use-vault-controls'
import { DeleteDeviceDialog } from './DeleteDeviceDialog'
import { DeviceHeader } from './DeviceHeader'
import { EditDeviceDialog } from './EditDeviceDialog'
import { HardwareTab } from './HardwareTab'
import { HealthTab } from './HealthTab'
import { HistoryTab } from './HistoryTab'
import { NetworkTab } from './NetworkTab'
import { OverviewTab } from './OverviewTab'
import { RefreshBanner } from './RefreshBanner'
import type { RefreshRemedy } from './refresh-state'
import { ContextVendors } from '../../vendors/ContextVendors'
import { SessionsSlot } from './SessionsSlot'
import { deviceTabs, type DeviceTab } from './tabs'
import { useNow } from '../../../ui/use-now'
import { useRefreshDevice } from './use-refresh-device'
import './device-detail.css'

const tabId = (tab: DeviceTab): string => `device-tab-${tab}`
const panelId = (tab: DeviceTab): string => `device-panel-${tab}`

/** `/devices/:id`: everything about one device, and what can be done with it. */
export function DeviceDetailPage({ deviceId }: { deviceId: string }) {
  const device = useDevice(deviceId)
  if (device.isPending) {
    return (
      <section className="page detail-page" aria-busy="true" aria-label="Device">
        <p className="detail-muted">Loading device…</p>
      </section>
    )
  }
  if (device.isError) {
    const missing = device.error instanceof RpcError && device.error.code === 'NOT_FOUND'
    return (
      <section className="page detail-page" aria-label="Device">
        <EmptyState
          icon={SearchX}
          title={missing ? 'Device not found' : 'Could not load the device'}
          action={
            <Link href="~/devices" className="vault-button detail-back-link">
              Back to Devices
            </Link>
          }
        >
          <p>
            {missing
              ? 'It may have been deleted, or the link is from another workspace.'
              : device.error.message}
          </p>
        </EmptyState>
      </section>
    )
  }
  return <DeviceView key={device.data.id} device={device.data} />
}

function DeviceView({ device }: { device: DeviceDetail }) {
  const now = useNow()
  const [tab, setTab] = useState<DeviceTab>('overview')
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null)
  const [, navigate] = useLocation()
  const refresh = useRefreshDevice(device.id)
  const openSession = useOpenDeviceSession()
  const hub = useTerminalHub()
  const vault = useVaultControls()
  const credentials = useCredentials()
  const credential = credentials.data?.credentials.find((c) => c.id === device.credentialId) ?? null

  const ssh = (): void => void openSession(device)

  const remedy = (what: RefreshRemedy): void => {
    switch (what) {
      case 'open-session':
        ssh()
        return
      case 'edit':
        setDialog('edit')
        return
      case 'unlock-vault':
        vault.unlock()
        return
      case 'known-hosts':
        navigate('~/sessions')
        hub.setView('known-hosts')
        return
      case 'retry':
        refresh.start()
    }
  }

  const onTabKey = (event: KeyboardEvent, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = deviceTabs[(index + step + deviceTabs.length) % deviceTabs.length]
    if (!next) return
    setTab(next.id)
    document.getElementById(tabId(next.id))?.focus()
  }

  const showTab = (next: DeviceTab): void => {
    setTab(next)
    requestAnimationFrame(() => document.getElementById(tabId(next))?.focus())
  }

  return (
    <section className="page detail-page" aria-label={`Device ${device.hostname}`}>
      <DeviceHeader
        device={device}
        now={now}
        refreshing={refresh.busy}
        onSsh={ssh}
        onRefresh={refresh.start}
        onEdit={() => setDialog('edit')}
        onDelete={() => setDialog('delete')}
      />
      <RefreshBanner
        state={refresh.state}
        firstCollection={device.snapshots.length <= 1}
        onRemedy={remedy}
        onCancel={refresh.cancel}
        onDismiss={refresh.dismiss}
        onShowHistory={() => showTab('history')}
      />

      <div
        ref={tabStripRef}
        className={`${TAB_STRIP} detail-tabs`}
        role="tablist"
        aria-label="Device sections"
      >
        {deviceTabs.map(({ id, label }, index) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={tabId(id)}
            aria-selected={tab === id}
            aria-controls={panelId(id)}
            tabIndex={tab === id ? 0 : -1}
            className="detail-tabs__tab"
            onClick={() => setTab(id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="detail-panel">
        {tab === 'overview' ? (
          <OverviewTab
            device={device}
            now={now}
            onShowTab={showTab}
            onEdit={() => setDialog('edit')}
          />
        ) : null}
        {tab === 'hardware' ? <HardwareTab device={device} /> : null}
        {tab === 'network' ? <NetworkTab device={device} credential={credential} /> : null}
        {tab === 'health' ? <HealthTab device={device} now={now} /> : null}
        {tab === 'history' ? <HistoryTab device={device} now={now} /> : null}
        {tab === 'sessions' ? (
          <SessionsSlot deviceId={device.id} hostname={device.hostname} onSsh={ssh} />
        ) : null}
        {tab === 'tickets' ? <DeviceTicketsSlot device={device} /> : null}
        {tab === 'vendors' ? (
          <ContextVendors
            clientId={device.clientId}
            deviceIds={[device.id]}
            ticketNumber={null}
            layout="grid"
          />
        ) : null}
      </div>

      {dialog === 'edit' ? (
        <EditDeviceDialog device={device} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteDeviceDialog
          device={device}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            useShell.getState().notify('info', `Deleted ${device.hostname}`)
            navigate('~/devices')
          }}
        />
      ) : null}
      {vault.dialogs}
    </section>
  )
}
