/** The inventory: client list and pages, the device table, CSV import, collection progress. */
export { ClientsSection, DevicesSection } from './routes'
