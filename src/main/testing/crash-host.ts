/**
 * The crash loop's host entry when it runs with a deliberate fault: the same command line as
 * `npm run web`, with the fault named in SWITCHBOARD_CRASH_FAULT set through the services'
 * intentCommit seam. Bundled by the crash loop only; nothing in the app imports it.
 */
import { runHeadlessCli } from '../headless/cli-main'
import { CRASH_FAULT_ENV, CRASH_FAULTS, isCrashFault } from './crash-faults'

const fault = process.env[CRASH_FAULT_ENV] ?? ''
if (!isCrashFault(fault)) {
  process.stderr.write(
    `${CRASH_FAULT_ENV} must name one of ${Object.keys(CRASH_FAULTS).join(', ')}\n`,
  )
  process.exit(1)
}
runHeadlessCli({ intentCommit: CRASH_FAULTS[fault]() })
