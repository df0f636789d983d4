import { join } from 'node:path'
import type { Services } from '../services'
import { Store } from '../services/store/store'
import { migrations } from '../services/store/migrations'
import type { Migration } from '../services/store/migration'

/**
 * The store in `dir` as the build before `migration` left it, to be filled with rows of the
 * old shape and closed; the services opened on `dir` afterwards run the migration.
 */
export function storeBefore(dir: string, migration: Migration): Store {
  return new Store({
    file: join(dir, 'switchboard.db'),
    migrations: migrations.slice(0, migration.version - 1),
  })
}

/** The hostnames of the first rows a device search finds, in hostname order. */
export function hostnamesFound(services: Services, query: string): string[] {
  return services.inventory
    .searchDevices({ query, sort: { column: 'hostname', direction: 'asc' }, limit: 10, offset: 0 })
    .rows.map((row) => row.hostname)
}
