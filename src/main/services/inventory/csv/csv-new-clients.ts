/**
 * Clients a CSV import creates: the client column's texts that name no client are offered in
 * the preview (with a short code proposed from the name), and the ones the technician ticks
 * are created in the import's transaction, before the rows that name them are written.
 */
import type Database from 'better-sqlite3'
import type { CsvNewClient } from '../../../../shared/contract'
import { DomainError } from '../../../../shared/domain/errors'

/** Client-column texts the preview lists as unknown; a file names a few clients at most. */
const UNKNOWN_LISTED = 50

/** The id a row's client has until the import creates that client. */
export const pendingClientId = (index: number): string => `pending-client:${index}`
const PENDING = /^pending-client:(\d+)$/

/** Thresholds a created client starts with, as the Add client form proposes them. */
const NEW_CLIENT_DEFAULTS = { contractTier: '', notes: '', onlineMinutes: 15, staleMinutes: 1440 }

/** A short code from a name: its initials (at least two), numbered when taken. */
export function proposeShortCode(name: string, taken: ReadonlySet<string>): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
  const initials = words
    .map((word) =>
      word
        .normalize('NFD')
        .replace(/[^A-Za-z0-9]/g, '')
        .charAt(0),
    )
    .join('')
    .toUpperCase()
  const plain = name
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
  const base = (initials.length >= 2 ? initials : plain.slice(0, 4) || 'CLIENT').slice(0, 12)
  for (let n = 1; ; n++) {
    const code = n === 1 ? base : `${base}${n}`
    if (!taken.has(code.toLowerCase())) return code
  }
}

/** Collects the client column's texts that resolve to no client, while a file is read. */
export class UnknownClients {
  private readonly found = new Map<string, { name: string; rows: number }>()

  constructor(private readonly resolve: (reference: string) => string | undefined) {}

  see(cell: string | undefined): void {
    const name = cell?.trim() ?? ''
    if (name === '' || this.resolve(name) !== undefined) return
    const key = name.toLowerCase()
    const known = this.found.get(key)
    if (known) known.rows += 1
    else if (this.found.size < UNKNOWN_LISTED)
      this.found.set(key, { name: name.slice(0, 200), rows: 1 })
  }

  /** Each unknown name with a proposed short code, none taken by a client or another name. */
  list(db: Database.Database): Array<{ name: string; shortCode: string; rows: number }> {
    const taken = new Set(
      (db.prepare('SELECT lower(short_code) FROM clients').pluck().all() as string[]).map(String),
    )
    return [...this.found.values()].map(({ name, rows }) => {
      const shortCode = proposeShortCode(name, taken)
      taken.add(shortCode.toLowerCase())
      return { name, shortCode, rows }
    })
  }
}

/**
 * What is wrong with the clients the technician asked for: a name or code that an existing
 * client (or another new one) has already.
 */
export function newClientProblems(
  db: Database.Database,
  newClients: readonly CsvNewClient[],
): string[] {
  const problems: string[] = []
  const codeOwner = db.prepare<[string], string>(
    'SELECT name FROM clients WHERE short_code = ? COLLATE NOCASE',
  )
  const nameTaken = db.prepare<[string], number>(
    'SELECT 1 FROM clients WHERE name = ? COLLATE NOCASE',
  )
  const seen = new Set<string>()
  for (const client of newClients) {
    const owner = codeOwner.pluck().get(client.shortCode)
    if (owner !== undefined) {
      problems.push(`The short code ${client.shortCode} belongs to ${owner}; choose another one`)
    }
    if (nameTaken.pluck().get(client.name) !== undefined) {
      problems.push(`A client named ${client.name} exists already`)
    }
    for (const key of [
      `code:${client.shortCode.toLowerCase()}`,
      `name:${client.name.toLowerCase()}`,
    ]) {
      if (seen.has(key)) problems.push(`Two new clients share ${key.slice(5)}; make them differ`)
      seen.add(key)
    }
  }
  return problems
}

/**
 * Creates, inside the import's transaction, the new clients the checked rows name, and gives
 * those rows the created client's id. Returns the ids created.
 */
export function createPendingClients(
  rows: ReadonlyArray<{ values: { clientId: string } }>,
  newClients: readonly CsvNewClient[],
  create: (client: typeof NEW_CLIENT_DEFAULTS & CsvNewClient) => string,
): string[] {
  const created = new Map<number, string>()
  for (const row of rows) {
    const pending = PENDING.exec(row.values.clientId)
    if (!pending) continue
    const index = Number(pending[1])
    let id = created.get(index)
    if (id === undefined) {
      const client = newClients[index]
      if (!client) throw new DomainError('invalid', 'A row names a new client that is not listed')
      id = create({ ...NEW_CLIENT_DEFAULTS, ...client })
      created.set(index, id)
    }
    row.values.clientId = id
  }
  return [...created.values()]
}
