import { Download, FastForward, Pause, Play } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { RecordingSummary } from '@shared/contract'
import { useRecording } from '../../api/sessions'
import { formatClock, parseAsciicast } from './asciicast'
import { CastPlayer, type PlayerClock } from './cast-player'
import { downloadCast } from './download-cast'
import { useTerminalHub } from './use-hub'
import { createSecureTerminal, readTerminalTheme } from './xterm-setup'

const speeds = [1, 2, 4] as const

/** A read-only terminal that replays one recording, with play/pause, speed and skip to end. */
export function RecordingPlayer(props: { recording: RecordingSummary }) {
  const { recording } = props
  const hub = useTerminalHub()
  const query = useRecording(recording.id, recording.endedAt === null)
  const screen = useRef<HTMLDivElement>(null)
  const player = useRef<CastPlayer | null>(null)
  const [clock, setClock] = useState<PlayerClock>({ elapsed: 0, playing: false })
  const [speed, setSpeed] = useState<number>(1)

  const text = query.data?.asciicast
  const parsed = useMemo(() => {
    if (text === undefined) return null
    try {
      return { cast: parseAsciicast(text), error: null }
    } catch (error) {
      return { cast: null, error: error instanceof Error ? error.message : String(error) }
    }
  }, [text])
  const cast = parsed?.cast ?? null

  useEffect(() => {
    const container = screen.current
    if (!cast || !container) return
    const term = createSecureTerminal((url) => hub.openLink(url), {
      cols: cast.cols,
      rows: cast.rows,
      disableStdin: true,
      cursorBlink: false,
      scrollback: 5000,
    })
    term.open(container)
    const instance = new CastPlayer(cast, term, setClock)
    player.current = instance
    instance.play()
    const theme = new MutationObserver(() => (term.options.theme = readTerminalTheme()))
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      theme.disconnect()
      instance.dispose()
      term.dispose()
      player.current = null
    }
  }, [cast, hub])

  useEffect(() => player.current?.setSpeed(speed), [speed, cast])

  if (query.isError) return <p role="alert">Could not load the recording: {query.error.message}</p>
  if (parsed?.error) return <p role="alert">This recording cannot be played: {parsed.error}</p>

  return (
    <div className="cast-player" aria-label={`Recording ${recording.title}`} role="region">
      <div className="cast-player__controls">
        <button
          type="button"
          className="term-button term-button--primary"
          disabled={!cast}
          onClick={() => (clock.playing ? player.current?.pause() : player.current?.play())}
        >
          {clock.playing ? <Pause aria-hidden size={14} /> : <Play aria-hidden size={14} />}
          {clock.playing ? 'Pause' : 'Play'}
        </button>
        <div className="cast-player__speeds" role="group" aria-label="Speed">
          {speeds.map((s) => (
            <button
              key={s}
              type="button"
              className="term-button term-button--quiet"
              aria-pressed={speed === s}
              onClick={() => setSpeed(s)}
            >
              {s}×
            </button>
          ))}
        </div>
        <button
          type="button"
          className="term-button"
          disabled={!cast}
          onClick={() => player.current?.skipToEnd()}
        >
          <FastForward aria-hidden size={14} />
          Skip to end
        </button>
        <span className="cast-player__clock" data-testid="cast-clock">
          {formatClock(clock.elapsed)} / {formatClock(cast?.duration ?? 0)}
        </span>
        <span className="cast-player__spacer" />
        <button
          type="button"
          className="term-button"
          disabled={text === undefined}
          onClick={() => text !== undefined && downloadCast(recording, text)}
        >
          <Download aria-hidden size={14} />
          Export
        </button>
      </div>
      <div className="cast-player__screen" ref={screen} data-testid="cast-screen" />
    </div>
  )
}
