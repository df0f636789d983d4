/** Turning the contract's zod issues into what a form shows beside a field. */

/** One problem as zod reports it (only what the form reads of it). */
export interface CheckIssue {
  path: PropertyKey[]
  message: string
  code?: string
  maximum?: number | bigint
}

/**
 * zod's own wording for an over-long value ("Too big: expected string to have <=253
 * characters") reads as a developer's; a technician who pasted a paragraph needs the limit and
 * how far over it they are. zod leaves the value out of its issues, so the caller passes it.
 */
export function issueMessage(issue: CheckIssue, value?: unknown): string {
  if (issue.code === 'too_big' && issue.maximum !== undefined) {
    const max = Number(issue.maximum).toLocaleString('en-US')
    if (typeof value === 'string') {
      return `Use at most ${max} characters (this has ${value.trim().length.toLocaleString('en-US')})`
    }
    if (Array.isArray(value)) return `At most ${max} entries`
  }
  return issue.message
}

/** The value a zod issue's path points at inside `input`. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
