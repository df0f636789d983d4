// Runs Electronegativity over src/ and fails on any HIGH or MEDIUM finding that
// security/electronegativity-allowlist.json does not explain. Electronegativity itself exits 0
// whatever it finds, so this script reads its CSV report and decides.
//
//   npm run test:security
//
// Allowlist entries: { "check": ID, "file": "src/...", "reason": "...", "sample"?: "..." };
// a global check (e.g. a handler missing everywhere) has "file": "(global)".
// `sample` (optional) narrows an entry to findings whose code sample contains that text, so a
// new, unreviewed call of the same kind in the same file still fails. An entry that matches no
// finding is stale and fails too. Inline `eng-disable` comments are refused: every exception
// goes through the allowlist, with its reason, where a reviewer sees it.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const inputDir = 'src'
const allowlistPath = join(root, 'security', 'electronegativity-allowlist.json')
const failingSeverities = new Set(['HIGH', 'MEDIUM'])
/** The `file` of a global finding, which is about the whole app rather than one file. */
const GLOBAL_FILE = '(global)'

/** Electronegativity guesses v0.1.0 (every default insecure) unless told the real version. */
function electronVersion() {
  const require = createRequire(join(root, 'package.json'))
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
}

/**
 * Runs the scanner through its programmatic API. (Its CLI's CSV report is written by two racing
 * async writes, header and rows, and came out garbled on a loaded machine.)
 */
async function scan() {
  const require = createRequire(join(root, 'package.json'))
  // Babel's add-module-exports: the module is the function itself.
  const runner = require('@doyensec/electronegativity/dist/runner.js')
  const run = typeof runner === 'function' ? runner : runner.default
  const input = join(root, inputDir)
  const result = await run({
    input,
    electronVersionOverride: electronVersion(),
    isRelative: false,
    customScan: [],
    excludeFromScan: [],
  })
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: String(issue.severity?.name ?? '').toUpperCase(),
    confidence: String(issue.confidence?.name ?? '').toUpperCase(),
    // Global checks (a handler missing everywhere) have no file.
    file:
      !issue.file || issue.file === 'N/A'
        ? GLOBAL_FILE
        : relative(root, resolve(input, issue.file)).split('\\').join('/'),
    location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
    sample: String(issue.sample ?? '').trim(),
  }))
  const errors = result.errors.map(
    (error) => `scanner error in ${error.file ?? '?'}: ${error.message ?? JSON.stringify(error)}`,
  )
  return { findings, errors }
}

function readAllowlist() {
  const entries = JSON.parse(readFileSync(allowlistPath, 'utf8'))
  if (!Array.isArray(entries)) throw new Error(`${allowlistPath} must hold a JSON array`)
  entries.forEach((entry, index) => {
    const where = `allowlist entry ${index + 1}`
    const known = new Set(['check', 'file', 'reason', 'sample'])
    for (const key of Object.keys(entry ?? {})) {
      if (!known.has(key)) throw new Error(`${where} has an unknown key "${key}"`)
    }
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry?.[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${where} needs a non-empty "${key}"`)
      }
    }
    if (entry.reason.trim().length < 40) {
      throw new Error(`${where} (${entry.check}) needs a concrete reason, not "${entry.reason}"`)
    }
    if (entry.sample !== undefined && (typeof entry.sample !== 'string' || !entry.sample)) {
      throw new Error(`${where} has an empty "sample"`)
    }
  })
  return entries
}

const matches = (entry, finding) =>
  entry.check === finding.check &&
  entry.file === finding.file &&
  (entry.sample === undefined || finding.sample.includes(entry.sample))

/** Every JS/TS file in dir the scanner's parser rejects (it tries Babel, then typescript-estree). */
function unparsableFiles(dir) {
  const require = createRequire(join(root, 'package.json'))
  let Parser
  try {
    ;({ Parser } = require('@doyensec/electronegativity/dist/parser/parser.js'))
  } catch (error) {
    return [`cannot load the electronegativity parser to confirm every file is scanned: ${error}`]
  }
  // The same settings the scanner's runner uses.
  const parser = new Parser(false, true)
  const problems = []
  for (const path of listFiles(dir)) {
    if (!/\.(jsx?|tsx?)$/.test(path)) continue
    try {
      parser.parse(path, readFileSync(path))
    } catch (error) {
      problems.push(`not scanned, unparsable: ${relative(root, path)}: ${error.message}`)
    }
  }
  return problems
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? listFiles(path) : [path]
  })
}

/** Inline suppressions would hide findings from the report, and so from the allowlist. */
function findInlineSuppressions(dir) {
  const found = []
  for (const path of listFiles(dir)) {
    if (!/\.(m?[jt]sx?|cjs|html?)$/.test(path)) continue
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/eng-disable/.test(line)) found.push(`${relative(root, path)}:${i + 1}`)
      })
  }
  return found
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  )
}

async function main() {
  const allowlist = readAllowlist()
  const { findings, errors } = await scan()

  const problems = [...errors]
  // A file the scanner cannot parse is not checked: parse every file here with the scanner's
  // own parser too, so such a file fails the run instead.
  problems.push(...unparsableFiles(join(root, inputDir)))
  for (const where of findInlineSuppressions(join(root, inputDir))) {
    problems.push(`inline eng-disable at ${where}: use the allowlist instead`)
  }

  const rows = [['SEVERITY', 'CHECK', 'WHERE', 'VERDICT']]
  const used = new Set()
  for (const finding of findings) {
    const entry = allowlist.find((e) => matches(e, finding))
    if (entry) used.add(entry)
    const failing = failingSeverities.has(finding.severity)
    const verdict = entry ? 'allowlisted' : failing ? 'FAIL' : 'info'
    if (failing && !entry) {
      problems.push(`${finding.check} in ${finding.file}:${finding.location}: ${finding.sample}`)
    }
    rows.push([finding.severity, finding.check, `${finding.file}:${finding.location}`, verdict])
  }
  for (const entry of allowlist) {
    if (!used.has(entry)) {
      problems.push(`stale allowlist entry: ${entry.check} in ${entry.file} matches no finding`)
    }
  }

  console.log(`Electronegativity scan of ${inputDir}/ (Electron ${electronVersion()})`)
  if (findings.length) for (const line of table(rows)) console.log(`  ${line}`)
  else console.log('  no findings')
  const failing = findings.filter((f) => failingSeverities.has(f.severity)).length
  console.log(
    `  ${findings.length} finding(s), ${failing} HIGH/MEDIUM, ${used.size} allowlisted, ` +
      `${problems.length} problem(s)`,
  )
  if (problems.length) {
    console.error('\nElectronegativity check failed:')
    for (const problem of problems) console.error(`  - ${problem}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(`Electronegativity check could not run: ${error.message}`)
  process.exitCode = 2
})
