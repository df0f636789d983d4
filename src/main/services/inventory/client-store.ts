/**
 * Clients and sites: their reads (the client list with health rollups in one query) and their
 * writes. Writes take the transaction's db handle so a change and its audit row land together.
 */
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { ClientRollup, ClientSummary, MspClient, Site } from '../../../shared/contract'
import { defaultBusinessHours, type BusinessHours } from '../../../shared/domain/sla'
import { DomainError } from '../../../shared/domain/errors'
import {
  BACKUP_FAILING_MS,
  BACKUP_FAILING_SQL,
  ROLLUP_WARRANTY_DAYS,
  WARRANTY_EXPIRING_SQL,
} from './device-status'

interface ClientDbRow {
  id: string
  name: string
  short_code: string
  contract_tier: string
  notes: string
  online_minutes: number
  stale_minutes: number
  created_at: number
  updated_at: number
}

type RollupDbRow = ClientDbRow & {
  devices: number
  offline: number
  patches_pending: number
  backups_failing: number
  warranties_expiring: number
  sites: number
}

interface SiteDbRow {
  id: string
  client_id: string
  name: string
  address: string
  time_zone: string
  business_hours: string
  devices: number
  created_at: number
  updated_at: number
}

/** Fields of a client write; the contract validated them. */
export interface ClientInput {
  name: string
  shortCode: string
  contractTier: string
  notes: string
  onlineMinutes: number
  staleMinutes: number
}

/** Fields of a site write; the contract validated them. */
export interface SiteInput {
  name: string
  address: string
  timeZone: string
  businessHours?: BusinessHours | undefined
}

const DAY_MS = 86_400_000

// Devices aggregate per client first (one pass over devices, grouped by the client index),
// then join the small clients table, so the list costs one scan however many clients there are.
const rollupSql = (deviceWhere = ''): string => `
  WITH r AS (
    SELECT d.client_id,
      count(*) AS devices,
      sum(d.stale_until < @now) AS offline,
      sum(d.patches_pending > 0) AS patches_pending,
      sum(${BACKUP_FAILING_SQL}) AS backups_failing,
      sum(${WARRANTY_EXPIRING_SQL}) AS warranties_expiring
    FROM devices d ${deviceWhere} GROUP BY d.client_id
  ), s AS (SELECT client_id, count(*) AS sites FROM sites GROUP BY client_id)
  SELECT c.*, coalesce(r.devices, 0) AS devices, coalesce(r.offline, 0) AS offline,
    coalesce(r.patches_pending, 0) AS patches_pending,
    coalesce(r.backups_failing, 0) AS backups_failing,
    coalesce(r.warranties_expiring, 0) AS warranties_expiring,
    coalesce(s.sites, 0) AS sites
  FROM clients c LEFT JOIN r ON r.client_id = c.id LEFT JOIN s ON s.client_id = c.id`

const clientFrom = (row: ClientDbRow): MspClient => ({
  id: row.id,
  name: row.name,
  shortCode: row.short_code,
  contractTier: row.contract_tier,
  notes: row.notes,
  onlineMinutes: row.online_minutes,
  staleMinutes: row.stale_minutes,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const rollupFrom = (row: RollupDbRow): ClientRollup => ({
  devices: row.devices,
  offline: row.offline,
  patchesPending: row.patches_pending,
  backupsFailing: row.backups_failing,
  warrantiesExpiring: row.warranties_expiring,
  sites: row.sites,
})

const siteFrom = (row: SiteDbRow): Site => ({
  id: row.id,
  clientId: row.client_id,
  name: row.name,
  address: row.address,
  timeZone: row.time_zone,
  businessHours: JSON.parse(row.business_hours) as BusinessHours,
  devices: row.devices,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

const SITE_SELECT = `SELECT s.*, (SELECT count(*) FROM devices WHERE site_id = s.id) AS devices
  FROM sites s`

/** Prepared client and site statements on one connection. */
export class ClientStore {
  private readonly listStatement: Database.Statement
  private readonly listMatchingStatement: Database.Statement
  private readonly rollupStatement: Database.Statement
  private readonly clientStatement: Database.Statement<[string], ClientDbRow>
  private readonly codeOwnerStatement: Database.Statement<[string, string], { name: string }>
  private readonly sitesStatement: Database.Statement<[string], SiteDbRow>
  private readonly siteStatement: Database.Statement<[string], SiteDbRow>
  private readonly deviceCountStatement: Database.Statement<[string], number>

  constructor(private readonly db: Database.Database) {
    const order = ' ORDER BY c.name COLLATE NOCASE, c.short_code COLLATE NOCASE'
    this.listStatement = db.prepare(rollupSql() + order)
    this.listMatchingStatement = db.prepare(
      `${rollupSql()} WHERE c.name LIKE @like ESCAPE '\\' OR c.short_code LIKE @like ESCAPE '\\'${order}`,
    )
    this.rollupStatement = db.prepare(`${rollupSql('WHERE d.client_id = @id')} WHERE c.id = @id`)
    this.clientStatement = db.prepare('SELECT * FROM clients WHERE id = ?')
    this.codeOwnerStatement = db.prepare(
      'SELECT name FROM clients WHERE short_code = ? COLLATE NOCASE AND id <> ?',
    )
    this.sitesStatement = db.prepare(
      `${SITE_SELECT} WHERE s.client_id = ? ORDER BY s.name COLLATE NOCASE`,
    )
    this.siteStatement = db.prepare(`${SITE_SELECT} WHERE s.id = ?`)
    this.deviceCountStatement = db
      .prepare<[string], number>('SELECT count(*) FROM devices WHERE client_id = ?')
      .pluck()
  }

  /** Every client (or those whose name or code contains `query`) with its rollup. */
  list(now: number, query?: string): ClientSummary[] {
    const params = rollupParams(now)
    const rows = (
      query?.trim()
        ? this.listMatchingStatement.all({ ...params, like: `%${escapeLike(query.trim())}%` })
        : this.listStatement.all(params)
    ) as RollupDbRow[]
    return rows.map((row) => ({ ...clientFrom(row), rollup: rollupFrom(row) }))
  }

  /** One client with rollup and sites, or NOT_FOUND. */
  get(id: string, now: number): ClientSummary & { sites: Site[] } {
    const row = this.rollupStatement.get({ ...rollupParams(now), id }) as RollupDbRow | undefined
    if (!row) throw notFound()
    return { ...clientFrom(row), rollup: rollupFrom(row), sites: this.sites(id) }
  }

  /** The stored client, or NOT_FOUND. */
  client(id: string): MspClient {
    const row = this.clientStatement.get(id)
    if (!row) throw notFound()
    return clientFrom(row)
  }

  create(db: Database.Database, input: ClientInput, now: number, id = randomUUID()): MspClient {
    this.assertCodeFree(input.shortCode, id)
    db.prepare(
      `INSERT INTO clients (id, name, short_code, contract_tier, notes, online_minutes,
         stale_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.name,
      input.shortCode,
      input.contractTier,
      input.notes,
      input.onlineMinutes,
      input.staleMinutes,
      now,
      now,
    )
    return this.client(id)
  }

  update(db: Database.Database, id: string, patch: Partial<ClientInput>, now: number): MspClient {
    const next = { ...this.client(id), ...definedOnly(patch) }
    if (next.staleMinutes < next.onlineMinutes) {
      throw new DomainError(
        'invalid',
        'The stale threshold must not be shorter than the online one',
      )
    }
    this.assertCodeFree(next.shortCode, id)
    db.prepare(
      `UPDATE clients SET name = ?, short_code = ?, contract_tier = ?, notes = ?,
         online_minutes = ?, stale_minutes = ?, updated_at = ? WHERE id = ?`,
    ).run(
      next.name,
      next.shortCode,
      next.contractTier,
      next.notes,
      next.onlineMinutes,
      next.staleMinutes,
      now,
      id,
    )
    return this.client(id)
  }

  /** Deletes a client (sites, devices, snapshots and changes cascade); returns its devices. */
  delete(db: Database.Database, id: string, deleteDevices: boolean): number {
    const client = this.client(id)
    const devices = this.deviceCountStatement.get(id) ?? 0
    if (devices > 0 && !deleteDevices) {
      throw new DomainError(
        'conflict',
        `${client.name} still has ${devices} devices; delete them too or move them first`,
      )
    }
    db.prepare('DELETE FROM clients WHERE id = ?').run(id)
    return devices
  }

  sites(clientId: string): Site[] {
    return this.sitesStatement.all(clientId).map(siteFrom)
  }

  site(id: string): Site {
    const row = this.siteStatement.get(id)
    if (!row) throw new DomainError('not-found', 'No such site')
    return siteFrom(row)
  }

  createSite(
    db: Database.Database,
    clientId: string,
    input: SiteInput,
    now: number,
    id = randomUUID(),
  ): Site {
    this.client(clientId)
    const hours = input.businessHours ?? defaultBusinessHours(input.timeZone)
    db.prepare(
      `INSERT INTO sites (id, client_id, name, address, time_zone, business_hours, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, clientId, input.name, input.address, input.timeZone, JSON.stringify(hours), now, now)
    return this.site(id)
  }

  updateSite(db: Database.Database, id: string, patch: Partial<SiteInput>, now: number): Site {
    const current = this.site(id)
    const timeZone = patch.timeZone ?? current.timeZone
    // Hours follow a zone change unless new hours came along.
    const hours = patch.businessHours ?? { ...current.businessHours, timeZone }
    if (hours.timeZone !== timeZone) {
      throw new DomainError('invalid', 'Business hours must use the site’s time zone')
    }
    db.prepare(
      `UPDATE sites SET name = ?, address = ?, time_zone = ?, business_hours = ?, updated_at = ?
       WHERE id = ?`,
    ).run(
      patch.name ?? current.name,
      patch.address ?? current.address,
      timeZone,
      JSON.stringify(hours),
      now,
      id,
    )
    return this.site(id)
  }

  deleteSite(db: Database.Database, id: string): void {
    this.site(id)
    db.prepare('DELETE FROM sites WHERE id = ?').run(id)
  }

  private assertCodeFree(shortCode: string, id: string): void {
    const owner = this.codeOwnerStatement.get(shortCode, id)
    if (owner) {
      throw new DomainError(
        'conflict',
        `The short code ${shortCode} is already used by ${owner.name}`,
      )
    }
  }
}

const notFound = (): DomainError => new DomainError('not-found', 'No such client')

function rollupParams(now: number): Record<string, number> {
  return {
    now,
    backupCutoff: now - BACKUP_FAILING_MS,
    warrantyUntil: now + ROLLUP_WARRANTY_DAYS * DAY_MS,
  }
}

/** `text` with LIKE's wildcards taken literally (ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>
}
