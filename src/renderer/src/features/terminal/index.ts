export { SessionsPage } from './SessionsPage'
