/** Parsers for commands that Linux and macOS share. */

import { lines, uniqueSorted } from './text'

/** The three fields of `uname -srm`. */
export interface Uname {
  kernelName: string
  kernelRelease: string
  machine: string
}

/** `uname -srm` ("Linux 6.1.0-18-amd64 x86_64", "Darwin 23.4.0 arm64"). */
export function parseUname(text: string): Uname | undefined {
  const first = lines(text)[0]
  const fields = first?.split(/\s+/) ?? []
  if (fields.length !== 3) return undefined
  const [kernelName, kernelRelease, machine] = fields as [string, string, string]
  const plain = /^[A-Za-z0-9._+~-]+$/
  if (!/^[A-Za-z][\w-]*$/.test(kernelName) || !plain.test(kernelRelease) || !plain.test(machine)) {
    return undefined
  }
  return { kernelName, kernelRelease, machine }
}

// `who -H` prints a header in the session's language (NAME, USER, BENUTZER, NOM...). User
// names are practically never all upper case, so an all-caps first word marks the header.
const HEADER = /^[A-Z\u00C0-\u00DE]+$/

/** User names from `who`, de-duplicated and sorted; [] when nobody is logged in. */
export function parseWho(text: string): string[] {
  const users: string[] = []
  for (const line of lines(text)) {
    // A session line is at least user, terminal and login time; shorter lines are noise.
    const [user, ...rest] = line.split(/\s+/)
    if (!user || rest.length < 2 || HEADER.test(user)) continue
    users.push(user)
  }
  return uniqueSorted(users)
}
