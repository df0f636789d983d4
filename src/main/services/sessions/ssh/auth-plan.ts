import type { CredentialSecret } from '../../../../shared/contract/vault'

/** One way to log in, in the order they are tried. */
export type AuthStep =
  | { type: 'publickey'; key: string; passphrase?: string }
  | { type: 'agent'; socket: string }
  | { type: 'password'; password: string }
  | { type: 'keyboard-interactive' }

/**
 * The login methods to offer, strongest first: a stored key, the local agent, a stored
 * password, then keyboard-interactive (whose prompts go to the technician, except a plain
 * password prompt that a stored password may answer).
 */
export function planAuth(options: {
  secret: CredentialSecret | null
  agentSocket: string | null
  useAgent: boolean
}): AuthStep[] {
  const steps: AuthStep[] = []
  const { secret } = options
  if (secret?.kind === 'private-key') {
    steps.push({
      type: 'publickey',
      key: secret.privateKey,
      ...(secret.passphrase ? { passphrase: secret.passphrase } : {}),
    })
  }
  if (options.agentSocket && (options.useAgent || secret?.kind === 'agent')) {
    steps.push({ type: 'agent', socket: options.agentSocket })
  }
  if (secret?.kind === 'password') steps.push({ type: 'password', password: secret.password })
  steps.push({ type: 'keyboard-interactive' })
  return steps
}

/**
 * Whether a keyboard-interactive round is nothing but the account's password prompt. Only
 * then may a stored password answer it: "One-time password", "Verification code", "PIN" or
 * a round with several prompts always go to the technician.
 */
export function isPlainPasswordPrompt(
  prompts: ReadonlyArray<{ prompt: string; echo?: boolean }>,
): boolean {
  if (prompts.length !== 1) return false
  const [only] = prompts
  if (!only || only.echo) return false
  return /^\s*(?:\S+@\S+'s\s+)?password(?:\s+for\s+[^:]+)?:\s*$/i.test(only.prompt)
}
