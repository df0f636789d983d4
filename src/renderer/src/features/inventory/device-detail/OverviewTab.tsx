import { Activity, Cpu, History, NotebookText, Server, Tags } from 'lucide-react'
import type { DeviceDetail } from '@shared/contract'
import { Card, FactList } from './Facts'
import {
  familyName,
  formatBytes,
  formatDateTime,
  formatRelative,
  formatUptime,
  osLine,
  roleName,
  usedPercent,
} from './format'
import { healthItems } from './health'
import { HealthList } from './HealthList'
import { changeText } from './history'
import type { DeviceTab } from './tabs'

function storageLine(disks: DeviceDetail['disks']): string | null {
  if (disks.length === 0) return null
  const size = disks.reduce((sum, d) => sum + d.sizeBytes, 0)
  const free = disks.reduce((sum, d) => sum + d.freeBytes, 0)
  const volumes = disks.length === 1 ? '1 volume' : `${disks.length} volumes`
  return `${formatBytes(size)} in ${volumes}, ${usedPercent({ sizeBytes: size, freeBytes: free })}% used`
}

export function cpuLine(device: Pick<DeviceDetail, 'cpuCores' | 'cpuThreads'>): string | null {
  if (device.cpuCores === null) return null
  const cores = `${device.cpuCores} ${device.cpuCores === 1 ? 'core' : 'cores'}`
  return device.cpuThreads !== null && device.cpuThreads !== device.cpuCores
    ? `${cores}, ${device.cpuThreads} threads`
    : cores
}

function ShowTab(props: { tab: DeviceTab; label: string; onShow(tab: DeviceTab): void }) {
  return (
    <button type="button" className="detail-link-button" onClick={() => props.onShow(props.tab)}>
      {props.label}
    </button>
  )
}

/** The device at a glance: what it is, how it is doing, what changed, and its notes. */
export function OverviewTab(props: {
  device: DeviceDetail
  now: number
  onShowTab(tab: DeviceTab): void
  onEdit(): void
}) {
  const { device, now } = props
  const recent = device.recentChanges.slice(0, 6)
  const customFields = Object.entries(device.customFields)
  return (
    <div className="detail-cards">
      <Card title="Summary" icon={<Server aria-hidden size={15} />}>
        <FactList
          facts={[
            { label: 'Role', value: roleName(device.role) },
            {
              label: 'Operating system',
              value:
                device.osName || device.osVersion ? osLine(device) : familyName(device.osFamily),
            },
            { label: 'Architecture', value: device.osArch, mono: true },
            { label: 'Kernel', value: device.kernel, mono: true },
            {
              label: 'Last seen',
              value:
                device.lastSeenAt === null ? (
                  'Never'
                ) : (
                  <time dateTime={new Date(device.lastSeenAt).toISOString()}>
                    {formatRelative(device.lastSeenAt, now)}
                  </time>
                ),
            },
            {
              label: 'Up for',
              value: device.lastBootAt === null ? null : formatUptime(device.lastBootAt, now),
            },
            { label: 'Logged in', value: device.loggedInUser },
            { label: 'Last user', value: device.lastUser },
            { label: 'IP address', value: device.ip, mono: true },
          ]}
        />
      </Card>

      <Card
        title="Hardware"
        icon={<Cpu aria-hidden size={15} />}
        action={<ShowTab tab="hardware" label="Details" onShow={props.onShowTab} />}
      >
        <FactList
          facts={[
            {
              label: 'Make and model',
              value: [device.manufacturer, device.model].filter(Boolean).join(' ') || null,
            },
            { label: 'Serial number', value: device.serial, mono: true },
            { label: 'CPU', value: device.cpuModel },
            { label: 'Cores', value: cpuLine(device) },
            { label: 'RAM', value: device.ramBytes === null ? null : formatBytes(device.ramBytes) },
            { label: 'Storage', value: storageLine(device.disks) },
          ]}
        />
      </Card>

      <Card
        title="Health"
        icon={<Activity aria-hidden size={15} />}
        action={<ShowTab tab="health" label="Details" onShow={props.onShowTab} />}
      >
        <HealthList items={healthItems(device, now)} compact />
      </Card>

      <Card
        title="Recent changes"
        icon={<History aria-hidden size={15} />}
        action={<ShowTab tab="history" label="Full history" onShow={props.onShowTab} />}
      >
        {recent.length === 0 ? (
          <p className="detail-muted">
            {device.snapshots.length === 0
              ? 'Nothing collected yet. Refresh inventory to collect this device’s facts over SSH.'
              : 'No changes since the first collection.'}
          </p>
        ) : (
          <ul className="detail-recent">
            {recent.map((change) => (
              <li key={change.id}>
                <span>{changeText(change)}</span>
                <time
                  className="detail-muted"
                  dateTime={new Date(change.at).toISOString()}
                  title={formatDateTime(change.at)}
                >
                  {formatRelative(change.at, now)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card
        title="Tags and custom fields"
        icon={<Tags aria-hidden size={15} />}
        action={
          <button
            type="button"
            className="detail-link-button"
            aria-label="Edit tags and custom fields"
            onClick={props.onEdit}
          >
            Edit
          </button>
        }
      >
        {device.tags.length > 0 ? (
          <ul className="detail-tags" aria-label="Tags">
            {device.tags.map((tag) => (
              <li key={tag} className="detail-tag">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <p className="detail-muted">No tags.</p>
        )}
        {customFields.length > 0 ? (
          <FactList
            label="Custom fields"
            facts={customFields.map(([label, value]) => ({ label, value }))}
          />
        ) : (
          <p className="detail-muted">No custom fields.</p>
        )}
      </Card>

      <Card
        title="Notes"
        icon={<NotebookText aria-hidden size={15} />}
        action={
          <button
            type="button"
            className="detail-link-button"
            aria-label="Edit notes"
            onClick={props.onEdit}
          >
            Edit
          </button>
        }
      >
        {device.notes.trim() ? (
          <p className="detail-notes">{device.notes}</p>
        ) : (
          <p className="detail-muted">No notes.</p>
        )}
      </Card>
    </div>
  )
}
