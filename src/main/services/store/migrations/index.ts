import type { Migration } from '../migration'
import { settingsAndAudit } from './001-settings-and-audit'

/** Every migration in order; each capability appends its own. */
export const migrations: readonly Migration[] = [settingsAndAudit]
