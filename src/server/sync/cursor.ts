import { z } from 'zod'
import { ServerError } from '../errors'

/**
 * Per tenant (client), the last version the installation has, and the last version of the
 * technician's own rows (saved views). Opaque to the app.
 */
const CursorBody = z.object({
  v: z.literal(1),
  t: z.record(z.uuid(), z.number().int().nonnegative()),
  p: z.number().int().nonnegative().optional(),
})
export interface Cursor {
  tenants: Record<string, number>
  personal: number
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, t: cursor.tenants, p: cursor.personal })).toString(
    'base64url',
  )
}

export function decodeCursor(cursor: string | null): Cursor {
  if (cursor === null) return { tenants: {}, personal: 0 }
  try {
    const body = CursorBody.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    return { tenants: body.t, personal: body.p ?? 0 }
  } catch {
    throw new ServerError(
      'bad_request',
      'The sync cursor is not one this server gave: pull from the start',
    )
  }
}
