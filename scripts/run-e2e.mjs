// Runs Playwright; where there is no display (CI, SSH), wraps it in xvfb-run so the Electron
// project can open real windows when its binary exists. Chromium runs headless either way.
import { spawnSync } from 'node:child_process'

const args = ['playwright', 'test', ...process.argv.slice(2)]
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0
const [command, commandArgs] =
  needsDisplay && hasXvfb ? ['xvfb-run', ['--auto-servernum', 'npx', ...args]] : ['npx', args]
const result = spawnSync(command, commandArgs, { stdio: 'inherit' })
process.exit(result.status ?? 1)
