import { Command } from 'cmdk'
import type { LucideIcon } from 'lucide-react'
import { Kbd } from '../../ui/Kbd'
import type { PaletteUiEntry } from './palette-item'
import { matchCommand } from './palette-rank'

/** An action the palette runs; found by the words of its label and its keywords. */
export interface PaletteCommand {
  label: string
  keywords?: readonly string[]
  icon: LucideIcon
  /** Its heading when nothing is typed ("Go to", "View"). */
  group: string
  shortcut?: string
  run(): void
}

/**
 * The commands that match what is typed, as palette entries. `order` follows the list, so
 * commands that score alike keep the order they are declared in.
 */
export function commandEntries(
  typed: string,
  commands: readonly PaletteCommand[],
  onDone: () => void,
): PaletteUiEntry[] {
  return commands.flatMap((command, index) => {
    const match = matchCommand(typed, command.label, command.keywords)
    if (!match) return []
    const Icon = command.icon
    return [
      {
        key: command.label,
        kind: 'command',
        match,
        order: index,
        group: command.group,
        item: {
          value: command.label,
          node: (
            <Command.Item
              value={command.label}
              onSelect={() => {
                onDone()
                command.run()
              }}
              className="palette__item"
            >
              <Icon aria-hidden size={16} />
              <span>{command.label}</span>
              {command.shortcut ? <Kbd>{command.shortcut}</Kbd> : null}
            </Command.Item>
          ),
        },
      },
    ]
  })
}
