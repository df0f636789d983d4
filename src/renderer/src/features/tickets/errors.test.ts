import { describe, expect, it } from 'vitest'
import { RpcError } from '@shared/rpc/errors'
import { errorText } from './errors'

const illegal = 'A waiting-customer ticket cannot move to closed (allowed: in-progress, resolved)'

describe('errorText', () => {
  it('names the field of each refused input', () => {
    const error = new RpcError('BAD_REQUEST', 'Invalid input', [
      { path: ['contact', 'email'], message: 'Not an email address' },
      { path: [], message: 'Nothing to change' },
    ])
    expect(errorText(error)).toBe('contact.email: Not an email address; Nothing to change')
  })

  it("gives main's reason for a refused move as it is", () => {
    expect(errorText(new RpcError('BAD_REQUEST', illegal))).toBe(illegal)
  })

  it('keeps internal details out of the UI', () => {
    expect(errorText(new RpcError('INTERNAL', 'SqliteError: disk I/O error'))).toBe(
      'Something went wrong in the app; the details are in its log.',
    )
  })
})
