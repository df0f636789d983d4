import { describe, expect, it } from 'vitest'
import {
  beginMarker,
  describeExit,
  endMarker,
  normaliseText,
  readSection,
  splitSections,
  takeSection,
} from './sections'

const section = (name: string, body: string, code = 0): string =>
  `${beginMarker(name)}\n${body}\n${endMarker(name, code)}\n`

describe('splitSections', () => {
  it('cuts output into named sections with their exit codes', () => {
    const split = splitSections(section('uname', 'Linux 6.1.0 x86_64') + section('who', '', 0))
    expect(split.problems).toEqual([])
    expect(split.sections.get('uname')).toEqual({
      name: 'uname',
      body: 'Linux 6.1.0 x86_64',
      exitCode: 0,
      complete: true,
    })
    expect(split.sections.get('who')?.body).toBe('')
  })

  it('ignores banners, MOTD and shell noise outside the markers', () => {
    const output =
      'Last login: Wed Apr  3 14:29:58 2024 from 10.0.0.8\nWelcome to Ubuntu!\n' +
      section('hostname', 'web01') +
      'logout\n'
    const split = splitSections(output)
    expect([...split.sections.keys()]).toEqual(['hostname'])
    expect(split.sections.get('hostname')?.body).toBe('web01')
  })

  it('keeps the body verbatim except for trailing blank lines', () => {
    const split = splitSections(section('df', '  indented\n\nlast\n\n'))
    expect(split.sections.get('df')?.body).toBe('  indented\n\nlast')
  })

  it('accepts CRLF line ends and a BOM, as Windows PowerShell writes them', () => {
    const output = '\uFEFF' + section('os', '{"Caption":"Windows"}', 0).replace(/\n/g, '\r\n')
    const split = splitSections(output)
    expect(split.sections.get('os')).toMatchObject({ body: '{"Caption":"Windows"}', exitCode: 0 })
  })

  it('records a non-zero exit code', () => {
    const split = splitSections(section('dnf-check-update', 'x.noarch 1 repo', 100))
    expect(split.sections.get('dnf-check-update')?.exitCode).toBe(100)
  })

  it('marks a section cut off by the end of output as incomplete and says so', () => {
    const split = splitSections(section('uname', 'Linux') + '@@SWITCHBOARD:df@@\nFilesystem')
    expect(split.sections.get('df')).toMatchObject({ complete: false, body: 'Filesystem' })
    expect(split.problems).toEqual(['Section df was cut off before its end marker.'])
  })

  it('closes a section left open when the next one begins', () => {
    const split = splitSections('@@SWITCHBOARD:a@@\npartial\n' + section('b', 'whole'))
    expect(split.sections.get('a')?.complete).toBe(false)
    expect(split.sections.get('b')).toMatchObject({ complete: true, body: 'whole' })
  })

  it('drops a section whose end marker names another section', () => {
    const split = splitSections('@@SWITCHBOARD:a@@\nbody\n@@END:b:0@@\n')
    expect(split.sections.has('a')).toBe(false)
    expect(split.problems[0]).toMatch(/Section a ended with the marker of b/)
  })

  it('keeps the first copy of a repeated section', () => {
    const split = splitSections(section('who', 'first  pts/0  x') + section('who', 'second'))
    expect(split.sections.get('who')?.body).toBe('first  pts/0  x')
    expect(split.problems[0]).toMatch(/appeared more than once/)
  })

  it('accepts a bare @@END@@ without an exit code', () => {
    const split = splitSections('@@SWITCHBOARD:x@@\nvalue\n@@END@@\n')
    expect(split.sections.get('x')).toEqual({ name: 'x', body: 'value', complete: true })
  })

  it('ignores stray end markers and marker look-alikes inside lines', () => {
    const split = splitSections('@@END:x:0@@\nsome @@SWITCHBOARD:y@@ text\n')
    expect(split.sections.size).toBe(0)
    expect(split.problems).toEqual([])
  })

  it('never throws on empty, garbage or non-string input', () => {
    expect(splitSections('').sections.size).toBe(0)
    expect(splitSections('\0\u0001@@@@\n@@SWITCHBOARD:@@\n').sections.size).toBe(0)
    expect(splitSections(undefined as unknown as string).sections.size).toBe(0)
    const named = splitSections('@@SWITCHBOARD:constructor@@\nx\n@@END:constructor:0@@')
    expect(named.sections.get('constructor')?.body).toBe('x')
    expect(splitSections('@@SWITCHBOARD:__proto__@@\nx\n@@END:__proto__:0@@').sections.size).toBe(0)
  })
})

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF and drops BOMs', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n')
  })
})

describe('takeSection and readSection', () => {
  const split = splitSections(
    section('ok', 'value') +
      section('missing-tool', '', 127) +
      section('slow', '', 124) +
      section('killed', '', 143) +
      section('failed-empty', '', 2) +
      section('failed-with-output', 'partial', 1) +
      section('not-found-message', 'sh: 1: ip: not found', 127) +
      section('killed-midway', 'Filesystem 1-blocks\n/dev/sda1 ext4 100', 124) +
      '@@SWITCHBOARD:cut@@\nhalf',
  )

  it('hands over a good body and records nothing', () => {
    const problems: string[] = []
    expect(takeSection(split, 'ok', 'Thing', problems)).toBe('value')
    expect(problems).toEqual([])
  })

  it('explains each way a section can be unusable', () => {
    const problems: string[] = []
    const names = ['absent', 'missing-tool', 'slow', 'killed', 'failed-empty', 'cut']
    for (const name of [...names, 'not-found-message', 'killed-midway']) {
      expect(takeSection(split, name, 'Thing', problems)).toBeUndefined()
    }
    expect(problems).toEqual([
      'Thing: not reported (no absent section in the output).',
      'Thing: the command is not available on this device.',
      'Thing: timed out.',
      'Thing: timed out.',
      'Thing: the command failed (exit 2).',
      'Thing: output was cut off, so it was not used.',
      'Thing: the command is not available on this device.',
      'Thing: timed out.',
    ])
  })

  it('still uses output printed by a command that then failed', () => {
    const problems: string[] = []
    expect(takeSection(split, 'failed-with-output', 'Thing', problems)).toBe('partial')
  })

  it('reports unparseable output and parser exceptions as problems', () => {
    const problems: string[] = []
    expect(readSection(split, problems, 'ok', 'Thing', () => undefined)).toBeUndefined()
    expect(
      readSection(split, problems, 'failed-empty', 'Silent', () => undefined, { okExitCodes: [2] }),
    ).toBeUndefined()
    const boom = (): never => {
      throw new Error('parser bug')
    }
    expect(readSection(split, problems, 'ok', 'Other', boom)).toBeUndefined()
    expect(problems).toEqual([
      'Thing: the output could not be understood.',
      'Silent: the command printed nothing.',
      'Other: the output could not be understood.',
    ])
  })

  it('stays silent about optional sections', () => {
    const problems: string[] = []
    const read = (name: string): unknown =>
      readSection(split, problems, name, 'Thing', () => undefined, { optional: true })
    expect(read('absent')).toBeUndefined()
    expect(read('missing-tool')).toBeUndefined()
    expect(read('ok')).toBeUndefined()
    expect(problems).toEqual([])
  })

  it('describes exit codes in words', () => {
    expect(describeExit(126)).toBe('the command is not permitted for this user')
    expect(describeExit(undefined)).toBe('the command failed (exit unknown)')
  })
})
