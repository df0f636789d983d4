import type { Migration } from '../migration'
import { settingsAndAudit } from './001-settings-and-audit'
import { vault } from './002-vault'
import { ssh } from './003-ssh'
import { inventory } from './004-inventory'
import { tickets } from './005-tickets'
import { auditByDevice } from './006-audit-by-device'
import { searchMacsAndPublicIp } from './007-search-macs-public-ip'
import { sshAgentForwarding } from './008-ssh-agent-forwarding'
import { credentialScope } from './009-credential-scope'
import { teamSync } from './010-team-sync'
import { inventorySync } from './011-inventory-sync'
import { savedViewSync } from './012-saved-view-sync'
import { bulkLoad } from './013-bulk-load'
import { searchPrefixIndex } from './014-search-prefix-index'
import { collectedHostname } from './015-collected-hostname'
import { publicIpRank } from './016-public-ip-rank'
import { vendors } from './017-vendors'

/** Every migration in order; each capability appends its own. */
export const migrations: readonly Migration[] = [
  settingsAndAudit,
  vault,
  ssh,
  inventory,
  tickets,
  auditByDevice,
  searchMacsAndPublicIp,
  sshAgentForwarding,
  credentialScope,
  teamSync,
  inventorySync,
  savedViewSync,
  bulkLoad,
  searchPrefixIndex,
  collectedHostname,
  publicIpRank,
  vendors,
]
