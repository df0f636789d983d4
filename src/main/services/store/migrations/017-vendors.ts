import type { Migration } from '../migration'
import { VENDOR_CATEGORIES } from '../../../../shared/domain/vendors'

const categories = VENDOR_CATEGORIES.map((c) => `'${c}'`).join(', ')

/**
 * Vendors, their contacts and the accounts clients hold with them. Structured parts a form
 * edits whole (phone lines, escalation tiers, support hours, circuit ids) are JSON columns; a
 * vendor and its contacts are the team's, an account belongs to its client and goes with it.
 */
export const vendors: Migration = {
  version: 17,
  name: 'vendors',
  up(db) {
    db.exec(`
      CREATE TABLE vendors (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        category      TEXT NOT NULL CHECK (category IN (${categories})),
        website       TEXT,
        portal_url    TEXT,
        support_email TEXT,
        hours         TEXT CHECK (hours IS NULL OR json_valid(hours)),
        phones        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
        escalation    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(escalation)),
        manufacturers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(manufacturers)),
        notes         TEXT NOT NULL DEFAULT '',
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
      CREATE INDEX vendors_by_name ON vendors (name COLLATE NOCASE);

      CREATE TABLE vendor_contacts (
        id         TEXT PRIMARY KEY,
        vendor_id  TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        role       TEXT NOT NULL DEFAULT '',
        phones     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
        email      TEXT,
        notes      TEXT NOT NULL DEFAULT '',
        preferred  INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX vendor_contacts_by_vendor ON vendor_contacts (vendor_id);

      CREATE TABLE client_accounts (
        id              TEXT PRIMARY KEY,
        vendor_id       TEXT NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
        client_id       TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        account_number  TEXT NOT NULL DEFAULT '',
        contract_number TEXT NOT NULL DEFAULT '',
        contract_start  TEXT,
        contract_end    TEXT,
        renewal_date    TEXT,
        sla             TEXT NOT NULL DEFAULT '',
        circuit_ids     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(circuit_ids)),
        licence_count   INTEGER,
        notes           TEXT NOT NULL DEFAULT '',
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX client_accounts_by_vendor ON client_accounts (vendor_id);
      CREATE INDEX client_accounts_by_client ON client_accounts (client_id);
    `)
  },
}
