import { Command } from 'cmdk'
import { Fragment, useState } from 'react'
import { Moon, PanelRight, Sun, SunMoon } from 'lucide-react'
import { useLocation } from 'wouter'
import type { Theme } from '@shared/contract/settings'
import { useSetSetting, useSetting } from '../api/settings'
import { useSyncPaletteCommands } from '../features/sync'
import { useClientPaletteEntries } from '../features/inventory/palette/client-palette-entries'
import { useDevicePaletteEntries } from '../features/inventory/palette/device-palette-entries'
import { useTicketPaletteCommands, useTicketPaletteEntries } from '../features/tickets'
import { useVendorPaletteEntries } from '../features/vendors/palette/vendor-palette-entries'
import { commandEntries, type PaletteCommand } from './palette/palette-commands'
import { rankPalette } from './palette/palette-rank'
import { sections } from './sections'
import { useShell } from './ui-store'

const themeChoices: { theme: Theme; label: string; icon: typeof Sun }[] = [
  { theme: 'light', label: 'Theme: Light', icon: Sun },
  { theme: 'dark', label: 'Theme: Dark', icon: Moon },
  { theme: 'system', label: 'Theme: Follow the system', icon: SunMoon },
]

/**
 * Ctrl/Cmd+K: jump anywhere and run any action from the keyboard. The palette does its own
 * matching and ordering (palette/palette-rank.ts) instead of cmdk's fuzzy filter, which let
 * a ticket mentioning "theme" outrank the theme commands and found "Theme: Dark" for "dark
 * theme" not at all, and could not put an exact match from main's answers first.
 */
export function CommandPalette() {
  const open = useShell((s) => s.paletteOpen)
  const setOpen = useShell((s) => s.setPaletteOpen)
  const [, navigate] = useLocation()
  const setSetting = useSetSetting()
  const panelOpen = useSetting('ui.contextPanelOpen')
  const [typed, setTyped] = useState('')
  // The highlighted item, held here so the best match can be put under the cursor when it
  // arrives after the typing (a looked-up ticket number, main's devices): Enter goes there.
  const [selected, setSelected] = useState('')
  // Each opening starts afresh: a value kept from the last one names an item no longer there.
  const [openedBefore, setOpenedBefore] = useState(open)
  if (open !== openedBefore) {
    setOpenedBefore(open)
    setSelected('')
    setTyped('')
  }
  const done = () => setOpen(false)
  const ticketCommands = useTicketPaletteCommands()
  const syncCommands = useSyncPaletteCommands()
  const clients = useClientPaletteEntries(typed, done)
  const vendors = useVendorPaletteEntries(typed, done)
  const devices = useDevicePaletteEntries(typed, done)
  const tickets = useTicketPaletteEntries(typed, done)

  const commands: PaletteCommand[] = [
    ...sections.map((section) => ({
      label: `Go to ${section.label}`,
      keywords: [section.id],
      icon: section.icon,
      group: 'Go to',
      shortcut: `Alt ${section.shortcut}`,
      run: () => navigate(section.path),
    })),
    {
      label: panelOpen ? 'Hide context panel' : 'Show context panel',
      keywords: ['vendor', 'sidebar'],
      icon: PanelRight,
      group: 'View',
      run: () => setSetting.mutate({ key: 'ui.contextPanelOpen', value: !panelOpen }),
    },
    ...themeChoices.map(({ theme, label, icon }) => ({
      label,
      keywords: ['appearance', 'colour', 'color'],
      icon,
      group: 'View',
      run: () => setSetting.mutate({ key: 'ui.theme', value: theme }),
    })),
    ...ticketCommands,
    ...syncCommands,
  ]
  const ranked = rankPalette(typed, [
    ...commandEntries(typed, commands, done),
    ...clients,
    ...vendors,
    ...devices,
    ...tickets,
  ])

  // A new first item (main's answer came, a number was found) takes the cursor, so Enter
  // runs the best match; the arrow keys still move freely until the list changes again.
  const first = ranked[0]?.entries[0]?.item.value ?? ''
  const [firstBefore, setFirstBefore] = useState(first)
  if (first !== firstBefore) {
    setFirstBefore(first)
    if (first !== '') setSelected(first)
  }

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      shouldFilter={false}
      value={selected}
      onValueChange={setSelected}
      loop
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Command.Input
        className="palette__input"
        placeholder="Type a command or search…"
        value={typed}
        onValueChange={setTyped}
      />
      <Command.List className="palette__list">
        <Command.Empty className="palette__empty">Nothing matches.</Command.Empty>
        {ranked.map((section) => (
          <Command.Group key={section.heading} heading={section.heading}>
            {section.entries.map((entry) => (
              <Fragment key={entry.key}>{entry.item.node}</Fragment>
            ))}
          </Command.Group>
        ))}
      </Command.List>
    </Command.Dialog>
  )
}
