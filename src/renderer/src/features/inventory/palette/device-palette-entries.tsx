import { Command } from 'cmdk'
import { Monitor, TerminalSquare } from 'lucide-react'
import { useLocation } from 'wouter'
import { useDeviceSearch } from '../../../api/inventory'
import type { PaletteUiEntry } from '../../../app/palette/palette-item'
import { matchDevice } from '../../../app/palette/palette-rank'
import { PaletteRow } from '../../../app/palette/PaletteRow'
import { useOpenDeviceSession } from '../../terminal'
import { matchHint } from '../devices/match-hint'
import { openDevicesWith } from '../devices/view-store'
import { roleIcons } from '../role-icons'
import { PALETTE_LIMIT, paletteDeviceMeta, paletteDeviceQuery } from './palette-search'
import { useDebounced } from '../../../ui/use-debounced'
import './palette.css'

const DEBOUNCE_MS = 120
/**
 * What a palette item shows of a device, so a match there is marked in place rather than
 * spelled out on a line of its own: the name, the client and the first address.
 */
const SHOWN_COLUMNS = ['hostname', 'client', 'ip']

/**
 * The palette's devices: what is typed (two characters or more) searched across the
 * inventory in main's order (exact and prefix matches first), each device with "open" and
 * "SSH to" items and a line saying what matched when its name or address does not show it.
 */
export function useDevicePaletteEntries(typed: string, onDone: () => void): PaletteUiEntry[] {
  const query = paletteDeviceQuery(useDebounced(typed, DEBOUNCE_MS))
  const live = paletteDeviceQuery(typed)
  const result = useDeviceSearch(
    {
      query: query ?? '',
      limit: PALETTE_LIMIT,
      offset: 0,
      sort: { column: 'hostname', direction: 'asc' },
    },
    { enabled: query !== null },
  )
  const [, navigate] = useLocation()
  const openSession = useOpenDeviceSession()

  if (live === null) return []
  // A disabled item, not Command.Loading: it counts as an item, so "Nothing matches" waits
  // for the answer instead of flashing before it.
  const note = (text: string): PaletteUiEntry[] => [
    {
      key: 'devices note',
      kind: 'device',
      match: { exact: false, score: 0, field: null },
      order: 0,
      item: {
        value: 'devices note',
        node: (
          <Command.Item
            disabled
            value="devices note"
            className="palette__item palette-devices__note"
          >
            {text}
          </Command.Item>
        ),
      },
    },
  ]
  if (result.isError) return note(`Device search failed: ${result.error.message}`)
  // Rows for slightly older text stay while the newer answer comes (no flicker per key);
  // whether one is exact is judged against what is typed now.
  const rows = query === null ? [] : (result.data?.rows ?? [])
  if (rows.length === 0) {
    const waiting = query !== live || result.isFetching || result.isPending
    return waiting ? note('Searching devices…') : []
  }
  const more = (result.data?.total ?? 0) - rows.length
  const entries: PaletteUiEntry[] = rows.map((row, index) => {
    const value = `device ${row.id}`
    return {
      key: value,
      kind: 'device',
      match: matchDevice(live, row),
      order: index,
      item: {
        value,
        node: (
          <>
            <PaletteRow
              value={value}
              icon={roleIcons[row.role]}
              onSelect={() => {
                onDone()
                navigate(`~/devices/${encodeURIComponent(row.id)}`)
              }}
              name={
                row.matched?.field === 'hostname' ? (
                  <mark className="palette__match">{row.hostname}</mark>
                ) : (
                  row.hostname
                )
              }
              meta={
                row.matched?.field === 'ip' && row.matched.value === row.ip ? (
                  <>
                    {row.clientName} · <mark className="palette__match">{row.ip}</mark>
                    {row.osName ? ` · ${row.osName}` : ''}
                  </>
                ) : (
                  paletteDeviceMeta(row)
                )
              }
              matched={matchHint(row, SHOWN_COLUMNS)}
            />
            <Command.Item
              value={`ssh ${row.id}`}
              onSelect={() => {
                onDone()
                void openSession(row.id)
              }}
              className="palette__item palette-device palette-device--ssh"
            >
              <TerminalSquare aria-hidden size={14} />
              <span>SSH to {row.hostname}</span>
            </Command.Item>
          </>
        ),
      },
    }
  })
  if (more > 0) {
    entries.push({
      key: 'devices all matches',
      kind: 'device',
      match: { exact: false, score: 0, field: null },
      // After every device main found.
      order: rows.length,
      item: {
        value: 'devices all matches',
        node: (
          <Command.Item
            value="devices all matches"
            onSelect={() => {
              onDone()
              openDevicesWith({ query: live })
              navigate('~/devices')
            }}
            className="palette__item palette-device palette-device--more"
          >
            <Monitor aria-hidden size={14} />
            <span>{more.toLocaleString()} more in Devices…</span>
          </Command.Item>
        ),
      },
    })
  }
  return entries
}
