import { describe, expect, it } from 'vitest'
import {
  checkPaste,
  controlName,
  encodePaste,
  PASTE_END,
  PASTE_START,
  showPaste,
  type ShownPiece,
} from './paste-safety'

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i))

const LINE_BREAKS = ['\n', '\r']
/** Every C0 control but tab and the line breaks, DEL, and every C1 control. */
const KEYLIKE = [
  ...range(0x00, 0x1f).filter((c) => c !== '\t' && !LINE_BREAKS.includes(c)),
  '\x7f',
  ...range(0x80, 0x9f),
]

const bracketed = { bracketed: true, runLines: false }
const plain = { bracketed: false, runLines: false }
const plainRun = { bracketed: false, runLines: true }

/** The shown text as one string: what the technician reads in the preview. */
const shownText = (text: string): string =>
  showPaste(text)
    .map((line) => line.map((piece) => piece.text).join(''))
    .join('\n')

describe('checkPaste', () => {
  it('lets plain one-line text (tabs included) through without asking, in either mode', () => {
    for (const mode of [true, false]) {
      expect(checkPaste('ls -la /var/log', mode)).toEqual({ lines: 1, controls: [], reasons: [] })
      expect(checkPaste('printf "a\tb"', mode).reasons).toEqual([])
      expect(checkPaste('grüße 😀 ', mode).reasons).toEqual([])
    }
  })

  it('asks about every control character but tab and line breaks, and names each once', () => {
    expect(KEYLIKE).toHaveLength(29 + 1 + 32)
    for (const control of KEYLIKE) {
      for (const mode of [true, false]) {
        const check = checkPaste(`echo a${control}b${control}`, mode)
        expect(check.reasons, JSON.stringify(control)).toContain('control-characters')
        expect(check.controls).toEqual([controlName(control)])
        expect(check.lines).toBe(1)
      }
    }
  })

  it('names controls in caret notation, DEL as ^?, C1 by its code', () => {
    expect(controlName('\x00')).toBe('^@')
    expect(controlName('\x03')).toBe('^C')
    expect(controlName('\x0f')).toBe('^O')
    expect(controlName('\x1b')).toBe('^[')
    expect(controlName('\x1c')).toBe('^\\')
    expect(controlName('\x1f')).toBe('^_')
    expect(controlName('\x7f')).toBe('^?')
    expect(controlName('\x80')).toBe('<80>')
    expect(controlName('\x9b')).toBe('<9B>')
    expect(controlName('\x9f')).toBe('<9F>')
  })

  it('asks about line breaks, saying whether the host holds or runs them', () => {
    for (const text of ['a\nb', 'a\r\nb', 'a\rb', 'rm -rf ~/x\n', 'rm -rf ~/x\r', 'x\r\n']) {
      expect(checkPaste(text, true).reasons).toEqual(['line-breaks-held'])
      expect(checkPaste(text, false).reasons).toEqual(['line-breaks-run'])
    }
    expect(checkPaste('a\nb\n', true).lines).toBe(2)
    expect(checkPaste('a\r\nb\r\nc', true).lines).toBe(3)
    expect(checkPaste('a\rb', false).lines).toBe(2)
    expect(checkPaste('a\n\nb', false).lines).toBe(3)
  })

  it('calls out the end-of-paste marker, in 7-bit and 8-bit form, nested or split', () => {
    const marker = (text: string): boolean =>
      checkPaste(text, true).reasons.includes('paste-end-marker')
    expect(marker('ls\x1b[201~rm -rf ~\r')).toBe(true)
    expect(marker('ls\x9b201~rm -rf ~')).toBe(true)
    expect(marker('\x1b[200~\x1b[201~\x1b[201~')).toBe(true)
    expect(marker('\x1b[20\x1b[201~1~')).toBe(true)
    // A start marker alone, or a marker missing its ESC, is only control characters (or none).
    expect(marker('\x1b[200~ls')).toBe(false)
    expect(checkPaste('\x1b[200~ls', true).reasons).toEqual(['control-characters'])
    expect(checkPaste('[201~ls', true).reasons).toEqual([])
    expect(checkPaste('ls\x1b[201~x', false).controls).toEqual(['^['])
  })
})

describe('encodePaste', () => {
  it('wraps text in the bracketed-paste markers when the host asked for them', () => {
    expect(encodePaste('ls -la', bracketed)).toBe(`${PASTE_START}ls -la${PASTE_END}`)
    expect(encodePaste('ls -la', plain)).toBe('ls -la')
  })

  it('never sends a control character but tab and CR, in any mode', () => {
    for (const how of [bracketed, plain, plainRun]) {
      for (const control of KEYLIKE) {
        const sent = encodePaste(`a${control}\tb`, how)
        const body = how.bracketed ? sent.slice(PASTE_START.length, -PASTE_END.length) : sent
        expect(body, JSON.stringify(control)).toBe('a\tb')
      }
    }
  })

  it('leaves exactly one bracketed paste: no ESC from the text survives inside it', () => {
    for (const hostile of [
      'ls\x1b[201~rm -rf ~\r',
      '\x1b[200~\x1b[201~\x1b[201~rm -rf ~',
      '\x1b[20\x1b[201~1~rm -rf ~',
      '\x1b\x1b[201~~rm',
      'ls\x9b201~rm -rf ~',
      'ls\x1b\x1b',
    ]) {
      const sent = encodePaste(hostile, bracketed)
      expect(sent.startsWith(PASTE_START)).toBe(true)
      expect(sent.endsWith(PASTE_END)).toBe(true)
      const body = sent.slice(PASTE_START.length, -PASTE_END.length)
      expect([...body].filter((c) => c === '\x1b' || c === '\x9b')).toEqual([])
    }
    expect(encodePaste('a\x1b[201~b', bracketed)).toBe(`${PASTE_START}a[201~b${PASTE_END}`)
  })

  it('sends every line break as one CR, and adds none (bracketed, or running lines)', () => {
    for (const how of [bracketed, plainRun]) {
      const wrap = (s: string): string => (how.bracketed ? `${PASTE_START}${s}${PASTE_END}` : s)
      expect(encodePaste('a\nb', how)).toBe(wrap('a\rb'))
      expect(encodePaste('a\r\nb\r\n', how)).toBe(wrap('a\rb\r'))
      expect(encodePaste('a\rb', how)).toBe(wrap('a\rb'))
      expect(encodePaste('a\n\nb', how)).toBe(wrap('a\r\rb'))
      expect(encodePaste('ls', how)).toBe(wrap('ls'))
    }
  })

  it('without bracketed paste joins lines into one, so nothing runs until Enter', () => {
    expect(encodePaste('touch a\ntouch b\n', plain)).toBe('touch a touch b')
    expect(encodePaste('a\r\n\r\nb\r\n', plain)).toBe('a b')
    expect(encodePaste('\nls\r', plain)).toBe('ls')
    expect(encodePaste('ls\x0f', plain)).toBe('ls')
    expect(encodePaste('ls\x0a', plain)).toBe('ls')
    expect(encodePaste('ls\x0d', plain)).toBe('ls')
    expect(encodePaste('a\tb\n', plain)).toBe('a\tb')
    for (const text of ['x\n', 'x\r', 'x\r\n', 'x\x0f', 'x\x1b[201~\r', 'a\nb\rc\r\nd']) {
      expect([...encodePaste(text, plain)].filter((c) => '\r\n\x0f'.includes(c))).toEqual([])
    }
  })

  it('sends nothing for text that was only control characters', () => {
    expect(encodePaste('\x1b\x03', bracketed)).toBe('')
    expect(encodePaste('\x1b\x03', plain)).toBe('')
    expect(encodePaste('\n\r\n', plain)).toBe('')
  })
})

describe('showPaste', () => {
  it('shows lines as lines, with a final line break ending the last one', () => {
    expect(shownText('echo a\necho b\n')).toBe('echo a\necho b')
    expect(shownText('echo a\r\necho b')).toBe('echo a\necho b')
    expect(shownText('a\n\nb')).toBe('a\n\nb')
  })

  it('marks a lone CR, which most viewers hide but a host takes as Enter', () => {
    expect(shownText('echo safe\rrm -rf ~')).toBe('echo safe␍\nrm -rf ~')
    expect(shownText('touch x\r')).toBe('touch x␍')
    expect(showPaste('a\r')).toEqual([
      [{ text: 'a' }, { text: '␍', control: 'Ctrl-M (carriage return)' }],
    ])
  })

  it('makes every control visible and names it', () => {
    expect(shownText('ls\x1b[201~rm\x0f')).toBe('ls^[[201~rm^O')
    expect(shownText('a\x7fb\x9bc\x00')).toBe('a^?b<9B>c^@')
    expect(shownText('a\tb')).toBe('a\tb')
    const pieces: ShownPiece[] = showPaste('x\x1by\x03\x7f\x85').flat()
    expect(pieces).toEqual([
      { text: 'x' },
      { text: '^[', control: 'Escape' },
      { text: 'y' },
      { text: '^C', control: 'Ctrl-C' },
      { text: '^?', control: 'Delete' },
      { text: '<85>', control: 'C1 control <85>' },
    ])
    for (const control of KEYLIKE) {
      const shown = showPaste(`a${control}b`).flat()
      expect(shown.map((p) => p.text)).toEqual(['a', controlName(control), 'b'])
      expect(shown[1]?.control).toBeTruthy()
    }
  })
})
