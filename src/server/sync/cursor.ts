import { z } from 'zod'
import { ServerError } from '../errors'

/** Per tenant (client), the last version the installation has. Opaque to the app. */
const CursorBody = z.object({
  v: z.literal(1),
  t: z.record(z.uuid(), z.number().int().nonnegative()),
})
export type Cursor = Record<string, number>

export function encodeCursor(tenants: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, t: tenants })).toString('base64url')
}

export function decodeCursor(cursor: string | null): Cursor {
  if (cursor === null) return {}
  try {
    return CursorBody.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).t
  } catch {
    throw new ServerError(
      'bad_request',
      'The sync cursor is not one this server gave: pull from the start',
    )
  }
}
