/** `npm run web`: the headless host as the app runs it, with no seams set. */
import { runHeadlessCli } from './cli-main'

runHeadlessCli()
