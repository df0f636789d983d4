/**
 * Tests that need a real server (sshd, PostgreSQL, Chromium) skip with the reason where it
 * cannot run, such as a local run without root. CI sets SWITCHBOARD_REQUIRE_SERVERS=1, and
 * there a server that cannot start is a failure: a green CI must not hide a skipped tier.
 * Shared by the app's and the team server's test tooling, so it takes the environment as an
 * argument rather than reading a runtime's globals.
 */
export const REQUIRE_SERVERS_VARIABLE = 'SWITCHBOARD_REQUIRE_SERVERS'

type Environment = Readonly<Record<string, string | undefined>>

export function serversRequired(env: Environment): boolean {
  return env[REQUIRE_SERVERS_VARIABLE] === '1'
}

/**
 * The reason to skip, or null to run. Throws instead of returning a reason when servers are
 * required, so the test file fails with that reason.
 */
export function skipReasonOrFail(reason: string | null, env: Environment): string | null {
  if (reason !== null && serversRequired(env)) {
    throw new Error(
      `${REQUIRE_SERVERS_VARIABLE}=1 and a required test server cannot run: ${reason}`,
    )
  }
  return reason
}
