import { APP_ROLE } from './database'

/**
 * Numbered migrations, applied in order, each once, in one transaction under an advisory lock
 * (so several server processes starting together migrate once). Never edit one that has
 * shipped: add the next.
 *
 * Every tenant table carries `client_id` and has FORCE ROW LEVEL SECURITY with a policy that
 * reads the caller's scope (set per transaction by the server), so a forgotten WHERE leaks
 * nothing. Leads and admins see every client; a technician sees the clients assigned to them.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

const grantApp = (tables: string[], privileges: string): string =>
  tables.map((t) => `GRANT ${privileges} ON ${t} TO ${APP_ROLE};`).join('\n')

const forceRls = (table: string, using: string): string => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_scope ON ${table} USING (${using}) WITH CHECK (${using});`

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'technicians, installations, clients and their assignments',
    sql: `
CREATE FUNCTION sb_technician_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('switchboard.technician_id', true), '')::uuid $$;
CREATE FUNCTION sb_is_lead() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('switchboard.role', true), '') IN ('lead', 'admin') $$;
CREATE FUNCTION sb_is_admin() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('switchboard.role', true), '') = 'admin' $$;

CREATE TABLE technicians (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('technician', 'lead', 'admin')),
  password_hash text NOT NULL,
  totp_secret text,
  totp_confirmed_at timestamptz,
  -- The last TOTP time step accepted: a code is good once (RFC 6238 section 5.2).
  totp_last_counter bigint NOT NULL DEFAULT 0,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recovery_codes (
  technician_id uuid NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (technician_id, code_hash)
);

CREATE TABLE team_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
INSERT INTO team_settings (key, value) VALUES ('requireMfaForEveryone', 'false');

CREATE TABLE installations (
  id uuid PRIMARY KEY,
  technician_id uuid NOT NULL REFERENCES technicians(id),
  name text NOT NULL,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  installation_id uuid NOT NULL REFERENCES installations(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE access_tokens (
  token_hash text PRIMARY KEY,
  installation_id uuid NOT NULL REFERENCES installations(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

-- A password that was right, waiting for its second factor (or for one to be set up).
CREATE TABLE mfa_challenges (
  token_hash text PRIMARY KEY,
  technician_id uuid NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('verify', 'enroll')),
  installation_id uuid NOT NULL,
  installation_name text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL
);

CREATE TABLE login_attempts (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);

CREATE TABLE clients (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assignments (
  technician_id uuid NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  PRIMARY KEY (technician_id, client_id)
);

CREATE FUNCTION sb_can_see(client uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT sb_is_lead() OR EXISTS (
    SELECT 1 FROM assignments a WHERE a.client_id = client AND a.technician_id = sb_technician_id()
  )
$$;

-- Tenant rows: each client's own rows, and each technician's own assignments.
${forceRls('clients', 'sb_can_see(id)')}
${forceRls('assignments', 'technician_id = sb_technician_id() OR sb_is_lead()')}

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  technician_id uuid,
  action text NOT NULL,
  subject text,
  detail jsonb NOT NULL DEFAULT '{}'
);

${grantApp(
  [
    'technicians',
    'recovery_codes',
    'team_settings',
    'installations',
    'refresh_tokens',
    'access_tokens',
    'mfa_challenges',
    'login_attempts',
    'clients',
    'assignments',
  ],
  'SELECT, INSERT, UPDATE, DELETE',
)}
GRANT SELECT, INSERT ON audit_log TO ${APP_ROLE};
GRANT USAGE ON SEQUENCE audit_log_id_seq TO ${APP_ROLE};
`,
  },
  {
    version: 2,
    name: 'synced rows with per-tenant versions',
    sql: `
-- The next version of each client's rows. Taking one locks the client's row until commit, so a
-- client's versions commit in order and a pull cursor per client never skips a row.
CREATE TABLE tenant_versions (
  client_id uuid PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 0
);

-- Every synced row as a document: tickets (with notes, time entries and timers), sites,
-- devices, saved views, conflicts. doc NULL is a tombstone. A conflict has an owner: only the
-- technician whose change was not applied sees it.
CREATE TABLE entities (
  kind text NOT NULL,
  id text NOT NULL,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  version bigint NOT NULL,
  owner_id uuid,
  doc jsonb,
  PRIMARY KEY (kind, id)
);
CREATE INDEX entities_client_version ON entities (client_id, version);

-- Ticket numbers and child ids, unique across all tickets of the team.
CREATE TABLE ticket_keys (
  key text PRIMARY KEY,
  ticket_id text NOT NULL,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE
);

${forceRls('tenant_versions', 'sb_can_see(client_id)')}
${forceRls('ticket_keys', 'sb_can_see(client_id)')}
${forceRls('entities', 'sb_can_see(client_id) AND (owner_id IS NULL OR owner_id = sb_technician_id())')}

${grantApp(['tenant_versions', 'entities', 'ticket_keys'], 'SELECT, INSERT, UPDATE, DELETE')}
`,
  },
  {
    version: 3,
    name: 'the scope check plans its query once per connection',
    sql: `
-- A LANGUAGE sql function with a subquery is never inlined, so every statement planned this
-- one's body again at each place a policy called it (0.15 ms each; a pushed mutation went
-- through five). PL/pgSQL keeps the plan of its query for the connection. Same rule as before.
CREATE OR REPLACE FUNCTION sb_can_see(client uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN sb_is_lead() OR EXISTS (
    SELECT 1 FROM assignments a WHERE a.client_id = client AND a.technician_id = sb_technician_id()
  );
END
$$;
`,
  },
  {
    version: 4,
    name: "each technician's own synced rows (saved views)",
    sql: `
-- Rows that belong to a technician rather than a client, with their own version sequence:
-- only their owner ever sees them, leads and admins included.
CREATE TABLE personal_versions (
  technician_id uuid PRIMARY KEY REFERENCES technicians(id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 0
);
CREATE TABLE personal_entities (
  technician_id uuid NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
  kind text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  doc jsonb,
  PRIMARY KEY (technician_id, kind, id)
);
CREATE INDEX personal_entities_version ON personal_entities (technician_id, version);

${forceRls('personal_versions', 'technician_id = sb_technician_id()')}
${forceRls('personal_entities', 'technician_id = sb_technician_id()')}

${grantApp(['personal_versions', 'personal_entities'], 'SELECT, INSERT, UPDATE, DELETE')}
`,
  },
]

/** Tables that hold a client's data: each must force row-level security. */
export const TENANT_TABLES = [
  'clients',
  'assignments',
  'tenant_versions',
  'entities',
  'ticket_keys',
  'personal_versions',
  'personal_entities',
]
