import type { Migration } from '../migration'

/**
 * Agent forwarding becomes a setting of each device, off unless a technician turns it on for
 * that device: whoever has root on a host can use a forwarded agent while the session lasts.
 */
export const sshAgentForwarding: Migration = {
  version: 8,
  name: 'ssh agent forwarding per device',
  up(db) {
    db.exec(`
      ALTER TABLE devices ADD COLUMN ssh_agent_forwarding INTEGER NOT NULL DEFAULT 0
        CHECK (ssh_agent_forwarding IN (0, 1));
    `)
  },
}
