import type { ComponentType } from 'react'
import { ClientsSection, DevicesSection } from '../features/inventory'
import { SessionsPage } from '../features/terminal'
import { TicketsSection } from '../features/tickets'
import type { Section } from './sections'

/**
 * The page each section renders once its feature supplies one; sections missing here show
 * their empty state. Each feature adds exactly one line, so features never edit Shell.tsx.
 */
export const sectionPages: Partial<Record<Section['id'], ComponentType>> = {
  clients: ClientsSection,
  devices: DevicesSection,
  sessions: SessionsPage,
  tickets: TicketsSection,
}
