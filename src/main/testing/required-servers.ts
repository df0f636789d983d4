/**
 * Tests that need a real server (sshd, PostgreSQL, Chromium) skip with the reason where it
 * cannot run, such as a local run without root. CI sets SWITCHBOARD_REQUIRE_SERVERS=1, and
 * there a server that cannot start is a failure: a green CI must not hide a skipped tier.
 */
export const REQUIRE_SERVERS_VARIABLE = 'SWITCHBOARD_REQUIRE_SERVERS'

export function serversRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[REQUIRE_SERVERS_VARIABLE] === '1'
}

/**
 * The reason to skip, or null to run. Throws instead of returning a reason when servers are
 * required, so the test file fails with that reason.
 */
export function skipReasonOrFail(
  reason: string | null,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (reason !== null && serversRequired(env)) {
    throw new Error(
      `${REQUIRE_SERVERS_VARIABLE}=1 and a required test server cannot run: ${reason}`,
    )
  }
  return reason
}
