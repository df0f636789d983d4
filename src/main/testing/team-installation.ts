/**
 * An app installation for team sync tests and benches: the real services on a data dir with
 * the vault set up, signed in to a team server through the whole flow (MFA enrolment where
 * the role needs it), as a technician does it from the sign-in dialog.
 */
import type { SignInStep } from '../../shared/contract'
import { createServices, type Services } from '../services'
import type { HostPorts } from '../services/ports'
import type { SyncTiming } from '../services/sync/sync-engine'
import { TEAM_TEST_PASSWORD, totpCode } from './team-server-child'

export const TEST_VAULT_PASSPHRASE = 'a vault passphrase for tests'

/** Every service of one installation, its vault set up with TEST_VAULT_PASSPHRASE. */
export async function openTeamInstallation(
  ports: HostPorts,
  timing: Partial<SyncTiming>,
): Promise<Services> {
  const services = createServices(ports, {}, timing)
  try {
    await services.vault.setup({ protection: 'passphrase', passphrase: TEST_VAULT_PASSPHRASE })
  } catch (error) {
    services.dispose()
    throw error
  }
  return services
}

/**
 * Signs in with TEAM_TEST_PASSWORD, enrolling a TOTP when the server asks for one; answers
 * the step after the recovery codes (signed in, or the first-sync question).
 */
export async function signInToTeam(
  services: Services,
  url: string,
  email: string,
): Promise<SignInStep> {
  let step = await services.sync.signIn({ url, email, password: TEAM_TEST_PASSWORD })
  if (step.step === 'enroll-mfa') {
    step = await services.sync.enrollCode({ code: totpCode(step.secret) })
    if (step.step !== 'recovery-codes' || step.codes.length === 0) {
      throw new Error(`MFA enrolment answered ${JSON.stringify(step)}, not recovery codes`)
    }
    return step.next
  }
  return step
}
