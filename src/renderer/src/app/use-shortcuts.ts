import { useEffect } from 'react'
import { useLocation } from 'wouter'
import { useSetSetting, useSetting } from '../api/settings'
import { sections } from './sections'
import { useShell } from './ui-store'

/** Global keys: Ctrl/Cmd+K palette, Alt+1…5 sections, Ctrl/Cmd+. context panel. */
export function useShortcuts(): void {
  const [, navigate] = useLocation()
  const setPaletteOpen = useShell((s) => s.setPaletteOpen)
  const panelOpen = useSetting('ui.contextPanelOpen')
  const setSetting = useSetSetting()

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = e.ctrlKey || e.metaKey
      if (mod && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        setPaletteOpen(!useShell.getState().paletteOpen)
        return
      }
      if (mod && e.key === '.') {
        e.preventDefault()
        setSetting.mutate({ key: 'ui.contextPanelOpen', value: !panelOpen })
        return
      }
      if (e.altKey && !mod && !e.shiftKey) {
        const section = sections.find((s) => e.code === `Digit${s.shortcut}`)
        if (section) {
          e.preventDefault()
          navigate(section.path)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate, setPaletteOpen, panelOpen, setSetting])
}
