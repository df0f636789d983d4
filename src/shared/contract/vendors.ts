import { z } from 'zod'
import { call } from '../rpc/define'
import {
  ClientAccountFields,
  VendorCategory,
  VendorContactFields,
  VendorFields,
} from '../domain/vendors'

const Id = z.string().min(1).max(64)

export const VendorSummary = VendorFields.omit({
  notes: true,
  escalation: true,
  manufacturers: true,
}).extend({
  id: z.string(),
  /** How many clients hold an account with it. */
  clients: z.number().int(),
  contacts: z.number().int(),
  updatedAt: z.number(),
})
export type VendorSummary = z.infer<typeof VendorSummary>

export const VendorContact = VendorContactFields.extend({ id: z.string(), vendorId: z.string() })
export type VendorContact = z.infer<typeof VendorContact>

export const ClientAccount = ClientAccountFields.extend({
  id: z.string(),
  vendorId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  clientCode: z.string(),
})
export type ClientAccount = z.infer<typeof ClientAccount>

export const Vendor = VendorFields.extend({
  id: z.string(),
  contacts: z.array(VendorContact),
  accounts: z.array(ClientAccount),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type Vendor = z.infer<typeof Vendor>

export const VendorCard = z.object({
  vendor: VendorSummary,
  /**
   * Why the card is shown: the maker of a device at hand (its warranty), the client's ISP, or
   * another vendor the client holds an account with.
   */
  reason: z.enum(['warranty', 'isp', 'client']),
  /** The client's accounts with the vendor. */
  accounts: z.array(ClientAccount),
  /** Devices at hand this vendor made, with what its support line asks for. */
  devices: z.array(
    z.object({
      id: z.string(),
      hostname: z.string(),
      serial: z.string().nullable(),
      warrantyEndAt: z.number().nullable(),
    }),
  ),
})
export type VendorCard = z.infer<typeof VendorCard>

export const Renewal = z.object({
  /** A client's contract with a vendor, or a device's warranty. */
  kind: z.enum(['contract', 'warranty']),
  /** When it ends, YYYY-MM-DD. */
  endsOn: z.string(),
  /** Contracts: the date to renew by, when recorded. */
  renewBy: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  clientCode: z.string(),
  /** The vendor: the contract's, or the maker of the device (null when none lists it). */
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  /** Contracts: the account; warranties: the device. */
  accountId: z.string().nullable(),
  reference: z.string(),
  deviceId: z.string().nullable(),
  serial: z.string().nullable(),
})
export type Renewal = z.infer<typeof Renewal>

export const RENEWAL_WINDOWS = [30, 60, 90] as const

export const VendorListInput = z
  .object({
    /** Words in the vendor's name, a contact, an account or circuit number. */
    query: z.string().max(200).optional(),
    category: VendorCategory.optional(),
  })
  .strict()
export type VendorListInput = z.infer<typeof VendorListInput>

export const vendors = {
  list: call({
    doc: 'Every vendor, or those matching a query and category, by name.',
    input: VendorListInput,
    output: z.object({ vendors: z.array(VendorSummary) }),
  }),
  get: call({
    doc: 'One vendor with its contacts and the accounts clients hold with it.',
    input: z.object({ id: Id }).strict(),
    output: Vendor,
  }),
  forContext: call({
    doc: 'The vendors beside a device, ticket or client: makers of the devices at hand first, then the client’s ISPs, then its other vendors.',
    input: z.object({ clientId: Id, deviceIds: z.array(Id).max(50) }).strict(),
    output: z.object({ cards: z.array(VendorCard) }),
  }),
  renewals: call({
    doc: 'Contracts and device warranties ending within the next 30, 60 or 90 days, soonest first, overall or for one client.',
    input: z
      .object({
        withinDays: z.union([z.literal(30), z.literal(60), z.literal(90)]),
        clientId: Id.optional(),
      })
      .strict(),
    output: z.object({ renewals: z.array(Renewal), truncated: z.boolean() }),
  }),
  create: call({
    doc: 'Adds a vendor.',
    input: VendorFields,
    output: z.object({ id: z.string() }),
  }),
  update: call({
    doc: 'Replaces a vendor’s fields.',
    input: z.object({ id: Id, fields: VendorFields }).strict(),
    output: z.object({ id: z.string() }),
  }),
  remove: call({
    doc: 'Removes a vendor with its contacts and accounts.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: z.string() }),
  }),
  saveContact: call({
    doc: 'Adds a contact to a vendor (no id) or replaces one (id).',
    input: z.object({ vendorId: Id, id: Id.optional(), fields: VendorContactFields }).strict(),
    output: z.object({ id: z.string() }),
  }),
  removeContact: call({
    doc: 'Removes a vendor’s contact.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: z.string() }),
  }),
  saveAccount: call({
    doc: 'Adds a client’s account with a vendor (no id) or replaces one (id).',
    input: z
      .object({ vendorId: Id, clientId: Id, id: Id.optional(), fields: ClientAccountFields })
      .strict(),
    output: z.object({ id: z.string() }),
  }),
  removeAccount: call({
    doc: 'Removes a client’s account with a vendor.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: z.string() }),
  }),
}
