import { Command, useCommandState } from 'cmdk'
import { Monitor, TerminalSquare } from 'lucide-react'
import { Fragment } from 'react'
import { useLocation } from 'wouter'
import { useDeviceSearch } from '../../../api/inventory'
import { useOpenDeviceSession } from '../../terminal'
import { openDevicesWith } from '../devices/view-store'
import { roleIcons } from '../role-icons'
import { PALETTE_LIMIT, paletteDeviceMeta, paletteDeviceQuery } from './palette-search'
import { useDebounced } from '../../../ui/use-debounced'
import './palette.css'

const DEBOUNCE_MS = 120

/**
 * The palette's "Devices" group: what is typed (two characters or more) searched across the
 * inventory, each device with "open" and "SSH to" items. Main has already matched them, so
 * each item carries the typed text as a keyword and the palette's own filter keeps it.
 */
export function DevicePaletteGroup({ onDone }: { onDone(): void }) {
  const typed = useCommandState((state) => state.search)
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

  if (live === null) return null
  // A disabled item, not Command.Loading: it counts as a match, so "Nothing matches" waits
  // for the answer instead of flashing before it.
  const note = (text: string) => (
    <Command.Group heading="Devices">
      <Command.Item
        disabled
        value="devices note"
        keywords={[typed]}
        className="palette__item palette-devices__note"
      >
        {text}
      </Command.Item>
    </Command.Group>
  )
  if (result.isError) return note(`Device search failed: ${result.error.message}`)
  const rows = query === null ? [] : (result.data?.rows ?? [])
  if (rows.length === 0) {
    const waiting = query !== live || result.isFetching || result.isPending
    return waiting ? note('Searching devices…') : null
  }
  const more = (result.data?.total ?? 0) - rows.length
  return (
    <Command.Group heading="Devices">
      {rows.map((row) => {
        const Icon = roleIcons[row.role]
        return (
          <Fragment key={row.id}>
            <Command.Item
              value={`device ${row.id}`}
              keywords={[typed]}
              onSelect={() => {
                onDone()
                navigate(`~/devices/${encodeURIComponent(row.id)}`)
              }}
              className="palette__item palette-device"
            >
              <Icon aria-hidden size={16} />
              <span className="palette-device__text">
                <span className="palette-device__name">{row.hostname}</span>
                <span className="palette-device__meta">{paletteDeviceMeta(row)}</span>
              </span>
            </Command.Item>
            <Command.Item
              value={`ssh ${row.id}`}
              keywords={[typed]}
              onSelect={() => {
                onDone()
                void openSession(row.id)
              }}
              className="palette__item palette-device palette-device--ssh"
            >
              <TerminalSquare aria-hidden size={14} />
              <span>SSH to {row.hostname}</span>
            </Command.Item>
          </Fragment>
        )
      })}
      {more > 0 ? (
        <Command.Item
          value="devices all matches"
          keywords={[typed]}
          onSelect={() => {
            onDone()
            openDevicesWith({ query: query ?? live })
            navigate('~/devices')
          }}
          className="palette__item palette-device palette-device--more"
        >
          <Monitor aria-hidden size={14} />
          <span>{more.toLocaleString()} more in Devices…</span>
        </Command.Item>
      ) : null}
    </Command.Group>
  )
}
