import { Contact } from 'lucide-react'
import { useLocation } from 'wouter'
import type { VendorSummary } from '@shared/contract'
import { VENDOR_CATEGORY_LABELS } from '@shared/domain/vendors'
import { useVendors } from '../../../api/vendors'
import { Marked } from '../../../app/palette/Marked'
import { PaletteRow } from '../../../app/palette/PaletteRow'
import type { PaletteUiEntry } from '../../../app/palette/palette-item'
import { normalizeTyped, type PaletteMatch } from '../../../app/palette/palette-rank'
import { useDebounced } from '../../../ui/use-debounced'

const SHOWN = 5
const DEBOUNCE_MS = 120

/** How a vendor matched: its whole name is exact; else by name, or by what main found. */
export function matchVendor(typed: string, vendor: Pick<VendorSummary, 'name'>): PaletteMatch {
  const text = normalizeTyped(typed)
  const name = vendor.name.toLowerCase()
  if (name === text) return { exact: true, score: 3, field: null }
  if (name.startsWith(text)) return { exact: false, score: 2, field: null }
  if (name.includes(text)) return { exact: false, score: 1, field: null }
  return { exact: false, score: 0, field: 'a contact, account, contract or circuit number' }
}

/**
 * The palette's vendors: main searches names, contacts, account, contract and circuit numbers
 * (what a technician has in hand when a line is down). Choosing one opens its page.
 */
export function useVendorPaletteEntries(typed: string, onDone: () => void): PaletteUiEntry[] {
  const text = normalizeTyped(typed)
  const query = normalizeTyped(useDebounced(typed, DEBOUNCE_MS))
  const result = useVendors({ query }, { enabled: query.length >= 2 })
  const [, navigate] = useLocation()
  if (text.length < 2 || query.length < 2) return []
  const vendors = result.data?.vendors ?? []
  return vendors
    .map((vendor) => ({ vendor, match: matchVendor(text, vendor) }))
    .sort((a, b) => b.match.score - a.match.score)
    .slice(0, SHOWN)
    .map(({ vendor, match }, index) => {
      const value = `vendor ${vendor.id}`
      return {
        key: value,
        kind: 'vendor',
        match,
        order: index,
        item: {
          value,
          node: (
            <PaletteRow
              value={value}
              icon={Contact}
              onSelect={() => {
                onDone()
                navigate(`~/vendors/${encodeURIComponent(vendor.id)}`)
              }}
              name={<Marked text={vendor.name} typed={typed} />}
              meta={`${VENDOR_CATEGORY_LABELS[vendor.category]} · ${vendor.clients} clients`}
              matched={match.field ? `Matched ${match.field}` : null}
            />
          ),
        },
      }
    })
}
