import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Electron's binary, or why there is none. Read from the package's path.txt rather than by
 * requiring 'electron', which would try to download the binary (impossible on these machines).
 */
export function electronBinary(): { path: string } | { missing: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const overrideDir = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(packageDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  if (!relative && !overrideDir) {
    return {
      missing: 'Electron binary is not installed (its download is not possible on this machine)',
    }
  }
  const path = join(overrideDir ?? join(packageDir, 'dist'), relative ?? 'electron')
  return existsSync(path) ? { path } : { missing: `Electron binary not found at ${path}` }
}
