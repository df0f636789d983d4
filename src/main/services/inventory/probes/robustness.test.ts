import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as linux from './linux-parsers'
import * as macos from './macos-parsers'
import * as packages from './packages'
import * as posix from './posix-parsers'
import { parseLinuxProbe } from './linux'
import { parseMacosProbe } from './macos'
import { parseWindowsProbe } from './windows'
import * as windows from './windows-parsers'

// Every exported parse* function that takes the text of one section.
type SectionParser = (text: string) => unknown
const modules: Record<string, unknown>[] = [linux, macos, packages, posix, windows]
const parsers: [string, SectionParser][] = modules.flatMap((module) =>
  Object.entries(module).flatMap(([name, value]): [string, SectionParser][] =>
    name.startsWith('parse') && typeof value === 'function'
      ? [[name, (text) => Reflect.apply(value, undefined, [text]) as unknown]]
      : [],
  ),
)

// A small deterministic generator, so a failure reproduces exactly.
function* garbage(seed: number, count: number): Generator<string> {
  const alphabet = [
    '@@SWITCHBOARD:df@@',
    '@@END:df:0@@',
    '{',
    '}',
    '[',
    ']',
    '"',
    ':',
    '=',
    '|',
    '\\',
    '/',
    '\n',
    '\r\n',
    '\t',
    ' ',
    '\0',
    '\uFEFF',
    'é',
    '😀',
    '0',
    '9999999999999999999999',
    '-1',
    'processor',
    'MemTotal:',
    'Inst ',
    'inet6 ',
    'null',
    'true',
    '/Date(',
    'v | ',
    '* Label: ',
  ]
  let state = seed
  for (let n = 0; n < count; n += 1) {
    let text = ''
    const length = n % 40
    for (let i = 0; i < length; i += 1) {
      state = (state * 1103515245 + 12345) % 2147483648
      text += alphabet[state % alphabet.length]
    }
    yield text
  }
}

const fixturesRoot = new URL('./fixtures/', import.meta.url)
const allFixtures = readdirSync(fixturesRoot, { recursive: true })
  .map(String)
  .filter((path) => path.endsWith('.txt'))
  .map((path) => readFileSync(new URL(path, fixturesRoot), 'utf8'))

describe('every section parser', () => {
  it('is covered by this test', () => {
    expect(parsers.length).toBeGreaterThan(30)
  })

  it.each(parsers)('%s never throws on empty, hostile or foreign input', (_, parse) => {
    const inputs = [
      '',
      ' ',
      '\n\n',
      'null',
      '[]',
      '{}',
      '"x"',
      '[null,1,"a",{}]',
      ...garbage(7, 200),
    ]
    // Every fixture is foreign input to every parser but its own.
    for (const input of [
      ...inputs,
      ...allFixtures,
      ...allFixtures.map((f) => f.slice(0, f.length / 2)),
    ]) {
      expect(() => parse(input)).not.toThrow()
    }
  })
})

describe('every probe parser', () => {
  const probes = { parseLinuxProbe, parseMacosProbe, parseWindowsProbe }

  it.each(Object.entries(probes))('%s never throws and always explains itself', (_, parse) => {
    for (const input of [...garbage(11, 300), ...allFixtures]) {
      const result = parse(input)
      expect(result.facts).toBeTypeOf('object')
      expect(Array.isArray(result.problems)).toBe(true)
      // Facts are plain JSON: they survive a round trip unchanged.
      expect(JSON.parse(JSON.stringify(result.facts))).toEqual(result.facts)
    }
  })
})
