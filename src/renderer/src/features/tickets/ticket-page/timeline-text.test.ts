import { describe, expect, it } from 'vitest'
import { eventSentence } from './timeline-text'

describe('eventSentence', () => {
  it.each([
    [{ kind: 'created', field: null, from: null, to: 'new' }, 'opened the ticket'],
    [
      { kind: 'status', field: 'status', from: 'new', to: 'waiting-customer' },
      'changed the status from New to Waiting on customer',
    ],
    [
      { kind: 'priority', field: 'priority', from: 'P3', to: 'P1' },
      'changed the priority from P3 to P1',
    ],
    [{ kind: 'assigned', field: 'assignee', from: null, to: 'sam' }, 'assigned it to sam'],
    [{ kind: 'assigned', field: 'assignee', from: 'sam', to: null }, 'unassigned it from sam'],
    [{ kind: 'device-linked', field: 'devices', from: null, to: 'web-01' }, 'linked web-01'],
    [{ kind: 'device-unlinked', field: 'devices', from: 'web-01', to: null }, 'unlinked web-01'],
    [{ kind: 'updated', field: 'description', from: null, to: null }, 'edited the description'],
    [
      { kind: 'updated', field: 'subject', from: 'Old', to: 'New' },
      'changed the subject from “Old” to “New”',
    ],
    [
      { kind: 'updated', field: 'type', from: 'incident', to: 'service-request' },
      'changed the type from Incident to Service request',
    ],
  ] as const)('%j', (event, sentence) => {
    expect(eventSentence(event)).toBe(sentence)
  })
})
