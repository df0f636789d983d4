import { z } from 'zod'
import { call } from '../rpc/define'
import {
  AssignClientsRequest,
  CreateTechnicianRequest,
  InstallationSummary,
  TeamSettings,
  TechnicianSummary,
  UpdateTechnicianRequest,
} from '../sync/auth'

/**
 * The Team page: main calls the team server with its own token on the renderer's behalf. Leads
 * and admins see it; the server decides what each may do, and its refusals come back as
 * FORBIDDEN.
 */
const Uuid = z.uuid()

export const TeamMember = z.object({ id: Uuid, displayName: z.string(), role: z.string() })
export type TeamMember = z.infer<typeof TeamMember>

export const team = {
  directory: call({
    doc: 'Everyone on the team (name and role), for assigning tickets; any signed-in technician.',
    input: z.object({}).strict(),
    output: z.object({ members: z.array(TeamMember) }),
  }),
  technicians: call({
    doc: 'The technicians with their roles, MFA and client assignments (leads and admins).',
    input: z.object({}).strict(),
    output: z.object({ technicians: z.array(TechnicianSummary) }),
  }),
  createTechnician: call({
    doc: 'Adds a technician with a first password they change at sign-in (admins).',
    input: CreateTechnicianRequest,
    output: TechnicianSummary,
  }),
  updateTechnician: call({
    doc: 'Renames, changes the role, disables or resets the password of a technician (admins).',
    input: z.object({ id: Uuid, changes: UpdateTechnicianRequest }).strict(),
    output: TechnicianSummary,
  }),
  assignClients: call({
    doc: "Sets a technician's clients; holds from their next request (admins).",
    input: z.object({ id: Uuid, clientIds: AssignClientsRequest.shape.clientIds }).strict(),
    output: TechnicianSummary,
  }),
  clients: call({
    doc: "The team's clients the caller may see.",
    input: z.object({}).strict(),
    output: z.object({ clients: z.array(z.object({ id: Uuid, name: z.string() })) }),
  }),
  installations: call({
    doc: 'Every installation signed in to the team, whose they are and when they were last seen (admins).',
    input: z.object({}).strict(),
    output: z.object({ installations: z.array(InstallationSummary) }),
  }),
  revokeInstallation: call({
    doc: 'Signs an installation out of the team at once (admins).',
    input: z.object({ id: Uuid }).strict(),
    output: z.object({}),
  }),
  settings: call({
    doc: "The team's settings (leads and admins).",
    input: z.object({}).strict(),
    output: TeamSettings,
  }),
  updateSettings: call({
    doc: "Changes the team's settings, e.g. MFA for everyone (admins).",
    input: TeamSettings,
    output: TeamSettings,
  }),
}
