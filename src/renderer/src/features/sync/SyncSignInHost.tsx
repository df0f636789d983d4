import { SignInDialog } from './SignInDialog'
import { useSyncUi } from './sync-ui-store'

/** Mounts the sign-in dialog wherever it was asked for (status bar, palette, Settings). */
export function SyncSignInHost() {
  const open = useSyncUi((s) => s.signInOpen)
  const setOpen = useSyncUi((s) => s.setSignInOpen)
  return open ? <SignInDialog onClose={() => setOpen(false)} /> : null
}
