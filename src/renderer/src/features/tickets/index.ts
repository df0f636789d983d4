/** Tickets: queues, the ticket page, new tickets, time from ticket-bound sessions. */
export { TicketsSection } from './routes'
export { TicketStatusItems } from './global/TicketStatusItems'
export { useTicketPaletteCommands, useTicketPaletteEntries } from './palette/ticket-palette-entries'
export { DeviceTicketsSlot } from './device/DeviceTicketsSlot'
