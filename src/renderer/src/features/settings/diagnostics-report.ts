import type { Diagnostics } from '@shared/contract/app'

/**
 * The plain-text report "Copy diagnostics" puts on the clipboard: what support asks first
 * (versions, platform, store schema, where the data and log are) and the recent problems.
 */
export function diagnosticsReport(d: Diagnostics): string {
  const lines = [
    `${d.name} ${d.version} (${d.mode === 'browser' ? 'browser mode' : 'desktop'})`,
    `Generated: ${new Date(d.generatedAt).toISOString()}`,
    `Platform: ${d.platform} ${d.arch} (${d.osRelease})`,
    `Node: ${d.nodeVersion}${d.electronVersion ? `, Electron: ${d.electronVersion}` : ''}`,
    `Store schema v${d.schemaVersion}`,
    `Data directory: ${d.dataDir}`,
    `Log file: ${d.logFile ?? 'none (this host keeps no log file)'}`,
    '',
  ]
  if (d.recentProblems.length === 0) {
    lines.push('Recent warnings and errors: none')
  } else {
    lines.push(`Recent warnings and errors (${d.recentProblems.length}, oldest first):`)
    for (const p of d.recentProblems) {
      lines.push(`${p.time} ${p.level} ${p.message}${p.detail ? ` ${p.detail}` : ''}`)
    }
  }
  return `${lines.join('\n')}\n`
}
