import { z } from 'zod'

/** Error codes every RPC failure carries; callers branch on these, never on message text. */
export const RpcErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAVAILABLE',
  'INTERNAL',
])
export type RpcErrorCode = z.infer<typeof RpcErrorCode>

/** One validation problem: where in the input, and what is wrong there. */
export const RpcIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
})
export type RpcIssue = z.infer<typeof RpcIssue>

/** The wire form of an error. */
export const RpcErrorShape = z.object({
  code: RpcErrorCode,
  message: z.string(),
  issues: z.array(RpcIssue).optional(),
})
export type RpcErrorShape = z.infer<typeof RpcErrorShape>

/**
 * An error meant for the caller. Services throw it for expected failures; its message
 * crosses the boundary, so it must never contain a secret.
 */
export class RpcError extends Error {
  readonly code: RpcErrorCode
  readonly issues: RpcIssue[] | undefined

  constructor(code: RpcErrorCode, message: string, issues?: RpcIssue[]) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    this.issues = issues
  }

  toShape(): RpcErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }

  static fromShape(shape: RpcErrorShape): RpcError {
    return new RpcError(shape.code, shape.message, shape.issues)
  }
}

export function issuesFromZod(error: z.ZodError): RpcIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }))
}

export function describeIssues(issues: RpcIssue[]): string {
  return issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}
