import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { join, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'

const repoRoot = resolve(import.meta.dirname, '../../..')
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

/** Changes one source file while bundling (a deliberate fault, to prove a check can fail). */
export interface SourcePatch {
  /** Path relative to the repository, e.g. src/main/services/tickets/ticket-service.ts. */
  file: string
  patch(source: string): string
}

/** Packages with native parts; everything else is bundled, so a start loads one file. */
const NATIVE_PACKAGES = new Set(['better-sqlite3', 'ssh2', 'cpu-features'])
const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

/**
 * Native packages stay outside the bundle and are imported by absolute path: the bundle lives
 * in a temp dir with no node_modules above it.
 */
const nativePackagesByPath: Plugin = {
  name: 'native-packages-by-path',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (builtins.has(args.path)) return { external: true }
      if (args.pluginData === 'inner' || !NATIVE_PACKAGES.has(packageName(args.path))) {
        return undefined
      }
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      })
      if (found.errors.length > 0) return { errors: found.errors }
      return { path: found.path, external: true }
    })
  },
}

function patching(patches: readonly SourcePatch[]): Plugin {
  return {
    name: 'source-patches',
    setup(b) {
      for (const { file, patch } of patches) {
        const absolute = join(repoRoot, file)
        const escaped = absolute.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        b.onLoad({ filter: new RegExp(`^${escaped}$`) }, async (args) => {
          const source = await readFile(args.path, 'utf8')
          const patched = patch(source)
          if (patched === source) throw new Error(`The patch for ${file} changed nothing`)
          return { contents: patched, loader: 'ts' }
        })
      }
    },
  }
}

/**
 * Bundles the headless host's entry (the one `npm run web` runs, src/main/headless/cli.ts)
 * into `outDir/main/headless.mjs`, so tests can start the real host as a plain `node` child
 * without `npm run build` having run. Takes well under a second.
 */
export async function bundleHeadlessHost(
  outDir: string,
  options: {
    /** Another entry with the same command line, relative to the repository (a test host). */
    entry?: string
    patches?: readonly SourcePatch[]
  } = {},
): Promise<string> {
  const outfile = join(outDir, 'main', 'headless.mjs')
  await build({
    entryPoints: [join(repoRoot, options.entry ?? 'src/main/headless/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Linked, not inline: each restart reads and parses the whole file.
    sourcemap: 'linked',
    logLevel: 'error',
    // Bundled CommonJS packages (ws, ...) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [nativePackagesByPath, patching(options.patches ?? [])],
  })
  // The host serves the renderer from ../renderer beside its entry; these tests only use /rpc.
  await mkdir(join(outDir, 'renderer'), { recursive: true })
  await writeFile(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>host</title>')
  return outfile
}
