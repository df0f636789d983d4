/**
 * Ranking and "what matched" for device search. A query of one word ranks exact matches on
 * hostname, any local IP, serial and public IP first, then prefix matches on the same fields,
 * then the rest in the view's order; the rank is one SQL expression so the ranked rows and the
 * rest are split by the same rule in every query. Which field a row matched is worked out here
 * from the row's own values, so the technician sees why a row is there even when the field is
 * not a visible column (a public IP shared by a whole site, the second address of a host).
 */
import type { DeviceMatch, DeviceMatchField } from '../../../shared/contract'
import { ftsTerms, macDigits } from './fts-query'

/** The rank of a row that matched on none of the ranked fields. */
export const UNRANKED = 8

/** How one typed word ranks rows, or null when the query does not rank (several words). */
export interface RankPlan {
  /** The word as typed (SQL lowers it the way NOCASE and the indexes fold case). */
  token: string
  /**
   * The word could be (part of) an IP address: addresses rank too, their candidates found by
   * the substring index's address column (which needs three characters).
   */
  address: boolean
}

/** The rank plan of a query: one word, searchable. */
export function rankPlan(query: string | undefined): RankPlan | null {
  const token = (query ?? '').trim()
  if (token === '' || /\s/.test(token) || ftsTerms(token).length === 0) return null
  const address =
    [...token].length >= 3 && /^(?:[0-9.]*\d[0-9.]*|[0-9a-f:.]*:[0-9a-f:.]*)$/i.test(token)
  return { token, address }
}

/**
 * The SQL rank of a device `d` (0 best, UNRANKED for the rest), with the parameters @rk
 * (the word) and @rkLen (its length in characters).
 */
export function rankSql(plan: RankPlan): string {
  const prefixOf = (column: string) => `lower(substr(${column}, 1, @rkLen)) = lower(@rk)`
  const tiers = [
    `WHEN d.hostname = @rk COLLATE NOCASE THEN 0`,
    plan.address
      ? `WHEN instr(' ' || lower(d.local_ips_text) || ' ', ' ' || lower(@rk) || ' ') > 0 THEN 1`
      : '',
    `WHEN d.serial = @rk COLLATE NOCASE THEN 2`,
    plan.address ? `WHEN lower(d.public_ip) = lower(@rk) THEN 3` : '',
    `WHEN ${prefixOf('d.hostname')} THEN 4`,
    plan.address ? `WHEN instr(' ' || lower(d.local_ips_text), ' ' || lower(@rk)) > 0 THEN 5` : '',
    `WHEN ${prefixOf('d.serial')} THEN 6`,
    plan.address ? `WHEN ${prefixOf('d.public_ip')} THEN 7` : '',
  ]
  return `CASE ${tiers.filter(Boolean).join(' ')} ELSE ${UNRANKED} END`
}

/**
 * Where the rows of each rank are found, best rank first: hostname, serial and public address
 * ranks through their NOCASE indexes (equality for exact, one range for a prefix), local
 * address ranks through the substring index's `addresses` column (local addresses only, see
 * migration 16), both of them in one lookup.
 */
export type RankSource =
  | { kind: 'index'; rank: number; index: string; condition: string }
  | { kind: 'address'; ranks: number[]; condition: string }

export function rankSources(plan: RankPlan): RankSource[] {
  const equal = (column: string) => `d.${column} COLLATE NOCASE = @rk`
  const range = (column: string) =>
    `d.${column} COLLATE NOCASE >= @rk AND d.${column} COLLATE NOCASE < @rk || char(1114111)`
  const sources: RankSource[] = [
    { kind: 'index', rank: 0, index: 'devices_by_hostname', condition: equal('hostname') },
    { kind: 'index', rank: 2, index: 'devices_by_serial', condition: equal('serial') },
    { kind: 'index', rank: 4, index: 'devices_by_hostname', condition: range('hostname') },
    { kind: 'index', rank: 6, index: 'devices_by_serial', condition: range('serial') },
  ]
  if (plan.address) {
    sources.push(
      { kind: 'index', rank: 3, index: 'devices_by_public_ip', condition: equal('public_ip') },
      { kind: 'index', rank: 7, index: 'devices_by_public_ip', condition: range('public_ip') },
      {
        kind: 'address',
        ranks: [1, 5],
        condition:
          'd.seq IN (SELECT rowid FROM device_search_trigram WHERE device_search_trigram MATCH @rkAddress)',
      },
    )
  }
  return sources
}

/** The parameters rankSql and rankSources use. */
export function rankParams(plan: RankPlan): Record<string, string | number> {
  return {
    rk: plan.token,
    rkLen: [...plan.token].length,
    ...(plan.address ? { rkAddress: `addresses : "${plan.token.replace(/"/g, '""')}"` } : {}),
  }
}

/** A device's searchable values, as the match is told from them. */
export interface MatchSource {
  hostname: string
  localIps: readonly string[]
  serial: string | null
  publicIp: string | null
  macs: readonly string[]
  assetTag: string | null
  fqdn: string | null
  clientName: string
  clientCode: string
  osName: string | null
  osVersion: string | null
  manufacturer: string | null
  model: string | null
  users: readonly (string | null)[]
  tags: readonly string[]
}

// Most values are plain ASCII, which needs no Unicode normalization (the costly part).
const ASCII = /^[\x20-\x7e]*$/
const fold = (text: string): string =>
  ASCII.test(text)
    ? text.toLowerCase()
    : text
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
const wordsOf = (text: string): string[] =>
  (ASCII.test(text)
    ? text.toLowerCase().split(/[^a-z0-9]+/)
    : fold(text).split(/[^\p{L}\p{N}]+/u)
  ).filter((word) => word !== '')

/**
 * Why a device matched `query`: its first word, looked for in the ranked fields (exact, then
 * prefix), then as a fragment of an identifier, then as the start of a word in any field.
 * Undefined when no rule explains it (the index folds some letters JavaScript does not).
 */
export function deviceMatch(query: string, d: MatchSource): DeviceMatch | undefined {
  const token = (query.trim().split(/\s+/)[0] ?? '').trim()
  if (token === '') return undefined
  const t = fold(token)
  const ranked: Array<[DeviceMatchField, readonly (string | null)[]]> = [
    ['hostname', [d.hostname]],
    ['ip', d.localIps],
    ['serial', [d.serial]],
    ['publicIp', [d.publicIp]],
  ]
  const find = (
    fields: Array<[DeviceMatchField, readonly (string | null)[]]>,
    test: (value: string) => boolean,
    how: DeviceMatch['how'],
  ): DeviceMatch | undefined => {
    for (const [field, values] of fields) {
      for (const value of values) {
        if (value !== null && value !== '' && test(fold(value))) return { field, value, how }
      }
    }
    return undefined
  }
  const identifiers: Array<[DeviceMatchField, readonly (string | null)[]]> = [
    ...ranked,
    ['assetTag', [d.assetTag]],
  ]
  const mac = macDigits(token)
  const macMatch = (hex: string): boolean =>
    (mac !== null && hex.includes(mac)) || ([...t].length >= 3 && hex.includes(t))
  const words: Array<[DeviceMatchField, readonly (string | null)[]]> = [
    ...identifiers,
    ['fqdn', [d.fqdn]],
    ['client', [d.clientName, d.clientCode]],
    ['os', [[d.osName, d.osVersion].filter(Boolean).join(' ')]],
    ['manufacturer', [d.manufacturer]],
    ['model', [d.model]],
    ['user', d.users],
    ['tags', d.tags],
  ]
  const parts = wordsOf(token)
  return (
    find(ranked, (v) => v === t, 'exact') ??
    find(ranked, (v) => v.startsWith(t), 'prefix') ??
    ([...t].length >= 3 ? find(identifiers, (v) => v.includes(t), 'contains') : undefined) ??
    find([['mac', d.macs]], (v) => macMatch(v.replace(/[:.-]/g, '')), 'contains') ??
    (parts.length > 0
      ? find(words, (v) => wordsOf(v).some((w) => w.startsWith(parts[0] ?? '')), 'word')
      : undefined)
  )
}
