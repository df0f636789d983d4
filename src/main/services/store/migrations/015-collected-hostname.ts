import type { Migration } from '../migration'

/**
 * The hostname a collection reported gets its own column. Collection used to write it over
 * `hostname`, so a name the technician chose ("this-machine") became whatever the OS said
 * ("vm"); `hostname` is now the technician's name for the device and stays as they set it.
 * Devices collected before keep their current name: which one was chosen is not known.
 */
export const collectedHostname: Migration = {
  version: 15,
  name: 'collected hostname',
  up(db) {
    db.exec(`ALTER TABLE devices ADD COLUMN collected_hostname TEXT;`)
  },
}
