import type { Logger } from './services/ports'

function describe(detail: unknown): string {
  if (detail === undefined) return ''
  if (detail instanceof Error) return ` ${detail.stack ?? detail.message}`
  try {
    return ` ${JSON.stringify(detail)}`
  } catch {
    return ` ${String(detail)}`
  }
}

/** Plain stderr logger. Callers never pass secrets; the vault keeps them out of errors. */
export function createConsoleLogger(scope: string, quiet = false): Logger {
  const write = (level: string, message: string, detail?: unknown): void => {
    process.stderr.write(
      `${new Date().toISOString()} ${level} [${scope}] ${message}${describe(detail)}\n`,
    )
  }
  return {
    info: (m, d) => {
      if (!quiet) write('info', m, d)
    },
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  }
}
