/** The context panel's content: the client and site behind the page at hand. */
export { ContextDetails } from './ContextDetails'
export { subjectOfPath, type ContextSubject } from './subject'
