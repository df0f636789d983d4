import { describe, expect, it } from 'vitest'
import { subjectOfPath } from './subject'

describe('subjectOfPath', () => {
  it('finds the device, ticket or client a page shows', () => {
    expect(subjectOfPath('/devices/d-1')).toEqual({ kind: 'device', id: 'd-1' })
    expect(subjectOfPath('/tickets/t%201/')).toEqual({ kind: 'ticket', id: 't 1' })
    expect(subjectOfPath('/clients/c-9')).toEqual({ kind: 'client', id: 'c-9' })
  })

  it('has no subject on lists, other sections or malformed paths', () => {
    for (const path of [
      '/devices',
      '/devices/',
      '/sessions/x',
      '/devices/a/b',
      '/clients/%E0%A4%A',
    ]) {
      expect(subjectOfPath(path)).toBeNull()
    }
  })
})
