/**
 * The wire format shared by every probe script and its parser. A section is
 *
 *   @@SWITCHBOARD:<name>@@
 *   ...raw command output...
 *   @@END:<name>:<exit code>@@
 *
 * The end marker repeats the name so a cut-off section cannot swallow the next one, and carries
 * the exit code so a parser can tell "no updates" from "the command failed".
 */

/** The line that opens a section, as the scripts print it. */
export const beginMarker = (name: string): string => `@@SWITCHBOARD:${name}@@`

/** The line that closes a section, as the scripts print it. */
export const endMarker = (name: string, exitCode: number): string => `@@END:${name}:${exitCode}@@`

/** One section of probe output. */
export interface ProbeSection {
  name: string
  /** Lines between the markers, LF-separated, trailing blank lines removed. */
  body: string
  /** Exit status of the command, when the end marker carried one. */
  exitCode?: number
  /** False when the output stopped before this section's end marker. */
  complete: boolean
}

/** Sections by name, plus what was wrong with the framing itself. */
export interface SplitSections {
  sections: Map<string, ProbeSection>
  problems: string[]
}

const BEGIN = /^@@SWITCHBOARD:([A-Za-z0-9][A-Za-z0-9._-]*)@@$/
const END = /^@@END(?::([A-Za-z0-9][A-Za-z0-9._-]*)(?::(-?\d+))?)?@@$/

/** Strips a UTF-8 BOM and turns CRLF/CR line ends into LF, so every parser sees one shape. */
export function normaliseText(text: string): string {
  return text.replace(/\uFEFF/g, '').replace(/\r\n?/g, '\n')
}

/**
 * Cuts raw probe output into sections. Anything outside markers (login banners, MOTD, shell
 * noise) is ignored. Never throws.
 */
export function splitSections(output: string): SplitSections {
  const sections = new Map<string, ProbeSection>()
  const problems: string[] = []
  const text = typeof output === 'string' ? normaliseText(output) : ''
  let open: { name: string; lines: string[] } | undefined

  const close = (exitCode: number | undefined, complete: boolean): void => {
    if (!open) return
    const { name, lines } = open
    open = undefined
    while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop()
    if (!complete) problems.push(`Section ${name} was cut off before its end marker.`)
    if (sections.has(name)) {
      problems.push(`Section ${name} appeared more than once; the first copy was kept.`)
      return
    }
    const section: ProbeSection = { name, body: lines.join('\n'), complete }
    if (exitCode !== undefined) section.exitCode = exitCode
    sections.set(name, section)
  }

  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim()
    const begin = BEGIN.exec(line)
    if (begin?.[1]) {
      close(undefined, false)
      open = { name: begin[1], lines: [] }
      continue
    }
    const end = END.exec(line)
    if (end) {
      if (!open) continue
      if (end[1] !== undefined && end[1] !== open.name) {
        // An end marker for another section means this one's framing broke; keep neither.
        problems.push(`Section ${open.name} ended with the marker of ${end[1]}; it was ignored.`)
        open = undefined
        continue
      }
      close(end[2] === undefined ? undefined : Number(end[2]), true)
      continue
    }
    open?.lines.push(rawLine)
  }
  close(undefined, false)
  return { sections, problems }
}

/** How to judge one section's exit code. */
export interface SectionExpectation {
  /** Exit codes that mean the command worked; 0 unless told. */
  okExitCodes?: readonly number[]
}

/**
 * The body of a finished section, or undefined after recording in plain words why there is
 * nothing usable. A failed command that still printed something is handed over (df exits 1
 * when a single mount is unreadable but lists the rest), unless it was missing, forbidden or
 * timed out.
 */
export function takeSection(
  split: SplitSections,
  name: string,
  label: string,
  problems: string[],
  expectation: SectionExpectation = {},
): string | undefined {
  const section = split.sections.get(name)
  if (!section) {
    problems.push(`${label}: not reported (no ${name} section in the output).`)
    return undefined
  }
  if (!section.complete) {
    problems.push(`${label}: output was cut off, so it was not used.`)
    return undefined
  }
  const code = section.exitCode
  const ok = code === undefined || (expectation.okExitCodes ?? [0]).includes(code)
  // Whatever a missing, forbidden or killed command printed is an error message or a torso.
  const unusable = code !== undefined && [124, 126, 127, 143].includes(code)
  if (ok || (!unusable && section.body.trim() !== '')) return section.body
  problems.push(`${label}: ${describeExit(code)}.`)
  return undefined
}

/** Plain words for a shell or PowerShell exit status. */
export function describeExit(code: number | undefined): string {
  if (code === 127) return 'the command is not available on this device'
  if (code === 126) return 'the command is not permitted for this user'
  // 124 is coreutils timeout; 143 is SIGTERM from the scripts' own watchdog.
  if (code === 124 || code === 143) return 'timed out'
  return `the command failed (exit ${code ?? 'unknown'})`
}

/** How readSection treats one section. */
export interface ReadOptions extends SectionExpectation {
  /** A section the device may legitimately not have: its absence or failure is no problem. */
  optional?: boolean
}

/**
 * Takes a section and parses it. Whatever goes wrong (missing, cut off, failed, unparseable,
 * even a parser bug) becomes one problem line instead of an exception.
 */
export function readSection<T>(
  split: SplitSections,
  problems: string[],
  name: string,
  label: string,
  parse: (body: string) => T | undefined,
  options: ReadOptions = {},
): T | undefined {
  const sink = options.optional ? [] : problems
  const body = takeSection(split, name, label, sink, options)
  if (body === undefined) return undefined
  let value: T | undefined
  try {
    value = parse(body)
  } catch {
    value = undefined
  }
  if (value === undefined) {
    const why =
      body.trim() === '' ? 'the command printed nothing' : 'the output could not be understood'
    sink.push(`${label}: ${why}.`)
  }
  return value
}

/** The first non-empty line, trimmed. */
export function firstLine(body: string): string | undefined {
  return body
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '')
}

/** The problem reported when output holds no sections at all. */
export const noSectionsProblem =
  'No inventory sections were found in the output: the probe did not run, or its output was lost.'

/** readSection bound to one output and its problem list. */
export type SectionRead = <T>(
  name: string,
  label: string,
  parse: (body: string) => T | undefined,
  options?: ReadOptions,
) => T | undefined

/** A reader that records every problem in `problems`. */
export function sectionReader(split: SplitSections, problems: string[]): SectionRead {
  return (name, label, parse, options) => readSection(split, problems, name, label, parse, options)
}
