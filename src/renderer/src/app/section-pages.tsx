import { lazy, type ComponentType } from 'react'
import type { Section } from './sections'

/**
 * The page each section renders once its feature supplies one; sections missing here show
 * their empty state. Each feature adds exactly one line, so features never edit Shell.tsx.
 * Each page is its own chunk, fetched when first shown: the first screen loads only its own
 * (Shell wraps them in Suspense).
 */
export const sectionPages: Partial<Record<Section['id'], ComponentType>> = {
  clients: lazy(() =>
    import('../features/inventory/routes').then((m) => ({ default: m.ClientsSection })),
  ),
  devices: lazy(() =>
    import('../features/inventory/routes').then((m) => ({ default: m.DevicesSection })),
  ),
  sessions: lazy(() =>
    import('../features/terminal/SessionsPage').then((m) => ({ default: m.SessionsPage })),
  ),
  tickets: lazy(() =>
    import('../features/tickets/routes').then((m) => ({ default: m.TicketsSection })),
  ),
  vendors: lazy(() =>
    import('../features/vendors/routes').then((m) => ({ default: m.VendorsSection })),
  ),
}
