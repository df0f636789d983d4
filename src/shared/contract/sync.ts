import { z } from 'zod'
import { call, event } from '../rpc/define'
import { TechnicianRole } from '../sync/auth'

/**
 * The app's side of team sync, between the renderer and main. Main holds the team server's
 * tokens (the refresh token in the vault) and every sign-in secret in flight; the renderer only
 * ever names what to do.
 */

export const SyncState = z.enum([
  /** No team server: this installation works alone. */
  'not-configured',
  /** A team server is set, but nobody is signed in (or the session ended). */
  'signed-out',
  /** The technician chose to work offline: nothing is sent or fetched. */
  'working-offline',
  /** The server cannot be reached; it is retried with backoff. */
  'offline',
  'syncing',
  'synced',
  /** Sync failed for a reason the technician must act on (see message). */
  'error',
])
export type SyncState = z.infer<typeof SyncState>

export const SyncStatus = z.object({
  state: SyncState,
  /** Local changes not yet accepted by the team server. */
  pending: z.number().int().nonnegative(),
  lastSyncedAt: z.number().nullable(),
  message: z.string().optional(),
  /** Since when the server has been out of reach (state offline). */
  offlineSince: z.number().nullable().default(null),
  /** While syncing: how many of the pending changes are sent, and pages pulled. */
  progress: z
    .object({ sent: z.number().int(), total: z.number().int(), pulledPages: z.number().int() })
    .nullable()
    .default(null),
  /** Conflicts waiting for this technician's decision, and changes the server refused. */
  conflicts: z.number().int().nonnegative().default(0),
  rejected: z.number().int().nonnegative().default(0),
  /** The team server and who is signed in to it. */
  server: z
    .object({
      url: z.string(),
      technician: z
        .object({
          id: z.string(),
          email: z.string(),
          displayName: z.string(),
          role: TechnicianRole,
        })
        .nullable(),
    })
    .nullable()
    .default(null),
})
export type SyncStatus = z.infer<typeof SyncStatus>

/**
 * This installation holds local data and the team's scope for it is empty or different: the
 * technician chooses (nothing local is dropped silently).
 */
const ChooseFirstSyncStep = z.object({
  step: z.literal('choose-first-sync'),
  local: z.object({
    clients: z.number().int(),
    devices: z.number().int(),
    tickets: z.number().int(),
  }),
  mayUpload: z.boolean(),
})
const SignedInStep = z.object({ step: z.literal('signed-in') })

/** Where a sign-in stands; main keeps the server's challenge, the renderer only sees the step. */
export const SignInStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('mfa') }),
  /** A second factor must be set up first: show the secret (and its otpauth:// URI) to scan. */
  z.object({ step: z.literal('enroll-mfa'), secret: z.string(), otpauthUrl: z.string() }),
  /**
   * Shown once, after enrolment: each works once in place of a code. `next` is where the
   * sign-in goes once they are read (main holds that state; no further call is needed for
   * 'signed-in', and chooseFirstSync answers 'choose-first-sync').
   */
  z.object({
    step: z.literal('recovery-codes'),
    codes: z.array(z.string()),
    next: z.discriminatedUnion('step', [ChooseFirstSyncStep, SignedInStep]),
  }),
  ChooseFirstSyncStep,
  SignedInStep,
])
export type SignInStep = z.infer<typeof SignInStep>

/** A change of this technician's that the team server did not apply as made. */
export const SyncConflict = z.object({
  id: z.string(),
  /** What was edited: a ticket, or a client, site or device of the inventory. */
  entity: z.enum(['ticket', 'client', 'site', 'device']),
  /** The edited row's id (named for tickets, which came first). */
  ticketId: z.string(),
  ticketNumber: z.string(),
  subject: z.string(),
  field: z.string(),
  /** The value that stands on the team, and the one this technician set. */
  theirs: z.unknown(),
  mine: z.unknown(),
  theirActor: z.string().nullable(),
  theirAt: z.number().nullable(),
  createdAt: z.number(),
})
export type SyncConflict = z.infer<typeof SyncConflict>

/** A change the server refused for good, with its reason. */
export const SyncRejection = z.object({
  mutationId: z.number().int(),
  intent: z.string(),
  ticketId: z.string().nullable(),
  reason: z.string(),
  at: z.number(),
})
export type SyncRejection = z.infer<typeof SyncRejection>

const Code = z.string().regex(/^\d{6}$/, 'six digits')

export const sync = {
  status: call({
    doc: 'The current sync state and the number of local changes waiting to be sent.',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  onDidChangeStatus: event({
    doc: 'Fires with the new status whenever it changes.',
    input: z.object({}).strict(),
    data: SyncStatus,
  }),
  signIn: call({
    doc: 'Signs in to a team server with a password; the next step is a code (or setting one up).',
    input: z
      .object({
        url: z.string().trim().min(1).max(2000),
        email: z.string().trim().min(3).max(254),
        password: z.string().min(1).max(1024),
      })
      .strict(),
    output: SignInStep,
  }),
  verifyCode: call({
    doc: 'Answers the sign-in with a one-time code or a recovery code.',
    input: z
      .object({ code: Code.optional(), recoveryCode: z.string().trim().max(20).optional() })
      .strict(),
    output: SignInStep,
  }),
  enrollCode: call({
    doc: 'Confirms a new second factor with its first code; returns the recovery codes.',
    input: z.object({ code: Code }).strict(),
    output: SignInStep,
  }),
  chooseFirstSync: call({
    doc: "First sign-in with local data: upload it to the team, or start from the team's data (the local store is kept as a dated backup file).",
    input: z.object({ choice: z.enum(['upload', 'start-from-team']) }).strict(),
    output: SignInStep,
  }),
  cancelSignIn: call({
    doc: 'Abandons a sign-in in progress.',
    input: z.object({}).strict(),
    output: z.object({}),
  }),
  signOut: call({
    doc: 'Signs this installation out of the team server (local changes stay queued).',
    input: z.object({}).strict(),
    output: z.object({}),
  }),
  setWorkOffline: call({
    doc: 'Works offline (nothing is sent or fetched) or goes back online.',
    input: z.object({ offline: z.boolean() }).strict(),
    output: SyncStatus,
  }),
  syncNow: call({
    doc: 'Pushes and pulls now instead of waiting for the next poke or retry.',
    input: z.object({}).strict(),
    output: SyncStatus,
  }),
  conflicts: call({
    doc: "This technician's conflicts waiting for a decision, newest first.",
    input: z.object({}).strict(),
    output: z.object({ conflicts: z.array(SyncConflict) }),
  }),
  resolveConflict: call({
    doc: "Keeps the team's value, or applies this technician's again on top of it.",
    input: z
      .object({ id: z.string().min(1).max(100), choice: z.enum(['mine', 'theirs']) })
      .strict(),
    output: z.object({}),
  }),
  rejections: call({
    doc: 'Changes the team server refused for good, newest first.',
    input: z.object({}).strict(),
    output: z.object({ rejections: z.array(SyncRejection) }),
  }),
  dismissRejection: call({
    doc: 'Removes a refused change from the list once the technician has read it.',
    input: z.object({ mutationId: z.number().int() }).strict(),
    output: z.object({}),
  }),
}
