import type { Migration } from '../migration'

const statuses = `'new', 'in-progress', 'waiting-customer', 'waiting-vendor', 'scheduled', 'resolved', 'closed'`

/**
 * Tickets that work offline. The tables the UI reads are the local working copy; ticket_base
 * keeps what a team server last confirmed, and ticket_outbox every local intent not yet
 * confirmed, so a pull can replace the base and replay the outbox on top (rebase.ts).
 */
export const tickets: Migration = {
  version: 5,
  name: 'tickets, notes, time entries and the outbox',
  up(db) {
    db.exec(`
      -- This installation: its id in the outbox, the prefix and counter of its ticket numbers.
      CREATE TABLE ticket_installation (
        singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
        installation_id TEXT NOT NULL,
        number_prefix   TEXT NOT NULL,
        next_number     INTEGER NOT NULL CHECK (next_number > 0),
        created_at      INTEGER NOT NULL
      ) STRICT;

      -- client_id, site_id and device ids are not foreign keys: tickets can arrive from a
      -- server before the inventory does, and outlive a client or device deleted locally.
      -- is_open and the sla_* columns exist for the queue indexes: sla_due_at is the next SLA
      -- deadline and sla_risk_at the instant the ticket enters "SLA at risk", both computed on
      -- every write (null while nothing can come due, e.g. paused or all milestones met).
      CREATE TABLE tickets (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        number             TEXT NOT NULL UNIQUE,
        client_id          TEXT NOT NULL,
        site_id            TEXT,
        subject            TEXT NOT NULL,
        description        TEXT NOT NULL DEFAULT '',
        contact_name       TEXT,
        contact_email      TEXT,
        contact_phone      TEXT,
        type               TEXT NOT NULL
                           CHECK (type IN ('incident', 'service-request', 'problem', 'change', 'maintenance')),
        board              TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN (${statuses})),
        is_open            INTEGER GENERATED ALWAYS AS (status NOT IN ('resolved', 'closed')) VIRTUAL,
        impact             TEXT NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
        urgency            TEXT NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
        priority           TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
        priority_manual    INTEGER NOT NULL DEFAULT 0 CHECK (priority_manual IN (0, 1)),
        assignee           TEXT,
        due_at             INTEGER,
        created_by         TEXT NOT NULL,
        created_at         INTEGER NOT NULL,
        updated_at         INTEGER NOT NULL,
        first_response_at  INTEGER,
        resolution_plan_at INTEGER,
        resolved_at        INTEGER,
        sla_due_at         INTEGER,
        sla_risk_at        INTEGER,
        -- The due sort's key: no deadline sorts after every deadline.
        due_key            INTEGER GENERATED ALWAYS AS
                           (coalesce(sla_due_at, 9007199254740991)) VIRTUAL,
        versions           TEXT NOT NULL DEFAULT '{}'
      ) STRICT;

      -- Each queue in each of its main sorts (last change, due, priority) is one range of one
      -- index, already in order, so a page stops after its rows; counts come from the same
      -- ranges without reading rows. sla_risk_at rides along so "SLA at risk" can walk a sort
      -- index and skip tickets not at risk without reading them. A client's open tickets and
      -- the waiting ones are few enough to sort; their indexes carry the sort columns.
      CREATE INDEX tickets_by_updated ON tickets (updated_at);
      CREATE INDEX tickets_open ON tickets (is_open, updated_at, sla_risk_at);
      CREATE INDEX tickets_open_by_due ON tickets (is_open, due_key, sla_risk_at);
      CREATE INDEX tickets_open_by_priority ON tickets (is_open, priority, due_key, sla_risk_at);
      CREATE INDEX tickets_by_assignee ON tickets (is_open, assignee, updated_at);
      CREATE INDEX tickets_by_assignee_due ON tickets (is_open, assignee, due_key);
      CREATE INDEX tickets_by_assignee_priority
        ON tickets (is_open, assignee, priority, due_key);
      CREATE INDEX tickets_by_client
        ON tickets (client_id, is_open, updated_at, priority, due_key);
      CREATE INDEX tickets_open_clients ON tickets (is_open, client_id);
      CREATE INDEX tickets_by_status ON tickets (status, updated_at, priority, due_key);
      CREATE INDEX tickets_at_risk ON tickets (is_open, sla_risk_at);
      CREATE INDEX tickets_all_by_due ON tickets (due_key);
      CREATE INDEX tickets_all_by_priority ON tickets (priority, due_key);

      -- Field changes for the timeline; kind 'created' and 'status' rows are also the status
      -- history that pauses the SLA clocks.
      CREATE TABLE ticket_events (
        id          INTEGER PRIMARY KEY,
        ticket_seq  INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
        at          INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'status', 'priority',
                      'assigned', 'device-linked', 'device-unlinked')),
        field       TEXT,
        from_value  TEXT,
        to_value    TEXT,
        mutation_id INTEGER
      ) STRICT;
      CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_seq, kind, id);

      -- A note's seq is its ticket's seq × 2^20 plus its number on the ticket (1, 2, ...):
      -- a ticket's notes are one range of the table, and a search hit's ticket is seq >> 20
      -- without a lookup (see ticket_search).
      CREATE TABLE ticket_notes (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        ticket_seq  INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
        visibility  TEXT NOT NULL CHECK (visibility IN ('internal', 'customer')),
        is_plan     INTEGER NOT NULL DEFAULT 0 CHECK (is_plan IN (0, 1)),
        author      TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        CHECK (seq >> 20 = ticket_seq AND seq & 1048575 > 0)
      ) STRICT;
      -- For the foreign key: deleting a ticket finds its notes without a scan.
      CREATE INDEX ticket_notes_by_ticket ON ticket_notes (ticket_seq);

      CREATE TABLE ticket_time_entries (
        seq              INTEGER PRIMARY KEY,
        id               TEXT NOT NULL UNIQUE,
        ticket_seq       INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
        technician       TEXT NOT NULL,
        started_at       INTEGER,
        ended_at         INTEGER,
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
        billable         INTEGER NOT NULL CHECK (billable IN (0, 1)),
        work_type        TEXT NOT NULL
                         CHECK (work_type IN ('remote', 'onsite', 'phone', 'email', 'admin', 'travel')),
        note             TEXT NOT NULL DEFAULT '',
        session_id       TEXT,
        recording_id     TEXT,
        created_at       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ticket_time_entries_by_ticket ON ticket_time_entries (ticket_seq, seq);
      CREATE INDEX ticket_time_entries_by_session ON ticket_time_entries (session_id)
        WHERE session_id IS NOT NULL;

      -- Running work timers: rows survive restarts; stopping one turns it into a time entry.
      CREATE TABLE ticket_timers (
        id          TEXT PRIMARY KEY,
        ticket_seq  INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
        technician  TEXT NOT NULL,
        started_at  INTEGER NOT NULL,
        work_type   TEXT NOT NULL,
        billable    INTEGER NOT NULL CHECK (billable IN (0, 1)),
        note        TEXT NOT NULL DEFAULT '',
        UNIQUE (ticket_seq, technician)
      ) STRICT;

      -- hostname is kept so a link still reads well after the device left the inventory.
      CREATE TABLE ticket_devices (
        ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,
        device_id  TEXT NOT NULL,
        hostname   TEXT NOT NULL,
        PRIMARY KEY (ticket_seq, device_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX ticket_devices_by_device ON ticket_devices (device_id, ticket_seq);

      -- SSH sessions opened with a ticketId (sessions live in memory; this outlives them).
      CREATE TABLE ticket_sessions (
        session_id   TEXT PRIMARY KEY,
        ticket_id    TEXT NOT NULL,
        device_id    TEXT,
        title        TEXT NOT NULL,
        host         TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        started_at   INTEGER NOT NULL,
        ended_at     INTEGER,
        recording_id TEXT
      ) STRICT;
      CREATE INDEX ticket_sessions_by_ticket ON ticket_sessions (ticket_id, started_at);

      CREATE TABLE ticket_sla_plans (
        client_id  TEXT PRIMARY KEY,
        plan       TEXT NOT NULL CHECK (json_valid(plan)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Every local intent in order. AUTOINCREMENT: a mutation id is never reused, even after
      -- the rows a server confirmed are deleted.
      CREATE TABLE ticket_outbox (
        mutation_id     INTEGER PRIMARY KEY AUTOINCREMENT,
        installation_id TEXT NOT NULL,
        intent          TEXT NOT NULL,
        entity_id       TEXT NOT NULL,
        ticket_id       TEXT NOT NULL,
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        base_versions   TEXT NOT NULL CHECK (json_valid(base_versions)),
        created_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ticket_outbox_by_ticket ON ticket_outbox (ticket_id, mutation_id);
      CREATE INDEX ticket_outbox_by_entity ON ticket_outbox (entity_id);

      -- What the team server last confirmed, one document per ticket (fields, notes, time
      -- entries, devices, status history) with its per-field versions. Empty until sync exists.
      CREATE TABLE ticket_base (
        id        TEXT PRIMARY KEY,
        snapshot  TEXT NOT NULL CHECK (json_valid(snapshot)),
        pulled_at INTEGER NOT NULL
      ) STRICT;

      -- Search: one contentless FTS5 table (the text lives in the tables above) holding each
      -- ticket's subject and description at rowid seq × 2^20 and each note at its own seq, so
      -- the ticket of any hit is rowid >> 20 and a search never joins notes. A hit needs every
      -- word in the same ticket text or note. contentless_delete lets triggers remove a row by
      -- rowid alone; detail=none because queries never need positions; prefix indexes for 3 and
      -- 4 characters, because search-as-you-type asks for short prefixes all the time and FTS5
      -- would otherwise merge every matching term's list first.
      CREATE VIRTUAL TABLE ticket_search USING fts5 (
        subject, body,
        content = '', contentless_delete = 1, detail = none, prefix = '3 4',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Its vocabulary: a longer typed prefix ("voicemai") is expanded into the few words it
      -- starts, searched as whole words, which FTS5 can stream newest first and stop early;
      -- a plain prefix query would first merge every match of every such word.
      CREATE VIRTUAL TABLE ticket_search_vocabulary USING fts5vocab (ticket_search, 'row');
      CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
        INSERT INTO ticket_search (rowid, subject, body)
          VALUES (NEW.seq << 20, NEW.subject, NEW.description);
      END;
      CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject, description ON tickets BEGIN
        DELETE FROM ticket_search WHERE rowid = OLD.seq << 20;
        INSERT INTO ticket_search (rowid, subject, body)
          VALUES (NEW.seq << 20, NEW.subject, NEW.description);
      END;
      CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
        DELETE FROM ticket_search WHERE rowid = OLD.seq << 20;
      END;
      CREATE TRIGGER ticket_notes_search_insert AFTER INSERT ON ticket_notes BEGIN
        INSERT INTO ticket_search (rowid, subject, body) VALUES (NEW.seq, '', NEW.body);
      END;
      CREATE TRIGGER ticket_notes_search_delete AFTER DELETE ON ticket_notes BEGIN
        DELETE FROM ticket_search WHERE rowid = OLD.seq;
      END;
    `)
  },
}
