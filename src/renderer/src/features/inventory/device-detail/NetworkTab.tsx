import { Globe, Network, TerminalSquare } from 'lucide-react'
import type { DeviceDetail } from '@shared/contract'
import { deviceSshHost } from '../../terminal'
import { Card, FactList } from './Facts'

function AddressList({ values, empty }: { values: string[]; empty: string }) {
  if (values.length === 0) return <span className="detail-unknown">{empty}</span>
  return (
    <ul className="stack-list">
      {values.map((value) => (
        <li key={value} className="detail-mono">
          {value}
        </li>
      ))}
    </ul>
  )
}

/** SSH as it will be dialled: user@host:port, saying where a part comes from a fallback. */
function sshLine(device: DeviceDetail, credentialUser: string | null): string | null {
  const host = deviceSshHost(device)
  if (!host) return null
  const user = device.sshUser ?? credentialUser
  const shownHost = host.includes(':') ? `[${host}]` : host
  return `${user ? `${user}@` : ''}${shownHost}:${device.sshPort ?? 22}`
}

/** Addresses, names and the endpoints sessions and collection use. */
export function NetworkTab(props: {
  device: DeviceDetail
  credential: { name: string; username: string } | null
}) {
  const { device, credential } = props
  const ssh = sshLine(device, credential?.username ?? null)
  return (
    <div className="detail-cards">
      <Card title="Addresses" icon={<Network aria-hidden size={15} />}>
        <FactList
          facts={[
            {
              label: 'Local IPs',
              value: <AddressList values={device.localIps} empty="None known" />,
            },
            {
              label: 'MAC addresses',
              value: <AddressList values={device.macs} empty="None known" />,
            },
          ]}
        />
      </Card>
      <Card title="Internet" icon={<Globe aria-hidden size={15} />}>
        <FactList
          facts={[
            { label: 'Public IP', value: device.publicIp, mono: true },
            { label: 'FQDN', value: device.fqdn, mono: true },
            { label: 'Hostname', value: device.hostname, mono: true },
          ]}
        />
      </Card>
      <Card title="Management endpoints" icon={<TerminalSquare aria-hidden size={15} />}>
        <FactList
          facts={[
            {
              label: 'SSH',
              value: ssh ? (
                <>
                  <span className="detail-mono">{ssh}</span>
                  {!device.sshHost ? (
                    <div className="detail-muted">No SSH host set: the first local IP is used</div>
                  ) : null}
                </>
              ) : (
                <span className="detail-unknown">Not configured</span>
              ),
            },
            {
              label: 'Credential',
              value: device.credentialId ? (
                credential ? (
                  `${credential.name} (${credential.username})`
                ) : (
                  <span className="detail-unknown">A credential no longer in the vault</span>
                )
              ) : (
                <span className="detail-unknown">None: agent or ask at login</span>
              ),
            },
            {
              label: 'Agent forwarding',
              value: device.sshAgentForwarding
                ? 'On: your SSH agent goes with each session'
                : 'Off',
            },
            { label: 'WinRM', value: device.winrmUrl, mono: true },
          ]}
        />
      </Card>
    </div>
  )
}
