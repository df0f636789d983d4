import { describe, expect, it } from 'vitest'
import { SyncStatus, type SyncConflict } from '@shared/contract/sync'
import {
  conflictTarget,
  attentionText,
  canManageTeam,
  canSeeTeamPage,
  clockTime,
  conflictSentence,
  formatFieldValue,
  lastSyncedText,
  rejectionTitle,
  syncSummary,
  teamRole,
} from './sync-view'

// Local-clock instants, so the expected "14:02" holds in any time zone the tests run in.
const now = new Date(2026, 11, 7, 15, 30).getTime()
const at1402 = new Date(2026, 11, 7, 14, 2).getTime()

function status(overrides: Partial<SyncStatus>): SyncStatus {
  return SyncStatus.parse({ state: 'synced', pending: 0, lastSyncedAt: null, ...overrides })
}

function conflict(overrides: Partial<SyncConflict>): SyncConflict {
  return {
    id: 'c1',
    entity: 'ticket',
    ticketId: 't1',
    ticketNumber: 'T-7F3A-0042',
    subject: 'Printer offline',
    field: 'status',
    theirs: 'resolved',
    mine: 'waiting-customer',
    theirActor: 'Dana',
    theirAt: at1402,
    createdAt: now,
    ...overrides,
  }
}

describe('clockTime', () => {
  it('is the time alone on the same day, with the date otherwise', () => {
    expect(clockTime(at1402, now)).toBe('14:02')
    expect(clockTime(new Date(2026, 11, 3, 9, 5).getTime(), now)).toBe('3 Dec 09:05')
    expect(clockTime(new Date(2025, 0, 9, 23, 59).getTime(), now)).toBe('9 Jan 2025 23:59')
  })
})

describe('syncSummary', () => {
  it('waits for the first answer', () => {
    expect(syncSummary(undefined, now)).toEqual({ tone: 'idle', text: 'Sync: …', detail: null })
  })

  it('says synced, with what is still waiting', () => {
    expect(syncSummary(status({ pending: 3 }), now)).toMatchObject({
      tone: 'ok',
      text: 'Synced · 3 not yet synced',
    })
  })

  it('counts what is sent while syncing', () => {
    const syncing = status({ state: 'syncing', progress: { sent: 4, total: 9, pulledPages: 0 } })
    expect(syncSummary(syncing, now).text).toBe('Syncing 4/9…')
    expect(syncSummary(status({ state: 'syncing' }), now).text).toBe('Syncing…')
  })

  it('says since when the server is out of reach', () => {
    const offline = status({ state: 'offline', offlineSince: at1402, pending: 1 })
    expect(syncSummary(offline, now)).toEqual({
      tone: 'warn',
      text: 'Sync: offline · 1 not yet synced',
      detail: 'The team server has been out of reach since 14:02; retrying.',
    })
  })

  it('tells working offline, signed out and no server apart', () => {
    expect(syncSummary(status({ state: 'working-offline' }), now).text).toBe('Working offline')
    expect(syncSummary(status({ state: 'signed-out' }), now).text).toBe('Sync: signed out')
    expect(syncSummary(status({ state: 'not-configured' }), now).text).toBe('Sync: no team server')
  })

  it("gives an error main's message", () => {
    expect(syncSummary(status({ state: 'error', message: 'Session revoked' }), now)).toEqual({
      tone: 'bad',
      text: 'Sync error',
      detail: 'Session revoked',
    })
  })
})

describe('lastSyncedText and attentionText', () => {
  it('reads the last sync relatively', () => {
    expect(lastSyncedText(status({ lastSyncedAt: now - 120_000 }), now)).toBe(
      'Last synced 2 min ago',
    )
    expect(lastSyncedText(status({ lastSyncedAt: now + 5_000 }), now)).toBe('Last synced just now')
    expect(lastSyncedText(status({ lastSyncedAt: now - 3 * 3_600_000 }), now)).toBe(
      'Last synced 3 h ago',
    )
    expect(lastSyncedText(status({}), now)).toBe('Never synced')
  })

  it('counts conflicts and refused changes in words', () => {
    expect(attentionText(status({}))).toBeNull()
    expect(attentionText(status({ conflicts: 1 }))).toBe('1 conflict')
    expect(attentionText(status({ conflicts: 2, rejected: 1 }))).toBe(
      '2 conflicts · 1 refused change',
    )
  })
})

describe('conflictTarget', () => {
  it('links a ticket by its number and an inventory row by what it is', () => {
    expect(conflictTarget(conflict({}))).toEqual({ href: '/tickets/t1', label: 'T-7F3A-0042' })
    expect(conflictTarget(conflict({ entity: 'device', ticketId: 'd 1' }))).toEqual({
      href: '/devices/d%201',
      label: 'Device',
    })
    expect(conflictTarget(conflict({ entity: 'client', ticketId: 'c1' }))).toEqual({
      href: '/clients/c1',
      label: 'Client',
    })
    expect(conflictTarget(conflict({ entity: 'site' }))).toEqual({ href: null, label: 'Site' })
  })
})

describe('conflictSentence', () => {
  it('names who, the field, both values with their labels, and when', () => {
    expect(conflictSentence(conflict({}), now)).toEqual({
      theirs: 'Dana set Status to Resolved at 14:02 while you were offline',
      mine: 'your change to Waiting on customer was not applied',
    })
  })

  it('says nobody for an unassigned ticket and someone for an unknown author', () => {
    const sentence = conflictSentence(
      conflict({ field: 'assignee', theirs: null, mine: 'Sam', theirActor: null, theirAt: null }),
      now,
    )
    expect(sentence.theirs).toBe(
      'Someone on the team set Assignee to nobody while you were offline',
    )
    expect(sentence.mine).toBe('your change to “Sam” was not applied')
  })

  it('labels priorities, levels and due dates', () => {
    expect(
      conflictSentence(conflict({ field: 'priority', theirs: 'P1', mine: 'P3' }), now).theirs,
    ).toBe('Dana set Priority to P1 · Critical at 14:02 while you were offline')
    expect(formatFieldValue('impact', 'high', now)).toBe('High')
    expect(formatFieldValue('dueAt', new Date(2026, 11, 9, 17, 0).getTime(), now)).toBe(
      '9 Dec 17:00',
    )
  })

  it('quotes text on one line and shortens long text', () => {
    expect(formatFieldValue('subject', 'Mail\n  down', now)).toBe('“Mail down”')
    const long = formatFieldValue('description', 'x'.repeat(200), now)
    expect(long).toHaveLength(62)
    expect(long.endsWith('…”')).toBe(true)
    expect(formatFieldValue('description', '', now)).toBe('empty')
  })

  it('shows the parts of a contact that are set', () => {
    expect(
      formatFieldValue('contact', { name: 'Ann Lee', email: null, phone: '555-0101' }, now),
    ).toBe('Ann Lee, 555-0101')
    expect(formatFieldValue('contact', { name: null }, now)).toBe('empty')
  })

  it('keeps an unknown field by its own name', () => {
    expect(
      conflictSentence(conflict({ field: 'colour', theirs: 'red', mine: 'blue' }), now),
    ).toEqual({
      theirs: 'Dana set colour to “red” at 14:02 while you were offline',
      mine: 'your change to “blue” was not applied',
    })
  })
})

describe('rejectionTitle', () => {
  it('names the intent, or keeps an unknown one as sent', () => {
    const base = { mutationId: 1, ticketId: null, reason: 'closed', at: now }
    expect(rejectionTitle({ ...base, intent: 'tickets.setStatus' })).toBe('Changing a status')
    expect(rejectionTitle({ ...base, intent: 'tickets.frobnicate' })).toBe('tickets.frobnicate')
  })
})

describe('role gating', () => {
  const signedIn = (role: 'technician' | 'lead' | 'admin') =>
    status({
      server: {
        url: 'https://team.example',
        technician: { id: 'x', email: 'a@b.c', displayName: 'A', role },
      },
    })

  it('shows the Team page to leads and admins only, and lets only admins change it', () => {
    expect(teamRole(status({}))).toBeNull()
    expect(teamRole(undefined)).toBeNull()
    expect(canSeeTeamPage(teamRole(signedIn('technician')))).toBe(false)
    expect(canSeeTeamPage(teamRole(signedIn('lead')))).toBe(true)
    expect(canSeeTeamPage(teamRole(signedIn('admin')))).toBe(true)
    expect(canSeeTeamPage(null)).toBe(false)
    expect(canManageTeam('lead')).toBe(false)
    expect(canManageTeam('admin')).toBe(true)
  })
})
