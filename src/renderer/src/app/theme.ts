import { useEffect, useSyncExternalStore } from 'react'
import type { Theme } from '@shared/contract/settings'
import { useSetting } from '../api/settings'

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)')

function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const q = darkQuery()
      q.addEventListener('change', notify)
      return () => q.removeEventListener('change', notify)
    },
    () => darkQuery().matches,
  )
}

export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light'
  return theme
}

/** Applies the stored theme (or the OS one) to <html data-theme>. */
export function useAppliedTheme(): 'light' | 'dark' {
  const theme = useSetting('ui.theme')
  const resolved = resolveTheme(theme, useSystemPrefersDark())
  useEffect(() => {
    document.documentElement.dataset.theme = resolved
  }, [resolved])
  return resolved
}
