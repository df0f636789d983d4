import { DeviceRole } from '@shared/contract'
import type { FieldIds } from '../../vault/Field'
import { roleName } from './format'

/** The device role picker the new-device and edit-device forms share. */
export function RoleSelect(props: {
  ids: FieldIds & { 'aria-invalid'?: true }
  value: DeviceRole
  onChange(role: DeviceRole): void
}) {
  return (
    <select
      {...props.ids}
      className="vault-input"
      value={props.value}
      onChange={(e) => props.onChange(DeviceRole.parse(e.target.value))}
    >
      {DeviceRole.options.map((role) => (
        <option key={role} value={role}>
          {roleName(role)}
        </option>
      ))}
    </select>
  )
}
