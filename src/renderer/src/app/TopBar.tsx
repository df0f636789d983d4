import { PanelRight, Search, Settings } from 'lucide-react'
import { useState } from 'react'
import { useSetSetting, useSetting } from '../api/settings'
import { SettingsDialog } from '../features/settings'
import { Kbd, modKey } from '../ui/Kbd'
import { useShell } from './ui-store'

export function TopBar() {
  const openPalette = useShell((s) => s.setPaletteOpen)
  const panelOpen = useSetting('ui.contextPanelOpen')
  const setSetting = useSetSetting()
  const [settingsOpen, setSettingsOpen] = useState(false)
  return (
    <div className="topbar">
      <button type="button" className="topbar__search" onClick={() => openPalette(true)}>
        <Search aria-hidden size={16} />
        <span>Search or jump to…</span>
        <Kbd>{modKey} K</Kbd>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-pressed={panelOpen}
        aria-label={panelOpen ? 'Hide context panel' : 'Show context panel'}
        title={`Context panel, beside an open device, ticket or client (${modKey}+.)`}
        onClick={() => setSetting.mutate({ key: 'ui.contextPanelOpen', value: !panelOpen })}
      >
        <PanelRight aria-hidden size={18} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Settings"
        title="Settings: log file and diagnostics"
        onClick={() => setSettingsOpen(true)}
      >
        <Settings aria-hidden size={18} />
      </button>
      {settingsOpen ? <SettingsDialog onClose={() => setSettingsOpen(false)} /> : null}
    </div>
  )
}
