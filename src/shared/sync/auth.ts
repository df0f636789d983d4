import { z } from 'zod'

/**
 * The team server's sign-in and team-management messages (HTTP JSON bodies), shared by the
 * app and the server so both compile against one definition. Version 1 of the protocol.
 */
export const SYNC_PROTOCOL_VERSION = 1

export const TechnicianRole = z.enum(['technician', 'lead', 'admin'])
export type TechnicianRole = z.infer<typeof TechnicianRole>

const Email = z.string().trim().toLowerCase().email().max(254)
/** Long enough that a rate-limited guesser cannot win; no composition rules (NIST 800-63B). */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(1024)
const Uuid = z.uuid()
const OneTimeCode = z.string().regex(/^\d{6}$/, 'six digits')
const RecoveryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/, 'a recovery code looks like ABCD-EFGH-IJKL')

export const Installation = z
  .object({
    /** The app's own installation id (the one its outbox rows carry). */
    id: Uuid,
    name: z.string().trim().min(1).max(200),
  })
  .strict()

export const LoginRequest = z
  .object({ email: Email, password: z.string().min(1).max(1024), installation: Installation })
  .strict()
export type LoginRequest = z.infer<typeof LoginRequest>

export const Tokens = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  technician: z.object({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: TechnicianRole,
  }),
  installationId: Uuid,
})
export type Tokens = z.infer<typeof Tokens>

/** What a right password gets: never tokens alone, always a second step first. */
export const LoginResponse = z.discriminatedUnion('next', [
  z.object({ next: z.literal('mfa'), challenge: z.string() }),
  z.object({
    next: z.literal('enroll-mfa'),
    challenge: z.string(),
    /** Base32 TOTP secret and its otpauth:// URI, for an authenticator app. */
    secret: z.string(),
    otpauthUrl: z.string(),
  }),
  z.object({ next: z.literal('signed-in'), tokens: Tokens }),
])
export type LoginResponse = z.infer<typeof LoginResponse>

export const MfaRequest = z
  .object({
    challenge: z.string().min(1).max(200),
    code: OneTimeCode.optional(),
    recoveryCode: RecoveryCode.optional(),
  })
  .strict()
  .refine((r) => (r.code === undefined) !== (r.recoveryCode === undefined), {
    message: 'give a one-time code or a recovery code',
  })
export type MfaRequest = z.infer<typeof MfaRequest>

export const EnrollMfaRequest = z
  .object({ challenge: z.string().min(1).max(200), code: OneTimeCode })
  .strict()
export type EnrollMfaRequest = z.infer<typeof EnrollMfaRequest>

export const EnrollMfaResponse = z.object({
  tokens: Tokens,
  /** Shown once: each signs in once in place of a one-time code. */
  recoveryCodes: z.array(z.string()),
})

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) }).strict()

export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  /** Seconds to wait, with 429. */
  retryAfter: z.number().optional(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

// Team management (leads and admins see it; admins change it).

export const TechnicianSummary = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: TechnicianRole,
  mfaEnabled: z.boolean(),
  disabled: z.boolean(),
  clientIds: z.array(Uuid),
})
export type TechnicianSummary = z.infer<typeof TechnicianSummary>

export const CreateTechnicianRequest = z
  .object({
    email: Email,
    displayName: z.string().trim().min(1).max(200),
    role: TechnicianRole,
    password: NewPassword,
  })
  .strict()

export const UpdateTechnicianRequest = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: TechnicianRole.optional(),
    disabled: z.boolean().optional(),
    /** A reset: the technician signs in with it and is asked to change it. */
    password: NewPassword.optional(),
  })
  .strict()

export const AssignClientsRequest = z.object({ clientIds: z.array(Uuid).max(10_000) }).strict()

export const InstallationSummary = z.object({
  id: Uuid,
  technicianId: Uuid,
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
})

export const TeamSettings = z.object({ requireMfaForEveryone: z.boolean() }).strict()
