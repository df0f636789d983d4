import type { ReactNode } from 'react'
import type { PaletteEntry } from './palette-rank'

/** One thing the palette lists: its first item's cmdk value (for Enter) and what it draws. */
export interface PaletteItem {
  value: string
  node: ReactNode
}

export type PaletteUiEntry = PaletteEntry<PaletteItem>
