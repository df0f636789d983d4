/**
 * The read path of the device table: text search, filters, sort and paging. Each combination
 * of filters is one SQL text, prepared once and cached, with every value bound as a parameter.
 * Text search drives from the FTS hits (CROSS JOIN fixes the loop order) so a selective query
 * never walks a whole sort index; without text, the sort index drives and LIMIT stops early.
 */
import type Database from 'better-sqlite3'
import type {
  DeviceFilter,
  DeviceRow,
  DeviceSearch,
  DeviceSearchRow,
  DeviceSortColumn,
} from '../../../shared/contract'
import {
  AV_UNHEALTHY_SQL,
  BACKUP_FAILING_MS,
  BACKUP_FAILING_SQL,
  BACKUP_OK_SQL,
  STATUS_RANK_SQL,
  STATUS_SQL,
  WARRANTY_EXPIRING_SQL,
  statusCondition,
} from './device-status'
import {
  deviceMatch,
  rankParams,
  rankPlan,
  rankSources,
  rankSql,
  UNRANKED,
  type RankPlan,
  type RankSource,
} from './device-match'
import { ftsTerms, type FtsTerm } from './fts-query'

/**
 * ORDER BY per sort column. Columns with many equal values break ties by hostname, and their
 * index carries it (migration 004), so the index alone delivers the order.
 */
const SORT_SQL: Record<DeviceSortColumn, { expr: string; byHostname: boolean; then?: string }> = {
  hostname: { expr: 'd.hostname COLLATE NOCASE', byHostname: false },
  client: { expr: 'c.name COLLATE NOCASE', byHostname: true },
  site: { expr: 's.name COLLATE NOCASE', byHostname: true },
  role: { expr: 'd.role', byHostname: true, then: 'd.os_family' },
  osFamily: { expr: 'd.os_family', byHostname: true },
  osName: { expr: 'd.os_name COLLATE NOCASE', byHostname: true },
  osVersion: { expr: 'd.os_version COLLATE NOCASE', byHostname: true },
  manufacturer: { expr: 'd.manufacturer COLLATE NOCASE', byHostname: true },
  model: { expr: 'd.model COLLATE NOCASE', byHostname: true },
  serial: { expr: 'd.serial COLLATE NOCASE', byHostname: false },
  ip: { expr: 'd.ip_sort', byHostname: false },
  publicIp: { expr: 'd.public_ip', byHostname: false },
  fqdn: { expr: 'd.fqdn COLLATE NOCASE', byHostname: false },
  loggedInUser: { expr: 'd.logged_in_user COLLATE NOCASE', byHostname: true },
  cpuCores: { expr: 'd.cpu_cores', byHostname: true },
  ramBytes: { expr: 'd.ram_bytes', byHostname: true },
  lastSeen: { expr: 'd.last_seen_at', byHostname: false },
  status: { expr: STATUS_RANK_SQL, byHostname: true },
  rebootRequired: { expr: 'd.reboot_required', byHostname: true },
  patchesPending: { expr: 'd.patches_pending', byHostname: true },
  avStatus: { expr: 'd.av_status', byHostname: true },
  backupLastSuccess: { expr: 'd.backup_last_success_at', byHostname: false },
  warrantyEnd: { expr: 'd.warranty_end_at', byHostname: false },
  createdAt: { expr: 'd.created_at', byHostname: false },
}

/** What the device table needs, straight from SQL. */
interface DeviceRowDb {
  id: string
  client_id: string
  client_name: string
  site_id: string | null
  site_name: string | null
  hostname: string
  collected_hostname: string | null
  fqdn: string | null
  role: DeviceRow['role']
  os_family: DeviceRow['osFamily']
  os_name: string | null
  os_version: string | null
  manufacturer: string | null
  model: string | null
  serial: string | null
  local_ips_text: string
  public_ip: string | null
  logged_in_user: string | null
  cpu_cores: number | null
  ram_bytes: number | null
  last_seen_at: number | null
  status: DeviceRow['status']
  reboot_required: number | null
  patches_pending: number | null
  av_status: DeviceRow['avStatus']
  backup_last_success_at: number | null
  warranty_end_at: number | null
  tags: string
}

/** The select list behind DeviceRow; `d`, `c` and `s` are device, client and site. */
export const DEVICE_ROW_SELECT = `d.id, d.client_id, c.name AS client_name, d.site_id,
  s.name AS site_name, d.hostname, d.collected_hostname, d.fqdn, d.role, d.os_family, d.os_name, d.os_version,
  d.manufacturer, d.model, d.serial, d.local_ips_text, d.public_ip, d.logged_in_user,
  d.cpu_cores, d.ram_bytes, d.last_seen_at, ${STATUS_SQL} AS status, d.reboot_required,
  d.patches_pending, d.av_status, d.backup_last_success_at, d.warranty_end_at, d.tags`

/** What a search row carries besides DeviceRow, to tell which field matched. */
const MATCH_SELECT = `d.macs_text, d.asset_tag, d.last_user, d.tags_text, c.short_code`

interface MatchColumnsDb {
  macs_text: string
  asset_tag: string | null
  last_user: string | null
  short_code: string
}

function searchRowFrom(row: DeviceRowDb & MatchColumnsDb, query: string): DeviceSearchRow {
  const device = deviceRowFrom(row)
  const matched = deviceMatch(query, {
    hostname: device.hostname,
    localIps: row.local_ips_text === '' ? [] : row.local_ips_text.split(' '),
    serial: device.serial,
    publicIp: device.publicIp,
    macs: row.macs_text === '' ? [] : row.macs_text.split(' '),
    assetTag: row.asset_tag,
    fqdn: device.fqdn,
    clientName: device.clientName,
    clientCode: row.short_code,
    osName: device.osName,
    osVersion: device.osVersion,
    manufacturer: device.manufacturer,
    model: device.model,
    users: [device.loggedInUser, row.last_user],
    tags: device.tags,
  })
  return matched ? { ...device, matched } : device
}

/** A device table row with the lists an export needs whole. */
export type ExportedDeviceRow = DeviceRow & { localIps: string[]; macs: string[] }

/** A DeviceRow from the columns of DEVICE_ROW_SELECT. */
export function deviceRowFrom(row: DeviceRowDb): DeviceRow {
  const space = row.local_ips_text.indexOf(' ')
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    siteId: row.site_id,
    siteName: row.site_name,
    hostname: row.hostname,
    collectedHostname: row.collected_hostname,
    fqdn: row.fqdn,
    role: row.role,
    osFamily: row.os_family,
    osName: row.os_name,
    osVersion: row.os_version,
    manufacturer: row.manufacturer,
    model: row.model,
    serial: row.serial,
    ip:
      row.local_ips_text === '' ? null : row.local_ips_text.slice(0, space < 0 ? undefined : space),
    publicIp: row.public_ip,
    loggedInUser: row.logged_in_user,
    cpuCores: row.cpu_cores,
    ramBytes: row.ram_bytes,
    lastSeenAt: row.last_seen_at,
    status: row.status,
    rebootRequired: row.reboot_required === null ? null : row.reboot_required === 1,
    patchesPending: row.patches_pending,
    avStatus: row.av_status,
    backupLastSuccessAt: row.backup_last_success_at,
    warrantyEndAt: row.warranty_end_at,
    tags: JSON.parse(row.tags) as string[],
  }
}

/** The parts of a device view's query, before a shape is chosen for count or page. */
export interface Plan {
  /** SELECT of the matching search rowids (device seq), or null without text. */
  hits: string | null
  /**
   * The same hits as a condition on `d.seq`: each typed word's index lookups as IN lists,
   * OR'd. Testing a walked row this way builds one lookup table per index, where IN (hits)
   * would first merge the union of both into a temporary b-tree and then index that again.
   */
  hitTest: string | null
  /** Conditions on devices `d`. */
  where: string[]
  params: Record<string, string | number>
}

const DAY_MS = 86_400_000
const CACHE_LIMIT = 200
/** Most terms a word prefix is spelled out as; more stay a prefix query. */
const MAX_EXPANDED_TERMS = 32

/** Indexes that deliver a sort column's order (see migration 004). */
const SORT_INDEX: Partial<Record<DeviceSortColumn, string>> = {
  hostname: 'devices_by_hostname',
  role: 'devices_by_role',
  osFamily: 'devices_by_os_family',
  serial: 'devices_by_serial',
  ip: 'devices_by_ip',
  lastSeen: 'devices_by_last_seen',
  patchesPending: 'devices_by_patches_pending',
  avStatus: 'devices_by_av_status',
  warrantyEnd: 'devices_by_warranty',
}

/** The text and filters of a device view as SQL; pure, so tests can read what it makes. */
export function planDeviceQuery(
  filter: Omit<DeviceFilter, 'sort'>,
  now: number,
  terms: readonly FtsTerm[] = ftsTerms(filter.query),
): Plan {
  const where: string[] = []
  const params: Record<string, string | number> = { now }
  let hits: string | null = null
  let hitTest: string | null = null
  const one = (table: string, expression: string, name: string): string => {
    params[name] = expression
    return `SELECT rowid FROM ${table} WHERE ${table} MATCH @${name}`
  }
  const all = (parts: readonly (string | null)[]): string =>
    parts.map((part) => `(${part ?? ''})`).join(' AND ')
  if (terms.length > 0 && terms.every((term) => term.trigram === null)) {
    // Every word in one index: one MATCH, whose AND FTS5 answers by walking the doclists
    // together, without the temporary b-trees of an INTERSECT.
    hits = one('device_search_words', all(terms.map((term) => term.words)), 'w')
  } else if (terms.length > 0 && terms.every((term) => term.words === null)) {
    hits = one('device_search_trigram', all(terms.map((term) => term.trigram)), 't')
  }
  if (hits !== null) {
    hitTest = `d.seq IN (${hits})`
  } else if (terms.length > 0) {
    const tests: string[] = []
    const sets = terms.map((term, i) => {
      const parts: string[] = []
      if (term.trigram !== null) parts.push(one('device_search_trigram', term.trigram, `t${i}`))
      if (term.words !== null) parts.push(one('device_search_words', term.words, `w${i}`))
      tests.push(`(${parts.map((part) => `d.seq IN (${part})`).join(' OR ')})`)
      return `SELECT rowid FROM (${parts.join(' UNION ')})`
    })
    hits = sets.join(' INTERSECT ')
    hitTest = tests.join(' AND ')
  }
  if (filter.clientId !== undefined) {
    where.push('d.client_id = @clientId')
    params.clientId = filter.clientId
  }
  if (filter.siteId !== undefined) {
    where.push('d.site_id = @siteId')
    params.siteId = filter.siteId
  }
  if (filter.role !== undefined) {
    where.push('d.role = @role')
    params.role = filter.role
  }
  if (filter.osFamily !== undefined) {
    where.push('d.os_family = @osFamily')
    params.osFamily = filter.osFamily
  }
  if (filter.status !== undefined) where.push(statusCondition(filter.status))
  if (filter.patchesPending !== undefined) {
    where.push(filter.patchesPending ? 'd.patches_pending > 0' : 'd.patches_pending = 0')
  }
  if (filter.avUnhealthy !== undefined) {
    where.push(filter.avUnhealthy ? AV_UNHEALTHY_SQL : "d.av_status = 'healthy'")
  }
  if (filter.backupFailing !== undefined) {
    where.push(filter.backupFailing ? BACKUP_FAILING_SQL : BACKUP_OK_SQL)
    params.backupCutoff = now - BACKUP_FAILING_MS
  }
  if (filter.warrantyExpiringWithinDays !== undefined) {
    where.push(WARRANTY_EXPIRING_SQL)
    params.warrantyUntil = now + filter.warrantyExpiringWithinDays * DAY_MS
  }
  return { hits, hitTest, where, params }
}

/**
 * How a page query finds its rows:
 * - 'hits': loop over the search hits (CROSS JOIN keeps that order) and sort them; right
 *   when the matches are few.
 * - 'sort-index': walk the sort column's index and test each device until the page is full;
 *   right when matches are many, since it reads about (offset + limit) × devices / matches.
 * - 'walk': the same walk in JS, each entry tested against a bitmap of the hits (text alone,
 *   the hits already read for the total); right when the matches are very many, since SQL's
 *   test builds a b-tree of every hit before the walk starts.
 * - 'planner': no text and matches few; SQLite picks (usually the filter's index).
 */
export type PageShape = 'hits' | 'sort-index' | 'walk' | 'planner'

/**
 * How many entries of a sort index a walk reads for the cost of sorting one hit: a hit costs
 * a read of its whole device row, an index entry a few bytes. Measured at 100k devices,
 * "ubuntu 22" (2,911 hits) took 10 ms sorted from its hits and 2 ms walking the hostname
 * index for 3,400 entries.
 */
const INDEX_STEPS_PER_HIT = 8

/**
 * How many hits SQL puts into its IN b-tree for the cost of one entry walked in JS (a row
 * from better-sqlite3 each). Measured at 100k devices: "windows" (65,686 hits, 160 entries
 * walked) 10 ms in SQL, 0.1 ms in JS; "ubuntu 22" (2,911 hits, 3,400 walked) 2 ms in SQL,
 * 2.8 ms in JS.
 */
const HITS_PER_JS_STEP = 5

/**
 * The cheaper shape for a page, from the total the count just found; `bitmap` says whether
 * the hits are at hand as a bitmap (see DeviceSearchQueries.hitSet).
 */
export function choosePageShape(
  plan: Plan,
  sort: DeviceFilter['sort'],
  page: { total: number; window: number; devices: number; bitmap?: boolean },
): PageShape {
  const walked = (page.window * page.devices) / Math.max(page.total, 1)
  const manyMatches =
    SORT_INDEX[sort.column] !== undefined && walked < page.total * INDEX_STEPS_PER_HIT
  if (manyMatches) {
    return page.bitmap === true && walked * HITS_PER_JS_STEP < page.total ? 'walk' : 'sort-index'
  }
  return plan.hits === null ? 'planner' : 'hits'
}

/** Prepared, cached device queries for the table, the count and the export. */
export class DeviceSearchQueries {
  private readonly statements = new Map<string, Database.Statement>()
  private readonly deviceCount: Database.Statement<[], number>

  private readonly prefixTerms: Database.Statement<[string, string, number], string>
  private readonly trigramAny: Database.Statement<[string], number>

  constructor(private readonly db: Database.Database) {
    // max(seq) is a good enough size estimate for choosing a plan, and costs nothing.
    this.deviceCount = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM devices').pluck()
    // The word index's terms, to expand a long prefix (a view of the index, per connection).
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.device_search_word_terms
      USING fts5vocab(main, device_search_words, 'row')`)
    this.prefixTerms = db
      .prepare<[string, string, number], string>(
        'SELECT term FROM temp.device_search_word_terms WHERE term >= ? AND term < ? LIMIT ?',
      )
      .pluck()
    this.trigramAny = db
      .prepare<[string], number>(
        'SELECT 1 FROM device_search_trigram WHERE device_search_trigram MATCH ? LIMIT 1',
      )
      .pluck()
  }

  /**
   * The terms of a query made cheaper to answer, with the same matches: a long word prefix
   * ("windows"*) is spelled out as its terms ("windows" OR "windowsxp") when they are few,
   * since FTS5 answers a prefix longer than its prefix indexes (migration 014) by first
   * merging every matching term's doclist into one, which costs a broad word several times
   * the reading of its doclist (only plain ASCII letters and digits, so the bounds fold as
   * the tokenizer folds); and a substring lookup that finds nothing is left out, so a word
   * that is no identifier's fragment ("windows", "ubuntu") is one word lookup, and several
   * such words one MATCH.
   */
  cheaper(query: string | undefined): FtsTerm[] {
    return ftsTerms(query).map((term) => {
      let { trigram, words } = term
      const prefix = words === null ? undefined : /^"([a-z0-9]{4,})"\*$/i.exec(words)?.[1]
      if (prefix !== undefined) {
        const low = prefix.toLowerCase()
        const end = low.slice(0, -1) + String.fromCharCode(low.charCodeAt(low.length - 1) + 1)
        const found = this.prefixTerms.all(low, end, MAX_EXPANDED_TERMS + 1)
        if (found.length > 0 && found.length <= MAX_EXPANDED_TERMS) {
          words = found.map((t) => `"${t}"`).join(' OR ')
        }
      }
      if (trigram !== null && words !== null && this.trigramAny.get(trigram) === undefined) {
        trigram = null
      }
      return { trigram, words }
    })
  }

  /**
   * One page and the total. With a one-word query, the rows that match it exactly or by
   * prefix on hostname, IP or serial (found through indexes, few) come first, then the rest
   * in the view's order; the rest's query leaves the ranked rows out by the same expression,
   * so pages neither repeat nor skip a row.
   */
  search(input: DeviceSearch, now: number): { total: number; rows: DeviceSearchRow[] } {
    const plan = planDeviceQuery(input, now, this.cheaper(input.query))
    const query = input.query ?? ''
    const rank = plan.hits === null ? null : rankPlan(input.query)
    const window = input.offset + input.limit
    const ranked = rank === null ? [] : this.rankedSeqs(plan, rank, input.sort, window)
    // Fewer ranked rows than the window means they are all there, so the rest starts after.
    const restNeeded = ranked.length < window
    // Text alone, the rest walked from a sort index: the hits are read once, as the total and
    // as a lookup for the walk (see walkSortIndex).
    const hits =
      restNeeded &&
      plan.hits !== null &&
      plan.where.length === 0 &&
      SORT_INDEX[input.sort.column] !== undefined
        ? this.hitSet(plan.hits, plan.params)
        : null
    const total = hits?.count ?? (this.prepare(countSql(plan)).pluck().get(plan.params) as number)
    if (total === 0 || input.offset >= total) return { total, rows: [] }
    const rowsOf = (seqs: readonly number[]) =>
      this.prepare(rowsOfSeqsSql).all({ seqs: JSON.stringify(seqs), now }) as Array<
        DeviceRowDb & MatchColumnsDb
      >
    const rows = ranked.length > input.offset ? rowsOf(ranked.slice(input.offset)) : []
    if (rows.length < input.limit) {
      const rest: Plan =
        ranked.length === 0 || rank === null
          ? plan
          : { ...plan, where: [...plan.where, `(${rankSql(rank)}) = ${UNRANKED}`] }
      const shape = choosePageShape(rest, input.sort, {
        total: total - ranked.length,
        window: window - ranked.length,
        devices: this.deviceCount.get() ?? 0,
        bitmap: hits !== null,
      })
      const limit = input.limit - rows.length
      const offset = Math.max(0, input.offset - ranked.length)
      if (hits !== null && shape === 'walk') {
        rows.push(...rowsOf(this.walkSortIndex(input.sort, hits.member, ranked, offset, limit)))
      } else {
        rows.push(
          ...(this.prepare(pageSql(rest, input.sort, shape, true, MATCH_SELECT)).all({
            ...plan.params,
            ...(rest === plan || rank === null ? {} : rankParams(rank)),
            limit,
            offset,
          }) as Array<DeviceRowDb & MatchColumnsDb>),
        )
      }
    }
    return {
      total,
      rows: rows.map((row) =>
        plan.hits === null ? deviceRowFrom(row) : searchRowFrom(row, query),
      ),
    }
  }

  /**
   * The hits as a bitmap by seq, and how many. They come as one comma-separated text: a row
   * per hit costs better-sqlite3 a JS value each, twice the time of the index read itself for
   * the 65,686 hits of "windows" at 100k devices.
   */
  private hitSet(hits: string, params: Plan['params']): { member: Uint8Array; count: number } {
    const text = this.prepare(`SELECT group_concat(hit.rowid) FROM (${hits}) AS hit`)
      .pluck()
      .get(params) as string | null
    let member = new Uint8Array((this.deviceCount.get() ?? 0) + 1)
    let count = 0
    let seq = 0
    const add = () => {
      if (seq >= member.length) {
        const grown = new Uint8Array(seq * 2)
        grown.set(member)
        member = grown
      }
      member[seq] = 1
      count++
      seq = 0
    }
    if (text === null) return { member, count }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 44) add()
      else seq = seq * 10 + code - 48
    }
    add()
    return { member, count }
  }

  /**
   * A page of the hits that are not ranked, in the view's order: the sort index walked here,
   * each entry tested against the hits' bitmap, until the page is full. SQL would test a
   * walked row with IN (hits), which first builds a b-tree of every hit: 10 ms for the 65,686
   * devices "windows" matches at 100k, to find a page among the first 160 entries walked.
   * `ranked` are all the ranked rows (the caller walks only when the window is not full of
   * them); they came first, so the walk clears them from the bitmap.
   */
  private walkSortIndex(
    sort: DeviceFilter['sort'],
    member: Uint8Array,
    ranked: readonly number[],
    offset: number,
    limit: number,
  ): number[] {
    for (const seq of ranked) if (seq < member.length) member[seq] = 0
    const walk = this.prepare(
      `SELECT d.seq FROM devices d INDEXED BY ${SORT_INDEX[sort.column] ?? 'devices_by_hostname'}
       ORDER BY ${orderSql(sort)}`,
    ).pluck()
    const page: number[] = []
    let skip = offset
    for (const seq of walk.iterate() as IterableIterator<number>) {
      if (member[seq] !== 1) continue
      if (skip > 0) skip--
      else if (page.push(seq) === limit) break
    }
    return page
  }

  /**
   * The seqs of the first `window` ranked rows, rank by rank, each source in the view's order
   * and stopped by LIMIT: a prefix shared by thousands ("w") reads one page of its index, not
   * every row it starts. A rank's rows are all there unless the window filled up.
   */
  private rankedSeqs(
    plan: Plan,
    rank: RankPlan,
    sort: DeviceFilter['sort'],
    window: number,
  ): number[] {
    const params = { ...plan.params, ...rankParams(rank) }
    const seqs: number[] = []
    const byAddress = new Map<number, number[]>()
    const sources = rankSources(rank)
    const address = sources.find((source) => source.kind === 'address')
    if (address) {
      // One lookup for every address rank, in rank then view order, grouped below.
      const found = this.prepare(rankSourceSql(plan, rank, sort, address)).all({
        ...params,
        n: window,
      }) as Array<{ seq: number; rank: number }>
      for (const row of found)
        byAddress.set(row.rank, [...(byAddress.get(row.rank) ?? []), row.seq])
    }
    for (let r = 0; r < UNRANKED && seqs.length < window; r++) {
      const source = sources.find((s) => s.kind === 'index' && s.rank === r)
      const found = source
        ? (
            this.prepare(rankSourceSql(plan, rank, sort, source)).all({
              ...params,
              n: window - seqs.length,
            }) as Array<{ seq: number }>
          ).map((row) => row.seq)
        : (byAddress.get(r) ?? [])
      seqs.push(...found.slice(0, window - seqs.length))
    }
    return seqs
  }

  /**
   * Every matching row in the view's order, one at a time, for export: with every local
   * address and MAC, which the table's row leaves out, so an export imports back whole.
   */
  *iterate(filter: DeviceFilter, now: number): Generator<ExportedDeviceRow> {
    const plan = planDeviceQuery(filter, now, this.cheaper(filter.query))
    const shape = plan.hits === null ? 'planner' : 'hits'
    const sql = pageSql(plan, filter.sort, shape, false, 'd.macs_text')
    const rows = this.prepare(sql).iterate(plan.params)
    for (const row of rows as IterableIterator<DeviceRowDb & { macs_text: string }>) {
      yield {
        ...deviceRowFrom(row),
        localIps: row.local_ips_text === '' ? [] : row.local_ips_text.split(' '),
        macs: row.macs_text === '' ? [] : row.macs_text.split(' '),
      }
    }
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      // Filter combinations are few in practice; the bound keeps a pathological caller from
      // growing the cache without end.
      if (this.statements.size >= CACHE_LIMIT) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** Counting needs devices only when something filters on them. */
function countSql(plan: Plan): string {
  if (plan.hits !== null && plan.where.length === 0) return `SELECT count(*) FROM (${plan.hits})`
  const from =
    plan.hits === null
      ? 'devices d'
      : `(${plan.hits}) AS hit CROSS JOIN devices d ON d.seq = hit.rowid`
  return `SELECT count(*) FROM ${from}${whereSql(plan.where)}`
}

/**
 * The page query, as a deferred join: the inner query finds the page's seqs touching as little
 * as it can (an index walk skips OFFSET rows without reading them), the outer one reads the
 * row columns of just those.
 */
function pageSql(
  plan: Plan,
  sort: DeviceFilter['sort'],
  shape: PageShape,
  paged = true,
  extra = '',
): string {
  const orderBy = `ORDER BY ${orderSql(sort)}`
  const where = [...plan.where]
  let from: string
  if (shape === 'hits' && plan.hits !== null) {
    from = `(${plan.hits}) AS hit CROSS JOIN devices d ON d.seq = hit.rowid`
  } else if (shape === 'sort-index') {
    from = `devices d INDEXED BY ${SORT_INDEX[sort.column] ?? 'devices_by_hostname'}`
    if (plan.hitTest !== null) where.unshift(plan.hitTest)
  } else {
    from = 'devices d'
  }
  const joins = sortJoins(sort)
  const limit = paged ? ' LIMIT @limit OFFSET @offset' : ''
  return `SELECT ${DEVICE_ROW_SELECT}${extra ? `, ${extra}` : ''}
    FROM (SELECT d.seq FROM ${from}${joins}${whereSql(where)} ${orderBy}${limit}) AS page
    CROSS JOIN devices d ON d.seq = page.seq
    JOIN clients c ON c.id = d.client_id
    LEFT JOIN sites s ON s.id = d.site_id
    ${orderBy}`
}

/** The view's order over `d` (and `c`, `s` when it sorts by client or site). */
function orderSql(sort: DeviceFilter['sort']): string {
  const direction = sort.direction === 'desc' ? 'DESC' : 'ASC'
  const order = SORT_SQL[sort.column]
  const tiebreak =
    (order.then ? `, ${order.then} ${direction}` : '') +
    (order.byHostname ? `, d.hostname COLLATE NOCASE ${direction}` : '')
  return `${order.expr} ${direction}${tiebreak}, d.seq ${direction}`
}

const sortJoins = (sort: DeviceFilter['sort']): string =>
  (sort.column === 'client' ? ' JOIN clients c ON c.id = d.client_id' : '') +
  (sort.column === 'site' ? ' LEFT JOIN sites s ON s.id = d.site_id' : '')

/**
 * The rows of one rank source that pass the view's filters and have its rank (exactly: a row
 * both an exact serial and a hostname prefix counts once, at its best rank), in the view's
 * order, at most @n. Every such row also matches the text (an exact or prefix match is a
 * substring or word-prefix match), so the search hits need not be read here.
 */
function rankSourceSql(
  plan: Plan,
  rank: RankPlan,
  sort: DeviceFilter['sort'],
  source: RankSource,
): string {
  const order = orderSql(sort)
  if (source.kind === 'address') {
    const where = [source.condition, ...plan.where, `rank IN (${source.ranks.join(', ')})`]
    return `SELECT d.seq, ${rankSql(rank)} AS rank FROM devices d${sortJoins(sort)}
      ${whereSql(where)} ORDER BY rank, ${order} LIMIT @n`
  }
  const where = [source.condition, ...plan.where, `(${rankSql(rank)}) = ${source.rank}`]
  return `SELECT d.seq FROM devices d INDEXED BY ${source.index}${sortJoins(sort)}
    ${whereSql(where)} ORDER BY ${order} LIMIT @n`
}

/** Device rows for a JSON list of seqs, in the list's order. */
const rowsOfSeqsSql = `SELECT ${DEVICE_ROW_SELECT}, ${MATCH_SELECT}
  FROM json_each(@seqs) AS j CROSS JOIN devices d ON d.seq = j.value
  JOIN clients c ON c.id = d.client_id
  LEFT JOIN sites s ON s.id = d.site_id
  ORDER BY j.key`

const whereSql = (where: string[]): string =>
  where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''
