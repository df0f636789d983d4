import { Building2 } from 'lucide-react'
import { useLocation } from 'wouter'
import { useClients } from '../../../api/inventory'
import { Marked } from '../../../app/palette/Marked'
import { PaletteRow } from '../../../app/palette/PaletteRow'
import type { PaletteUiEntry } from '../../../app/palette/palette-item'
import { matchClient, normalizeTyped } from '../../../app/palette/palette-rank'

/** A palette shows a handful; the client list is there for more. */
export const PALETTE_CLIENTS = 5

/**
 * The palette's clients, found by short code or name among every client (an MSP has tens or
 * hundreds, so the whole list is held and filtered here rather than asked for per key).
 * Choosing one opens it.
 */
export function useClientPaletteEntries(typed: string, onDone: () => void): PaletteUiEntry[] {
  const clients = useClients().data?.clients ?? []
  const [, navigate] = useLocation()
  if (normalizeTyped(typed) === '') return []
  const found = clients
    .map((client) => ({ client, match: matchClient(typed, client) }))
    .filter((c) => c.match !== null)
    // The best few, by the palette's own order: exact, then score, then name.
    .sort(
      (a, b) =>
        Number(b.match?.exact) - Number(a.match?.exact) ||
        (b.match?.score ?? 0) - (a.match?.score ?? 0) ||
        a.client.name.localeCompare(b.client.name, 'en') ||
        (a.client.id < b.client.id ? -1 : 1),
    )
    .slice(0, PALETTE_CLIENTS)
  return found.map(({ client, match }, index) => {
    const value = `client ${client.id}`
    const byCode = match?.field === 'code'
    return {
      key: value,
      kind: 'client',
      match: match ?? { exact: false, score: 0, field: null },
      order: index,
      item: {
        value,
        node: (
          <PaletteRow
            value={value}
            icon={Building2}
            onSelect={() => {
              onDone()
              navigate(`~/clients/${encodeURIComponent(client.id)}`)
            }}
            name={byCode ? client.name : <Marked text={client.name} typed={typed} />}
            meta={
              <>
                {byCode ? (
                  <mark className="palette__match">{client.shortCode}</mark>
                ) : (
                  client.shortCode
                )}
                {` · ${client.rollup.devices.toLocaleString()} devices`}
              </>
            }
          />
        ),
      },
    }
  })
}
