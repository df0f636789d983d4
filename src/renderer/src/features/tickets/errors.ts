import { RpcError } from '@shared/rpc/errors'

/** What went wrong, for the technician: main's own words for refusals, the field for bad input. */
export function errorText(error: unknown): string {
  if (error instanceof RpcError && error.issues && error.issues.length > 0) {
    return error.issues
      .map((issue) =>
        issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      )
      .join('; ')
  }
  if (error instanceof RpcError && error.code === 'INTERNAL') {
    return 'Something went wrong in the app; the details are in its log.'
  }
  return error instanceof Error ? error.message : String(error)
}
