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
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
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

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''))
}

function runScanner(reportFile) {
  const result = spawnSync(
    'npx',
    ['electronegativity', '-i', inputDir, '-e', electronVersion(), '-r', '-o', reportFile],
    {
      cwd: root,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      env: { ...process.env, FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    },
  )
  if (result.error) throw new Error(`could not run electronegativity: ${result.error.message}`)
  if (!existsSync(reportFile)) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim()
    throw new Error(`electronegativity wrote no report (exit ${result.status}):\n${output}`)
  }
}

function readFindings(reportFile) {
  const [header, ...rows] = parseCsv(readFileSync(reportFile, 'utf8'))
  if (!header) throw new Error('the electronegativity report is empty')
  const columns = header.map((name) => name.trim().toLowerCase())
  const expected = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample']
  for (const name of expected) {
    if (!columns.includes(name)) {
      throw new Error(`the report has no "${name}" column (columns: ${columns.join(', ')})`)
    }
  }
  return rows.map((cells) => {
    const get = (name) => (cells[columns.indexOf(name)] ?? '').trim()
    const filename = get('filename')
    return {
      check: get('issue'),
      severity: get('severity').toUpperCase(),
      confidence: get('confidence').toUpperCase(),
      // Reported relative to src/ (-r); made relative to the repository like the allowlist.
      // Global checks (a handler missing everywhere) have no file.
      file:
        filename === 'N/A' || filename === ''
          ? GLOBAL_FILE
          : join(inputDir, filename).split('\\').join('/'),
      location: get('location'),
      sample: get('sample'),
    }
  })
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

function main() {
  const allowlist = readAllowlist()
  const workDir = mkdtempSync(join(tmpdir(), 'switchboard-electronegativity-'))
  let findings
  try {
    const reportFile = join(workDir, 'findings.csv')
    runScanner(reportFile)
    findings = readFindings(reportFile)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }

  const problems = []
  // With -o the CLI keeps parse errors to itself, and a file it cannot parse is silently not
  // checked: parse every file here with the scanner's own parser first.
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

try {
  main()
} catch (error) {
  console.error(`Electronegativity check could not run: ${error.message}`)
  process.exitCode = 2
}
