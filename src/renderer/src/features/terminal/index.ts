export { SessionsPage } from './SessionsPage'
export { useOpenDeviceSession, type DeviceSessionOptions } from './use-open-device-session'
export type { TicketSessionEnd } from './terminal-hub'
export { deviceSshHost, planDeviceSession, type DeviceSessionSource } from './device-session'
