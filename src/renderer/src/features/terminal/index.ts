export { SessionsPage } from './SessionsPage'
export { useOpenDeviceSession } from './use-open-device-session'
export { deviceSshHost, planDeviceSession, type DeviceSessionSource } from './device-session'
