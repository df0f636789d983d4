import { CredentialsPanel } from '../vault'

/** The vault's credentials, beside the sessions that use them. */
export function CredentialsView() {
  return <CredentialsPanel />
}
