/** Tickets: queues, the ticket page, new tickets, time from ticket-bound sessions. */
export { TicketsSection } from './routes'
export { TicketStatusItems } from './global/TicketStatusItems'
export { TicketPaletteGroup } from './palette/TicketPaletteGroup'
export { DeviceTicketsSlot } from './device/DeviceTicketsSlot'
