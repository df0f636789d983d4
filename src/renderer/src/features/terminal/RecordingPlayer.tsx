import { Download, FastForward, Pause, Play } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { RECORDING_CHUNK_MAX_BYTES, type RecordingSummary } from '@shared/contract'
import { useRecording, useRecordingReader } from '../../api/sessions'
import { formatClock } from './asciicast'
import { CastPlayer, type PlayerClock } from './cast-player'
import { downloadCast } from './download-cast'
import { useTerminalHub } from './use-hub'

const speeds = [1, 2, 4] as const

/**
 * A read-only terminal that replays one recording, read in chunks as it plays, with
 * play/pause, speed, a position slider, skip to end and export.
 */
export function RecordingPlayer(props: { recording: RecordingSummary }) {
  const { recording } = props
  const hub = useTerminalHub()
  const query = useRecording(recording.id, recording.endedAt === null)
  const read = useRecordingReader(recording.id)
  const screen = useRef<HTMLDivElement>(null)
  const player = useRef<CastPlayer | null>(null)
  const [clock, setClock] = useState<PlayerClock>({ elapsed: 0, playing: false, loading: true })
  const [speed, setSpeed] = useState<number>(1)
  // The player may come after a speed was picked (its chunk loads first): it starts at it.
  const speedRef = useRef(speed)
  useEffect(() => {
    speedRef.current = speed
  }, [speed])
  const [problem, setProblem] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const index = query.data ?? null

  useEffect(() => {
    const container = screen.current
    if (!index || !container) return
    let stop: (() => void) | null = null
    let closed = false
    // xterm.js is its own chunk, fetched with the first terminal or recording shown.
    import('./xterm-setup')
      .then(({ createSecureTerminal, readTerminalTheme }) => {
        if (closed) return
        const term = createSecureTerminal((url) => hub.openLink(url), {
          cols: index.cols,
          rows: index.rows,
          disableStdin: true,
          cursorBlink: false,
          scrollback: 5000,
        })
        term.open(container)
        const instance = new CastPlayer(
          index,
          (offset) => read(offset),
          term,
          setClock,
          (message) => setProblem(`Could not read the whole recording: ${message}`),
        )
        player.current = instance
        instance.setSpeed(speedRef.current)
        instance.play()
        const theme = new MutationObserver(() => (term.options.theme = readTerminalTheme()))
        theme.observe(document.documentElement, {
          attributes: true,
          attributeFilter: ['data-theme'],
        })
        stop = () => {
          theme.disconnect()
          instance.dispose()
          term.dispose()
          player.current = null
        }
      })
      .catch((error: unknown) =>
        setProblem(
          `Could not open the player: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
    return () => {
      closed = true
      stop?.()
    }
  }, [index, read, hub])

  useEffect(() => player.current?.setSpeed(speed), [speed, index])

  const exportCast = (): void => {
    setExporting(true)
    downloadCast(recording, (offset) => read(offset, RECORDING_CHUNK_MAX_BYTES))
      .catch((error: unknown) =>
        setProblem(`Export failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => setExporting(false))
  }

  if (query.isError) return <p role="alert">Could not load the recording: {query.error.message}</p>

  const duration = index?.duration ?? 0
  return (
    <div className="cast-player" aria-label={`Recording ${recording.title}`} role="region">
      <div className="cast-player__controls">
        <button
          type="button"
          className="term-button term-button--primary"
          disabled={!index}
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
          disabled={!index}
          onClick={() => player.current?.skipToEnd()}
        >
          <FastForward aria-hidden size={14} />
          Skip to end
        </button>
        <input
          type="range"
          className="cast-player__position"
          aria-label="Position"
          aria-valuetext={`${formatClock(clock.elapsed)} of ${formatClock(duration)}`}
          min={0}
          max={Math.max(duration, 0.001)}
          step={0.1}
          value={Math.min(clock.elapsed, duration)}
          disabled={!index}
          onChange={(event) => void player.current?.seek(Number(event.currentTarget.value))}
        />
        <span className="cast-player__clock" data-testid="cast-clock" aria-busy={clock.loading}>
          {formatClock(clock.elapsed)} / {formatClock(duration)}
        </span>
        <span className="cast-player__spacer" />
        <button
          type="button"
          className="term-button"
          disabled={!index || exporting}
          onClick={exportCast}
        >
          <Download aria-hidden size={14} />
          {exporting ? 'Exporting…' : 'Export'}
        </button>
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
      <div className="cast-player__screen" ref={screen} data-testid="cast-screen" />
    </div>
  )
}
