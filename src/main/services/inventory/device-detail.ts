/** The read behind a device's detail page: every field, names, status and its history. */
import type Database from 'better-sqlite3'
import type { DeviceDetail, DeviceStatus } from '../../../shared/contract'
import { DomainError } from '../../../shared/domain/errors'
import type { DeviceHistory } from './device-history'
import { STATUS_SQL } from './device-status'
import { valuesFromRow, type DeviceDbRow } from './device-values'

type DetailDbRow = DeviceDbRow & {
  client_name: string
  site_name: string | null
  status: DeviceStatus
}

/** How many changes the detail carries; the history view pages through the rest. */
const RECENT_CHANGES = 20

/** Prepared detail read on one connection. */
export class DeviceDetails {
  private readonly statement: Database.Statement

  constructor(
    db: Database.Database,
    private readonly history: DeviceHistory,
  ) {
    this.statement = db.prepare(
      `SELECT d.*, c.name AS client_name, s.name AS site_name, ${STATUS_SQL} AS status
       FROM devices d JOIN clients c ON c.id = d.client_id LEFT JOIN sites s ON s.id = d.site_id
       WHERE d.id = @id`,
    )
  }

  get(id: string, now: number): DeviceDetail {
    const row = this.statement.get({ id, now }) as DetailDbRow | undefined
    if (!row) throw new DomainError('not-found', 'No such device')
    const v = valuesFromRow(row)
    return {
      id: row.id,
      clientId: v.clientId,
      clientName: row.client_name,
      siteId: v.siteId,
      siteName: row.site_name,
      hostname: v.hostname,
      collectedHostname: v.collectedHostname,
      fqdn: v.fqdn,
      role: v.role,
      osFamily: v.osFamily,
      osName: v.osName,
      osVersion: v.osVersion,
      osBuild: v.osBuild,
      osArch: v.osArch,
      kernel: v.kernel,
      manufacturer: v.manufacturer,
      model: v.model,
      serial: v.serial,
      assetTag: v.assetTag,
      cpuModel: v.cpuModel,
      cpuCores: v.cpuCores,
      cpuThreads: v.cpuThreads,
      ramBytes: v.ramBytes,
      disks: v.disks,
      ip: v.localIps[0] ?? null,
      localIps: v.localIps,
      publicIp: v.publicIp,
      macs: v.macs,
      loggedInUser: v.loggedInUser,
      lastUser: v.lastUser,
      lastBootAt: v.lastBootAt,
      lastSeenAt: v.lastSeenAt,
      status: row.status,
      rebootRequired: v.rebootRequired,
      patchesPending: v.patchesPending,
      patchesFailed: v.patchesFailed,
      patchesInstalled: v.patchesInstalled,
      lastPatchedAt: v.lastPatchedAt,
      avProduct: v.avProduct,
      avStatus: v.avStatus,
      backupProduct: v.backupProduct,
      backupLastSuccessAt: v.backupLastSuccessAt,
      warrantyEndAt: v.warrantyEndAt,
      tags: v.tags,
      customFields: v.customFields,
      sshHost: v.sshHost,
      sshPort: v.sshPort,
      sshUser: v.sshUser,
      sshAgentForwarding: v.sshAgentForwarding,
      winrmUrl: v.winrmUrl,
      credentialId: v.credentialId,
      notes: v.notes,
      onlineMinutes: row.online_minutes,
      staleMinutes: row.stale_minutes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      recentChanges: this.history.changes(id, RECENT_CHANGES),
      snapshots: this.history.snapshots(id),
    }
  }
}
