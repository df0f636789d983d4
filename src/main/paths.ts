import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Electron's `app.getPath('userData')` puts Switchboard's data, so the desktop app and
 * the headless host share one store by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHBOARD_DATA_DIR) return env.SWITCHBOARD_DATA_DIR
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard')
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Switchboard')
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Switchboard')
  }
}
