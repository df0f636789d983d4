import { electronBinary } from './electron-binary'

/** Says once, up front, why the Electron project will be skipped (if it will). */
export default function globalSetup(): void {
  const binary = electronBinary()
  if ('missing' in binary) {
    console.log(
      `\n[e2e] Electron project: SKIPPED — ${binary.missing}. The same specs run in Chromium.\n`,
    )
  } else {
    console.log(`\n[e2e] Electron project: running against ${binary.path}\n`)
  }
}
