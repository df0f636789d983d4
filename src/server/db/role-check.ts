import type { ServerDatabase } from './database'
import { TENANT_TABLES } from './migrations'

/** What the server found out about the role it serves as; startup refuses an unsafe one. */
export interface RoleReport {
  role: string
  superuser: boolean
  bypassesRls: boolean
  ownedRelations: string[]
  /** Tenant tables without ENABLE and FORCE ROW LEVEL SECURITY. */
  unprotectedTables: string[]
}

export async function inspectAppRole(db: ServerDatabase): Promise<RoleReport> {
  return db.transaction(null, async (sql) => {
    const role = await sql.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean }>(
      `SELECT current_user AS role, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    )
    const owned = await sql.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
       WHERE r.rolname = current_user AND c.relnamespace = 'public'::regnamespace`,
    )
    const tables = await sql.query<{ relname: string; protected: boolean }>(
      `SELECT relname, relrowsecurity AND relforcerowsecurity AS protected FROM pg_class
       WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname = ANY($1)`,
      [TENANT_TABLES],
    )
    const found = new Map(tables.rows.map((t) => [t.relname, t.protected]))
    const first = role.rows[0]
    return {
      role: first?.role ?? '',
      superuser: first?.rolsuper ?? true,
      bypassesRls: first?.rolbypassrls ?? true,
      ownedRelations: owned.rows.map((r) => r.relname),
      unprotectedTables: TENANT_TABLES.filter((t) => found.get(t) !== true),
    }
  })
}

/** Throws, naming each problem and its fix, unless the app role is safe to serve as. */
export function assertSafeRole(report: RoleReport): void {
  const problems: string[] = []
  if (report.superuser)
    problems.push(`role ${report.role} is a superuser (ALTER ROLE ... NOSUPERUSER)`)
  if (report.bypassesRls)
    problems.push(`role ${report.role} has BYPASSRLS (ALTER ROLE ... NOBYPASSRLS)`)
  if (report.ownedRelations.length > 0) {
    problems.push(
      `role ${report.role} owns ${report.ownedRelations.join(', ')}: an owner can turn row-level security off; let another role own the schema (DATABASE_OWNER_URL)`,
    )
  }
  if (report.unprotectedTables.length > 0) {
    problems.push(
      `tables without forced row-level security: ${report.unprotectedTables.join(', ')}`,
    )
  }
  if (problems.length > 0) {
    throw new Error(`Refusing to serve: ${problems.join('; ')}`)
  }
}
