import { Command } from 'cmdk'
import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

/**
 * A palette item for a thing (client, device, ticket): its name, a line about it, and, when
 * neither shows why it is listed, a line saying what matched.
 */
export function PaletteRow({
  value,
  icon: Icon,
  name,
  meta,
  matched,
  onSelect,
}: {
  value: string
  icon: LucideIcon
  name: ReactNode
  meta: ReactNode
  matched?: string | null
  onSelect(): void
}) {
  return (
    <Command.Item value={value} onSelect={onSelect} className="palette__item palette-row">
      <Icon aria-hidden size={16} />
      <span className="palette-row__text">
        <span className="palette-row__name">{name}</span>
        <span className="palette-row__meta">{meta}</span>
        {matched ? <span className="palette-row__meta">{matched}</span> : null}
      </span>
    </Command.Item>
  )
}
