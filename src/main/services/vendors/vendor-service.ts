import type Database from 'better-sqlite3'
import type {
  ClientAccount,
  Renewal,
  Vendor,
  VendorCard,
  VendorContact,
  VendorListInput,
  VendorSummary,
} from '../../../shared/contract/vendors'
import { DomainError } from '../../../shared/domain/errors'
import type { BusinessHours } from '../../../shared/domain/sla/business-hours'
import type {
  ClientAccountFields,
  EscalationTier,
  SupportLine,
  VendorCategory,
  VendorContactFields,
  VendorFields,
} from '../../../shared/domain/vendors'
import { timeOrderedId } from '../../base/time-ordered-id'
import type { AuditLog } from '../audit/audit-log'
import type { HostPorts } from '../ports'
import type { Store } from '../store/store'
import { escapeLike } from '../inventory/client-store'
import { writeSampleVendors } from './sample-vendors'

interface VendorRow {
  id: string
  name: string
  category: VendorCategory
  website: string | null
  portal_url: string | null
  support_email: string | null
  hours: string | null
  phones: string
  escalation: string
  manufacturers: string
  notes: string
  created_at: number
  updated_at: number
}

interface ContactRow {
  id: string
  vendor_id: string
  name: string
  role: string
  phones: string
  email: string | null
  notes: string
  preferred: number
}

interface AccountRow {
  id: string
  vendor_id: string
  client_id: string
  client_name: string
  client_code: string
  account_number: string
  contract_number: string
  contract_start: string | null
  contract_end: string | null
  renewal_date: string | null
  sla: string
  circuit_ids: string
  licence_count: number | null
  notes: string
}

interface RenewalRow {
  kind: 'contract' | 'warranty'
  ends_on: string
  renew_by: string | null
  client_id: string
  client_name: string
  client_code: string
  vendor_id: string | null
  vendor_name: string | null
  account_id: string | null
  reference: string
  device_id: string | null
  serial: string | null
}

const DAY_MS = 86_400_000
/** Most renewals one answer lists; the view says when there are more. */
export const RENEWALS_MAX = 2000

const json = <T>(text: string): T => JSON.parse(text) as T

function vendorFields(row: VendorRow): VendorFields {
  return {
    name: row.name,
    category: row.category,
    website: row.website,
    portalUrl: row.portal_url,
    supportEmail: row.support_email,
    hours: row.hours === null ? null : json<BusinessHours>(row.hours),
    phones: json<SupportLine[]>(row.phones),
    escalation: json<EscalationTier[]>(row.escalation),
    manufacturers: json<string[]>(row.manufacturers),
    notes: row.notes,
  }
}

function contactOf(row: ContactRow): VendorContact {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    name: row.name,
    role: row.role,
    phones: json<string[]>(row.phones),
    email: row.email,
    notes: row.notes,
    preferred: row.preferred === 1,
  }
}

function accountOf(row: AccountRow): ClientAccount {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    clientId: row.client_id,
    clientName: row.client_name,
    clientCode: row.client_code,
    accountNumber: row.account_number,
    contractNumber: row.contract_number,
    contractStart: row.contract_start,
    contractEnd: row.contract_end,
    renewalDate: row.renewal_date,
    sla: row.sla,
    circuitIds: json<string[]>(row.circuit_ids),
    licenceCount: row.licence_count,
    notes: row.notes,
  }
}

const ACCOUNT_SELECT = `
  SELECT a.*, c.name AS client_name, c.short_code AS client_code
  FROM client_accounts a JOIN clients c ON c.id = a.client_id`

/**
 * The vendor directory: vendors, their contacts, and the accounts clients hold with them.
 * Every change is audited; a query matches a vendor by its name, a contact's name or email, or
 * an account or circuit number, since that is what a technician has in hand when the line is
 * down.
 */
export class VendorService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly host: Pick<HostPorts, 'clock' | 'technician'>,
  ) {}

  private get db(): Database.Database {
    return this.store.db
  }

  list(input: VendorListInput): VendorSummary[] {
    const where: string[] = []
    const params: Record<string, string> = {}
    const query = input.query?.trim()
    if (query) {
      params.like = `%${escapeLike(query)}%`
      where.push(`(v.name LIKE @like ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM vendor_contacts k WHERE k.vendor_id = v.id
                   AND (k.name LIKE @like ESCAPE '\\' OR k.email LIKE @like ESCAPE '\\'))
        OR EXISTS (SELECT 1 FROM client_accounts a WHERE a.vendor_id = v.id
                   AND (a.account_number LIKE @like ESCAPE '\\'
                        OR a.contract_number LIKE @like ESCAPE '\\'
                        OR a.circuit_ids LIKE @like ESCAPE '\\')))`)
    }
    if (input.category) {
      params.category = input.category
      where.push('v.category = @category')
    }
    const rows = this.db
      .prepare<Record<string, string>, VendorRow & { clients: number; contacts: number }>(
        `SELECT v.*,
           (SELECT count(DISTINCT client_id) FROM client_accounts a WHERE a.vendor_id = v.id)
             AS clients,
           (SELECT count(*) FROM vendor_contacts k WHERE k.vendor_id = v.id) AS contacts
         FROM vendors v
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY v.name COLLATE NOCASE, v.id`,
      )
      .all(params)
    return rows.map((row) => {
      const fields = vendorFields(row)
      return {
        name: fields.name,
        category: fields.category,
        website: fields.website,
        portalUrl: fields.portalUrl,
        supportEmail: fields.supportEmail,
        hours: fields.hours,
        phones: fields.phones,
        id: row.id,
        clients: row.clients,
        contacts: row.contacts,
        updatedAt: row.updated_at,
      }
    })
  }

  /**
   * The vendors beside a device, ticket or client: the makers of the devices at hand (matched
   * by the manufacturer each device reports) with those devices' serials and warranty ends,
   * then the client's ISPs, then the client's other vendors, each with the client's accounts.
   */
  forContext(clientId: string, deviceIds: readonly string[]): VendorCard[] {
    const db = this.db
    const devices = db
      .prepare<
        [string, string],
        {
          id: string
          hostname: string
          serial: string | null
          manufacturer: string | null
          warranty_end_at: number | null
        }
      >(
        `SELECT id, hostname, serial, manufacturer, warranty_end_at FROM devices
         WHERE client_id = ? AND id IN (SELECT value FROM json_each(?))`,
      )
      .all(clientId, JSON.stringify(deviceIds))
    const accounts = db
      .prepare<[string], AccountRow>(`${ACCOUNT_SELECT} WHERE a.client_id = ? ORDER BY a.id`)
      .all(clientId)
      .map(accountOf)
    const summaries = new Map(this.list({}).map((v) => [v.id, v]))
    const makers = db
      .prepare<[], { id: string; manufacturers: string }>(
        `SELECT id, manufacturers FROM vendors WHERE manufacturers <> '[]'`,
      )
      .all()
      .map((row) => ({ id: row.id, makes: new Set(json<string[]>(row.manufacturers)) }))

    const cards = new Map<string, VendorCard>()
    const card = (vendorId: string, reason: VendorCard['reason']): VendorCard | null => {
      const vendor = summaries.get(vendorId)
      if (!vendor) return null
      let found = cards.get(vendorId)
      if (!found) {
        found = {
          vendor,
          reason,
          accounts: accounts.filter((a) => a.vendorId === vendorId),
          devices: [],
        }
        cards.set(vendorId, found)
      }
      return found
    }
    for (const device of devices) {
      const maker = makers.find((m) => device.manufacturer && m.makes.has(device.manufacturer))
      card(maker?.id ?? '', 'warranty')?.devices.push({
        id: device.id,
        hostname: device.hostname,
        serial: device.serial,
        warrantyEndAt: device.warranty_end_at,
      })
    }
    const rest = [...new Set(accounts.map((a) => a.vendorId))]
      .map((id) => summaries.get(id))
      .filter((v): v is VendorSummary => v !== undefined)
    for (const vendor of rest.filter((v) => v.category === 'isp')) card(vendor.id, 'isp')
    for (const vendor of rest) card(vendor.id, 'client')
    return [...cards.values()]
  }

  /**
   * Contracts and device warranties that end from today through `withinDays` from now, soonest
   * first: what to renew or replace before a client finds out the hard way. A warranty's vendor
   * is the one whose manufacturer names include the device's.
   */
  renewals(withinDays: number, clientId?: string): { renewals: Renewal[]; truncated: boolean } {
    const now = this.host.clock.now()
    const today = new Date(now).toISOString().slice(0, 10)
    const until = new Date(now + withinDays * DAY_MS).toISOString().slice(0, 10)
    const params = {
      today,
      until,
      now,
      untilMs: now + withinDays * DAY_MS,
      clientId: clientId ?? null,
    }
    const rows = this.db
      .prepare<typeof params, RenewalRow>(
        `SELECT 'contract' AS kind, a.contract_end AS ends_on, a.renewal_date AS renew_by,
           c.id AS client_id, c.name AS client_name, c.short_code AS client_code,
           v.id AS vendor_id, v.name AS vendor_name, a.id AS account_id,
           CASE WHEN a.contract_number <> '' THEN a.contract_number ELSE a.account_number END
             AS reference,
           NULL AS device_id, NULL AS serial
         FROM client_accounts a
         JOIN clients c ON c.id = a.client_id JOIN vendors v ON v.id = a.vendor_id
         WHERE a.contract_end BETWEEN @today AND @until
           AND (@clientId IS NULL OR a.client_id = @clientId)
         UNION ALL
         SELECT 'warranty', strftime('%Y-%m-%d', d.warranty_end_at / 1000, 'unixepoch'), NULL,
           c.id, c.name, c.short_code,
           (SELECT v.id FROM vendors v, json_each(v.manufacturers) m
            WHERE m.value = d.manufacturer ORDER BY v.name LIMIT 1),
           (SELECT v.name FROM vendors v, json_each(v.manufacturers) m
            WHERE m.value = d.manufacturer ORDER BY v.name LIMIT 1),
           NULL, d.hostname, d.id, d.serial
         FROM devices d JOIN clients c ON c.id = d.client_id
         WHERE d.warranty_end_at BETWEEN @now AND @untilMs
           AND (@clientId IS NULL OR d.client_id = @clientId)
         ORDER BY 2, 5, 10
         LIMIT ${RENEWALS_MAX + 1}`,
      )
      .all(params)
    return {
      truncated: rows.length > RENEWALS_MAX,
      renewals: rows.slice(0, RENEWALS_MAX).map((r) => ({
        kind: r.kind,
        endsOn: r.ends_on,
        renewBy: r.renew_by,
        clientId: r.client_id,
        clientName: r.client_name,
        clientCode: r.client_code,
        vendorId: r.vendor_id,
        vendorName: r.vendor_name,
        accountId: r.account_id,
        reference: r.reference,
        deviceId: r.device_id,
        serial: r.serial,
      })),
    }
  }

  get(id: string): Vendor {
    const row = this.db.prepare<[string], VendorRow>('SELECT * FROM vendors WHERE id = ?').get(id)
    if (!row) throw new DomainError('not-found', 'That vendor no longer exists.')
    const contacts = this.db
      .prepare<[string], ContactRow>(
        `SELECT * FROM vendor_contacts WHERE vendor_id = ?
         ORDER BY preferred DESC, name COLLATE NOCASE, id`,
      )
      .all(id)
      .map(contactOf)
    const accounts = this.db
      .prepare<[string], AccountRow>(
        `${ACCOUNT_SELECT} WHERE a.vendor_id = ? ORDER BY c.name COLLATE NOCASE, a.id`,
      )
      .all(id)
      .map(accountOf)
    return {
      ...vendorFields(row),
      id: row.id,
      contacts,
      accounts,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  create(fields: VendorFields): { id: string } {
    const now = this.host.clock.now()
    const id = timeOrderedId(now)
    this.store.transaction((db) => {
      db.prepare(
        `INSERT INTO vendors (id, name, category, website, portal_url, support_email, hours,
           phones, escalation, manufacturers, notes, created_at, updated_at)
         VALUES (@id, @name, @category, @website, @portalUrl, @supportEmail, @hours, @phones,
           @escalation, @manufacturers, @notes, @now, @now)`,
      ).run({ id, now, ...vendorParams(fields) })
      this.record(db, now, 'vendors.create', id, { name: fields.name })
    })
    return { id }
  }

  update(id: string, fields: VendorFields): { id: string } {
    const now = this.host.clock.now()
    this.store.transaction((db) => {
      const changed = db
        .prepare(
          `UPDATE vendors SET name = @name, category = @category, website = @website,
             portal_url = @portalUrl, support_email = @supportEmail, hours = @hours,
             phones = @phones, escalation = @escalation, manufacturers = @manufacturers,
             notes = @notes, updated_at = @now
           WHERE id = @id`,
        )
        .run({ id, now, ...vendorParams(fields) }).changes
      if (changed === 0) throw new DomainError('not-found', 'That vendor no longer exists.')
      this.record(db, now, 'vendors.update', id, { name: fields.name })
    })
    return { id }
  }

  remove(id: string): { id: string } {
    const now = this.host.clock.now()
    this.store.transaction((db) => {
      const name = db.prepare<[string], string>('SELECT name FROM vendors WHERE id = ?').pluck()
      const was = name.get(id)
      if (was === undefined) throw new DomainError('not-found', 'That vendor no longer exists.')
      db.prepare('DELETE FROM vendors WHERE id = ?').run(id)
      this.record(db, now, 'vendors.remove', id, { name: was })
    })
    return { id }
  }

  saveContact(vendorId: string, id: string | undefined, fields: VendorContactFields) {
    const now = this.host.clock.now()
    const contactId = id ?? timeOrderedId(now)
    this.store.transaction((db) => {
      this.assertVendor(db, vendorId)
      const params = {
        id: contactId,
        vendorId,
        now,
        name: fields.name,
        role: fields.role,
        phones: JSON.stringify(fields.phones),
        email: fields.email,
        notes: fields.notes,
        preferred: fields.preferred ? 1 : 0,
      }
      if (id === undefined) {
        db.prepare(
          `INSERT INTO vendor_contacts (id, vendor_id, name, role, phones, email, notes, preferred,
             created_at, updated_at)
           VALUES (@id, @vendorId, @name, @role, @phones, @email, @notes, @preferred, @now, @now)`,
        ).run(params)
      } else {
        const changed = db
          .prepare(
            `UPDATE vendor_contacts SET name = @name, role = @role, phones = @phones,
               email = @email, notes = @notes, preferred = @preferred, updated_at = @now
             WHERE id = @id AND vendor_id = @vendorId`,
          )
          .run(params).changes
        if (changed === 0) throw new DomainError('not-found', 'That contact no longer exists.')
      }
      // One preferred contact per vendor: choosing one unmarks the others.
      if (fields.preferred) {
        db.prepare('UPDATE vendor_contacts SET preferred = 0 WHERE vendor_id = ? AND id <> ?').run(
          vendorId,
          contactId,
        )
      }
      this.record(db, now, 'vendors.saveContact', vendorId, { contact: fields.name })
    })
    return { id: contactId }
  }

  removeContact(id: string): { id: string } {
    const now = this.host.clock.now()
    this.store.transaction((db) => {
      const row = db
        .prepare<[string], ContactRow>('SELECT * FROM vendor_contacts WHERE id = ?')
        .get(id)
      if (!row) throw new DomainError('not-found', 'That contact no longer exists.')
      db.prepare('DELETE FROM vendor_contacts WHERE id = ?').run(id)
      this.record(db, now, 'vendors.removeContact', row.vendor_id, { contact: row.name })
    })
    return { id }
  }

  saveAccount(
    vendorId: string,
    clientId: string,
    id: string | undefined,
    fields: ClientAccountFields,
  ): { id: string } {
    const now = this.host.clock.now()
    const accountId = id ?? timeOrderedId(now)
    this.store.transaction((db) => {
      this.assertVendor(db, vendorId)
      const client = db.prepare<[string], number>('SELECT 1 FROM clients WHERE id = ?').pluck()
      if (client.get(clientId) === undefined) {
        throw new DomainError('not-found', 'That client no longer exists.')
      }
      const params = {
        id: accountId,
        vendorId,
        clientId,
        now,
        accountNumber: fields.accountNumber,
        contractNumber: fields.contractNumber,
        contractStart: fields.contractStart,
        contractEnd: fields.contractEnd,
        renewalDate: fields.renewalDate,
        sla: fields.sla,
        circuitIds: JSON.stringify(fields.circuitIds),
        licenceCount: fields.licenceCount,
        notes: fields.notes,
      }
      if (id === undefined) {
        db.prepare(
          `INSERT INTO client_accounts (id, vendor_id, client_id, account_number, contract_number,
             contract_start, contract_end, renewal_date, sla, circuit_ids, licence_count, notes,
             created_at, updated_at)
           VALUES (@id, @vendorId, @clientId, @accountNumber, @contractNumber, @contractStart,
             @contractEnd, @renewalDate, @sla, @circuitIds, @licenceCount, @notes, @now, @now)`,
        ).run(params)
      } else {
        const changed = db
          .prepare(
            `UPDATE client_accounts SET client_id = @clientId, account_number = @accountNumber,
               contract_number = @contractNumber, contract_start = @contractStart,
               contract_end = @contractEnd, renewal_date = @renewalDate, sla = @sla,
               circuit_ids = @circuitIds, licence_count = @licenceCount, notes = @notes,
               updated_at = @now
             WHERE id = @id AND vendor_id = @vendorId`,
          )
          .run(params).changes
        if (changed === 0) throw new DomainError('not-found', 'That account no longer exists.')
      }
      this.record(db, now, 'vendors.saveAccount', vendorId, { client: clientId })
    })
    return { id: accountId }
  }

  removeAccount(id: string): { id: string } {
    const now = this.host.clock.now()
    this.store.transaction((db) => {
      const row = db
        .prepare<[string], { vendor_id: string; client_id: string }>(
          'SELECT vendor_id, client_id FROM client_accounts WHERE id = ?',
        )
        .get(id)
      if (!row) throw new DomainError('not-found', 'That account no longer exists.')
      db.prepare('DELETE FROM client_accounts WHERE id = ?').run(id)
      this.record(db, now, 'vendors.removeAccount', row.vendor_id, { client: row.client_id })
    })
    return { id }
  }

  /** Adds the sample vendors and the sample clients' accounts to an empty directory. */
  openSample(seed: number): { vendors: number; accounts: number } {
    return this.store.transaction((db) => writeSampleVendors(db, seed, this.host.clock.now()))
  }

  private assertVendor(db: Database.Database, id: string): void {
    const found = db.prepare<[string], number>('SELECT 1 FROM vendors WHERE id = ?').pluck()
    if (found.get(id) === undefined) {
      throw new DomainError('not-found', 'That vendor no longer exists.')
    }
  }

  private record(
    db: Database.Database,
    at: number,
    action: string,
    vendorId: string,
    detail: Record<string, unknown>,
  ): void {
    this.audit.record(db, at, {
      actor: this.host.technician,
      action,
      subject: `vendor:${vendorId}`,
      detail,
    })
  }
}

function vendorParams(fields: VendorFields): Record<string, string | null> {
  return {
    name: fields.name,
    category: fields.category,
    website: fields.website,
    portalUrl: fields.portalUrl,
    supportEmail: fields.supportEmail,
    hours: fields.hours === null ? null : JSON.stringify(fields.hours),
    phones: JSON.stringify(fields.phones),
    escalation: JSON.stringify(fields.escalation),
    manufacturers: JSON.stringify(fields.manufacturers),
    notes: fields.notes,
  }
}
