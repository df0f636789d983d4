import { Laptop, Monitor, Printer, Router, Server, type LucideIcon } from 'lucide-react'
import type { DeviceRole } from '@shared/contract'

/** The icon of each device role, wherever a device is shown by its role. */
export const roleIcons: Record<DeviceRole, LucideIcon> = {
  workstation: Laptop,
  server: Server,
  network: Router,
  printer: Printer,
  other: Monitor,
}
