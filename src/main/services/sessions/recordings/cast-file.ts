import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { RecordingChunk, RecordingKeyframe } from '../../../../shared/contract/recordings'
import {
  parseCastHeader,
  readCastLine,
  screenAfter,
  type CastClock,
} from '../../../../shared/domain/asciicast'
import { DomainError } from '../../../../shared/domain/errors'

/** A recording's shape for the player, from one pass over its file. */
export interface CastIndex {
  cols: number
  rows: number
  idleLimit: number
  duration: number
  totalBytes: number
  keyframes: RecordingKeyframe[]
}

/** Seek points closer than this (replay seconds) add little and only grow the index. */
const KEYFRAME_MIN_GAP_S = 1
/** Past this many, every other one is dropped: a seek then replays a little more. */
const KEYFRAME_MAX = 4000
/** A line longer than this is not one the recorder wrote; a chunk ends inside it. */
const LINE_MAX_BYTES = 8 * 1024 * 1024

const NEWLINE = 0x0a

/** Bytes up to and including the last newline among the first `length`; 0 when none. */
function lastLineEnd(buffer: Buffer, length: number): number {
  return length === 0 ? 0 : buffer.lastIndexOf(NEWLINE, length - 1) + 1
}

/**
 * Streams a .cast file once: its header, its replay duration (idle pauses shortened as the
 * player does) and the places a seek can start from. The first is the first event; the others
 * are events that leave the normal screen cleared, so a seek replays from the nearest one
 * before its target instead of from the start.
 */
export async function indexCast(file: string): Promise<CastIndex> {
  const input = createReadStream(file)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let offset = 0
  let header: ReturnType<typeof parseCastHeader> | null = null
  const clock: CastClock = { time: 0, rawTime: 0 }
  let size = { cols: 80, rows: 24 }
  let inAltScreen = false
  let duration = 0
  const keyframes: RecordingKeyframe[] = []
  try {
    for await (const line of lines) {
      const at = offset
      // The recorder writes LF-terminated JSON lines; JSON keeps any CR inside strings escaped.
      offset += Buffer.byteLength(line) + 1
      if (header === null) {
        try {
          header = parseCastHeader(line)
        } catch {
          throw new DomainError('unavailable', 'This recording cannot be played: not asciicast v2')
        }
        size = { cols: header.cols, rows: header.rows }
        keyframes.push({ offset, time: 0, rawTime: 0, ...size })
        continue
      }
      const before = { ...clock }
      const event = readCastLine(line, clock, header.idleLimit)
      if (!event) continue
      duration = event.time
      if (event.kind === 'resize') {
        size = { cols: event.cols, rows: event.rows }
        continue
      }
      const screen = screenAfter(event.data, inAltScreen)
      inAltScreen = screen.inAltScreen
      const last = keyframes.at(-1)
      if (screen.cleared && last && event.time - last.time >= KEYFRAME_MIN_GAP_S) {
        // The clock as it stood before this event: the player reads the event itself again.
        keyframes.push({ offset: at, time: before.time, rawTime: before.rawTime, ...size })
        if (keyframes.length > KEYFRAME_MAX) {
          const kept = keyframes.filter((_, i) => i === 0 || i % 2 === 1)
          keyframes.splice(0, keyframes.length, ...kept)
        }
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error
    throw new DomainError('not-found', 'The recording file could not be read')
  } finally {
    lines.close()
    input.destroy()
  }
  if (header === null) {
    throw new DomainError('unavailable', 'This recording cannot be played: the file is empty')
  }
  // Not `offset`: a last line still being written has no newline yet.
  return { ...header, duration, totalBytes: input.bytesRead, keyframes }
}

/**
 * Whole lines of a file from `offset`, at most `maxBytes` of them (one line longer than that
 * comes whole, up to LINE_MAX_BYTES). Cutting at newlines never splits a UTF-8 character. An
 * offset inside a line (only a confused caller sends one) yields a piece the player skips.
 * `complete` says the file is finished: a last line without a newline is then returned too
 * (a crash can leave one); while it is still written, only what ends in a newline is.
 */
export async function readCastChunk(
  file: string,
  offset: number,
  maxBytes: number,
  complete: boolean,
): Promise<RecordingChunk> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch {
    throw new DomainError('not-found', 'The recording file is missing')
  }
  try {
    const { size } = await handle.stat()
    if (offset > size) {
      throw new DomainError('invalid', 'The offset is past the end of the recording', [
        { path: ['offset'], message: `At most ${size}` },
      ])
    }
    let length = Math.min(maxBytes, size - offset)
    let buffer = Buffer.alloc(length)
    let { bytesRead } = await handle.read(buffer, 0, length, offset)
    let end = lastLineEnd(buffer, bytesRead)
    // A line longer than the chunk: read on until it ends, within reason.
    while (end === 0 && offset + bytesRead < size && length < LINE_MAX_BYTES) {
      length = Math.min(length * 2, LINE_MAX_BYTES, size - offset)
      buffer = Buffer.alloc(length)
      ;({ bytesRead } = await handle.read(buffer, 0, length, offset))
      end = lastLineEnd(buffer, bytesRead)
    }
    if (offset + bytesRead >= size) {
      // The file's tail without a newline: a torn last line once the file is complete (the
      // player skips it), a line still being written otherwise (left for the next read).
      if (complete) end = bytesRead
    } else if (end === 0) {
      // Longer than any line the recorder writes: handed over in pieces, which the player
      // skips as lines that are not events, rather than never moving on.
      end = bytesRead
    }
    const nextOffset = offset + end
    return {
      text: buffer.toString('utf8', 0, end),
      nextOffset,
      eof: nextOffset >= size,
      totalBytes: size,
    }
  } finally {
    await handle.close()
  }
}
