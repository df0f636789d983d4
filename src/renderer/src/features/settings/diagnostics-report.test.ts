import { describe, expect, it } from 'vitest'
import type { Diagnostics } from '@shared/contract/app'
import { diagnosticsReport } from './diagnostics-report'

const base: Diagnostics = {
  name: 'Switchboard',
  version: '1.2.3',
  mode: 'electron',
  platform: 'linux',
  arch: 'x64',
  osRelease: '6.1.0',
  nodeVersion: '22.23.3',
  electronVersion: '45.4.1',
  schemaVersion: 8,
  dataDir: '/home/t/.config/Switchboard',
  technician: 'tech',
  logFile: '/home/t/.config/Switchboard/logs/switchboard.log',
  recentProblems: [],
  generatedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
}

describe('diagnosticsReport', () => {
  it('names the version, platform, store schema, data directory and log file', () => {
    const text = diagnosticsReport(base)
    expect(text).toContain('Switchboard 1.2.3 (desktop)')
    expect(text).toContain('Generated: 2026-01-02T03:04:05.000Z')
    expect(text).toContain('Platform: linux x64 (6.1.0)')
    expect(text).toContain('Node: 22.23.3, Electron: 45.4.1')
    expect(text).toContain('Store schema v8')
    expect(text).toContain('Log file: /home/t/.config/Switchboard/logs/switchboard.log')
    expect(text).toContain('Recent warnings and errors: none')
  })

  it('lists recent problems oldest first, and says when there is no log file', () => {
    const text = diagnosticsReport({
      ...base,
      mode: 'browser',
      electronVersion: null,
      logFile: null,
      recentProblems: [
        { time: 't1', level: 'warn', message: 'first', detail: null },
        { time: 't2', level: 'error', message: 'second', detail: '{"code":"EIO"}' },
      ],
    })
    expect(text).toContain('(browser mode)')
    expect(text).toContain('Node: 22.23.3\n')
    expect(text).toContain('Log file: none')
    expect(text).toMatch(/\(2, oldest first\):\nt1 warn first\nt2 error second \{"code":"EIO"\}\n$/)
  })
})
