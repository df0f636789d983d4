import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppLog, LOG_FILE_NAME, safeDetail, type AppLog } from './logger'
import { useTempDirs } from './testing/temp-dir'

const tempDir = useTempDirs()

function collectingStderr() {
  const lines: string[] = []
  return { lines, write: (text: string) => lines.push(text) }
}

function readLines(log: AppLog): Record<string, unknown>[] {
  return readFileSync(log.file ?? '', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('the app log', () => {
  it('writes JSON lines to a file in the given folder, and a readable copy to stderr', async () => {
    const dir = tempDir()
    const stderr = collectingStderr()
    const log = createAppLog({ scope: 'headless', dir, stderr })
    expect(log.file).toBe(join(dir, LOG_FILE_NAME))
    log.logger.info('host listening', { port: 4780 })
    log.logger.error('handler x failed', new Error('boom'))
    await log.close()

    const lines = readLines(log)
    expect(lines).toMatchObject([
      { level: 'info', scope: 'headless', msg: 'host listening', detail: { port: 4780 } },
      { level: 'error', msg: 'handler x failed', detail: { name: 'Error', message: 'boom' } },
    ])
    expect(typeof lines[0]?.time).toBe('string')
    expect(stderr.lines.join('')).toMatch(/info \[headless\] host listening \{"port":4780\}/)
    expect(stderr.lines.join('')).toMatch(/error \[headless\] handler x failed Error: boom/)
  })

  it('keeps info lines off stderr when quiet, but not out of the file', async () => {
    const stderr = collectingStderr()
    const log = createAppLog({ scope: 'headless', dir: tempDir(), quiet: true, stderr })
    log.logger.info('only in the file')
    log.logger.warn('in both')
    await log.close()
    expect(stderr.lines.join('')).not.toContain('only in the file')
    expect(readLines(log).map((l) => l.msg)).toEqual(['only in the file', 'in both'])
  })

  it('censors secret-bearing keys at any depth, bytes and cycles, in file, stderr and recent', async () => {
    const stderr = collectingStderr()
    const log = createAppLog({ scope: 'main', dir: tempDir(), stderr })
    const secret = `canary-${crypto.randomUUID()}`
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    const error = Object.assign(new Error('login failed'), {
      code: 'EAUTH',
      input: { secret: { kind: 'password', password: secret } },
    })
    log.logger.error('handler failed', {
      input: { credential: { password: secret }, nested: [{ passphrase: secret }] },
      privateKey: secret,
      answers: [secret],
      token: secret,
      bytes: Buffer.from(secret),
      cyclic,
      error,
    })
    await log.close()

    const text = readFileSync(log.file ?? '', 'utf8')
    expect(text).toContain('[redacted]')
    expect(text).toContain(`[${Buffer.byteLength(secret)} bytes]`)
    expect(text).toContain('[circular]')
    expect(text).toContain('EAUTH')
    for (const where of [text, stderr.lines.join(''), JSON.stringify(log.recent())]) {
      expect(where).not.toContain(secret)
    }
  })

  it('keeps the last 50 warnings and errors, oldest first', async () => {
    const log = createAppLog({ scope: 'main', dir: null, stderr: collectingStderr() })
    log.logger.info('not a problem')
    for (let i = 0; i < 60; i += 1) log.logger.warn(`problem ${i}`, { i })
    const recent = log.recent()
    expect(recent).toHaveLength(50)
    expect(recent[0]).toMatchObject({ level: 'warn', message: 'problem 10', detail: '{"i":10}' })
    expect(recent.at(-1)?.message).toBe('problem 59')
    expect(log.file).toBeNull()
    await log.close()
  })

  it('rotates at the size cap and keeps only the set number of old files', async () => {
    const dir = tempDir()
    const log = createAppLog({
      scope: 'main',
      dir,
      fileSize: '2K',
      rotatedFiles: 2,
      stderr: collectingStderr(),
    })
    for (let i = 0; i < 200; i += 1) {
      log.logger.info(`line ${i} ${'x'.repeat(100)}`)
    }
    await log.close()
    const files = readdirSync(dir).sort()
    expect(files).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`])
    for (const file of files) {
      expect(readFileSync(join(dir, file)).length).toBeLessThan(4 * 1024)
    }
    // The newest lines are in the current file.
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toContain('line 199 ')
  })
})

describe('safeDetail', () => {
  it('leaves plain values as they are and cuts long strings', () => {
    expect(safeDetail({ port: 22, host: 'a', ok: true, none: null })).toEqual({
      port: 22,
      host: 'a',
      ok: true,
      none: null,
    })
    expect(String(safeDetail('y'.repeat(5000)))).toMatch(/… \(5000 chars\)$/)
  })
})
