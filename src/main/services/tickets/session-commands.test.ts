import { describe, expect, it } from 'vitest'
import { commandsFromKeystrokes, inputEvents, MAX_COMMANDS } from './session-commands'

describe('commands typed in a session', () => {
  it('replays line editing keys the way a shell would', () => {
    expect(commandsFromKeystrokes(['l', 's', ' ', '-', 'l', '\r'])).toEqual(['ls -l'])
    expect(commandsFromKeystrokes(['sl\u007f\u007fls\r'])).toEqual(['ls'])
    expect(commandsFromKeystrokes(['rm -rf /tmp/x\u0015echo hi\r'])).toEqual(['echo hi'])
    expect(commandsFromKeystrokes(['cat foo bar\u0017baz\r'])).toEqual(['cat foo baz'])
    expect(commandsFromKeystrokes(['top\u0003', 'uptime\r'])).toEqual(['uptime'])
    expect(commandsFromKeystrokes(['\r', '   \r', 'df -h'])).toEqual(['df -h'])
  })

  it('marks lines it cannot follow (history, cursor keys, completion) instead of guessing', () => {
    expect(commandsFromKeystrokes(['\u001b[A\r'])).toEqual([])
    expect(commandsFromKeystrokes(['systemctl st\u001b[Datus\r'])).toEqual([
      'systemctl status (edited)',
    ])
    expect(commandsFromKeystrokes(['cd /va\tlog\r'])).toEqual(['cd /valog (edited)'])
  })

  it('keeps pasted text without the bracketed-paste markers', () => {
    expect(commandsFromKeystrokes(['\u001b[200~journalctl -u nginx\u001b[201~\r'])).toEqual([
      'journalctl -u nginx',
    ])
  })

  it('limits how many and how long', () => {
    const many = Array.from({ length: MAX_COMMANDS + 10 }, (_, i) => `echo ${i}\r`)
    expect(commandsFromKeystrokes(many)).toHaveLength(MAX_COMMANDS)
    expect(commandsFromKeystrokes([`${'x'.repeat(500)}\r`])[0]).toHaveLength(200)
  })

  it('reads input events from asciicast text, ignoring output and a cut-off last line', () => {
    const cast = [
      '{"version":2,"width":80,"height":24}',
      '[0.1,"o","$ "]',
      '[0.2,"i","whoami\\r"]',
      '[0.3,"o","alice\\r\\n"]',
      '[0.4,"i","ex',
    ].join('\n')
    expect(inputEvents(cast)).toEqual(['whoami\r'])
  })
})
