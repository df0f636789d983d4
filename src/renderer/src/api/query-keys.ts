/** Query keys are the contract method plus its input, so invalidation follows the contract. */
export const queryKeys = {
  appInfo: ['app.info', {}] as const,
  diagnostics: ['app.diagnostics', {}] as const,
  settings: ['settings.list', {}] as const,
  syncStatus: ['sync.status', {}] as const,
  deviceAudit: (deviceId: string, action: string, limit: number) =>
    ['audit.list', { deviceId, action, limit }] as const,
}
