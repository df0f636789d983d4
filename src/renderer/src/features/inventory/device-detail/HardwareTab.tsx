import { Cpu, HardDrive, Package } from 'lucide-react'
import type { DeviceDetail } from '@shared/contract'
import { Card, FactList } from './Facts'
import { formatBytes, formatDate, usedPercent } from './format'
import { diskTone } from './health'
import { cpuLine } from './OverviewTab'

/** Make, model, serial and asset tag; CPU and memory; every volume with its fill. */
export function HardwareTab({ device }: { device: DeviceDetail }) {
  return (
    <div className="detail-cards">
      <Card title="System" icon={<Package aria-hidden size={15} />}>
        <FactList
          facts={[
            { label: 'Manufacturer', value: device.manufacturer },
            { label: 'Model', value: device.model },
            { label: 'Serial number', value: device.serial, mono: true },
            { label: 'Asset tag', value: device.assetTag, mono: true },
            {
              label: 'Warranty until',
              value: device.warrantyEndAt === null ? null : formatDate(device.warrantyEndAt),
            },
          ]}
        />
      </Card>
      <Card title="Processor and memory" icon={<Cpu aria-hidden size={15} />}>
        <FactList
          facts={[
            { label: 'CPU', value: device.cpuModel },
            { label: 'Cores', value: cpuLine(device) },
            { label: 'RAM', value: device.ramBytes === null ? null : formatBytes(device.ramBytes) },
            { label: 'Architecture', value: device.osArch, mono: true },
          ]}
        />
      </Card>
      <Card title="Disks" icon={<HardDrive aria-hidden size={15} />} className="detail-card--wide">
        {device.disks.length === 0 ? (
          <p className="detail-muted">No volumes known. Refresh inventory to collect them.</p>
        ) : (
          <table className="detail-table">
            <caption className="detail-sr-only">Disks</caption>
            <thead>
              <tr>
                <th scope="col">Volume</th>
                <th scope="col">File system</th>
                <th scope="col" className="detail-num">
                  Size
                </th>
                <th scope="col" className="detail-num">
                  Used
                </th>
                <th scope="col" className="detail-num">
                  Free
                </th>
                <th scope="col">Fill</th>
              </tr>
            </thead>
            <tbody>
              {device.disks.map((disk) => {
                const used = usedPercent(disk)
                const tone = diskTone(used)
                return (
                  <tr key={`${disk.mount}-${disk.device ?? ''}`}>
                    <th scope="row" className="detail-mono">
                      {disk.mount}
                      {disk.device ? <div className="detail-muted">{disk.device}</div> : null}
                    </th>
                    <td>{disk.fsType || '—'}</td>
                    <td className="detail-num">{formatBytes(disk.sizeBytes)}</td>
                    <td className="detail-num">
                      {formatBytes(Math.max(0, disk.sizeBytes - disk.freeBytes))}
                    </td>
                    <td className="detail-num">{formatBytes(disk.freeBytes)}</td>
                    <td>
                      <div className="detail-meter">
                        <div
                          className={`detail-meter__bar detail-meter__bar--${tone}`}
                          role="meter"
                          aria-label={`${disk.mount} used`}
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={used}
                          aria-valuetext={`${used}% used, ${formatBytes(disk.freeBytes)} free`}
                        >
                          <span style={{ width: `${used}%` }} />
                        </div>
                        <span className={`detail-meter__value detail-tone--${tone}`}>{used}%</span>
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}
