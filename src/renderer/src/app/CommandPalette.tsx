import { Command } from 'cmdk'
import { useState } from 'react'
import { Moon, PanelRight, Sun, SunMoon } from 'lucide-react'
import { useLocation } from 'wouter'
import type { Theme } from '@shared/contract/settings'
import { useSetSetting, useSetting } from '../api/settings'
import { SyncPaletteGroup } from '../features/sync'
import { DevicePaletteGroup } from '../features/inventory/palette/DevicePaletteGroup'
import { TicketPaletteGroup } from '../features/tickets'
import { Kbd } from '../ui/Kbd'
import { sections } from './sections'
import { useShell } from './ui-store'

const themeChoices: { theme: Theme; label: string; icon: typeof Sun }[] = [
  { theme: 'light', label: 'Theme: Light', icon: Sun },
  { theme: 'dark', label: 'Theme: Dark', icon: Moon },
  { theme: 'system', label: 'Theme: Follow the system', icon: SunMoon },
]

/** Ctrl/Cmd+K: jump anywhere and run any action from the keyboard. */
export function CommandPalette() {
  const open = useShell((s) => s.paletteOpen)
  const setOpen = useShell((s) => s.setPaletteOpen)
  const [, navigate] = useLocation()
  const setSetting = useSetSetting()
  const panelOpen = useSetting('ui.contextPanelOpen')
  // The highlighted item, held here so a group can put an exact match under the cursor when
  // it arrives after the typing (a looked-up ticket number): Enter then goes there.
  const [selected, setSelected] = useState('')
  // Each opening starts afresh: a value kept from the last one names an item no longer there.
  const [openedBefore, setOpenedBefore] = useState(open)
  if (open !== openedBefore) {
    setOpenedBefore(open)
    setSelected('')
  }

  const run = (action: () => void) => () => {
    setOpen(false)
    action()
  }

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      value={selected}
      onValueChange={setSelected}
      loop
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Command.Input className="palette__input" placeholder="Type a command or search…" />
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">Nothing matches.</Command.Empty>
        <DevicePaletteGroup onDone={() => setOpen(false)} />
        <TicketPaletteGroup onDone={() => setOpen(false)} onExactMatch={setSelected} />
        <SyncPaletteGroup onDone={() => setOpen(false)} />
        <Command.Group heading="Go to">
          {sections.map((section) => {
            const Icon = section.icon
            return (
              <Command.Item
                key={section.id}
                value={`Go to ${section.label}`}
                keywords={[section.id]}
                onSelect={run(() => navigate(section.path))}
                className="palette__item"
              >
                <Icon aria-hidden size={16} />
                <span>Go to {section.label}</span>
                <Kbd>Alt {section.shortcut}</Kbd>
              </Command.Item>
            )
          })}
        </Command.Group>
        <Command.Group heading="View">
          <Command.Item
            value={panelOpen ? 'Hide context panel' : 'Show context panel'}
            keywords={['vendor', 'sidebar']}
            onSelect={run(() =>
              setSetting.mutate({ key: 'ui.contextPanelOpen', value: !panelOpen }),
            )}
            className="palette__item"
          >
            <PanelRight aria-hidden size={16} />
            <span>{panelOpen ? 'Hide context panel' : 'Show context panel'}</span>
          </Command.Item>
          {themeChoices.map(({ theme, label, icon: Icon }) => (
            <Command.Item
              key={theme}
              value={label}
              keywords={['appearance', 'colour', 'color']}
              onSelect={run(() => setSetting.mutate({ key: 'ui.theme', value: theme }))}
              className="palette__item"
            >
              <Icon aria-hidden size={16} />
              <span>{label}</span>
            </Command.Item>
          ))}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  )
}
