/** The device page's tabs, in order. */
export const deviceTabs = [
  { id: 'overview', label: 'Overview' },
  { id: 'hardware', label: 'Hardware' },
  { id: 'network', label: 'Network' },
  { id: 'health', label: 'Health' },
  { id: 'history', label: 'History' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'tickets', label: 'Tickets' },
  { id: 'vendors', label: 'Vendors' },
] as const

export type DeviceTab = (typeof deviceTabs)[number]['id']
