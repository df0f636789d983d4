import { z } from 'zod'
import { call } from '../rpc/define'

const Id = z.string().min(1).max(100)

export const RecordingSummary = z.object({
  id: Id,
  sessionId: Id,
  title: z.string(),
  host: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  bytes: z.number().int(),
  inputRecorded: z.boolean(),
})
export type RecordingSummary = z.infer<typeof RecordingSummary>

/** Most a chunk of a recording holds; a reply stays far below the RPC message limit. */
export const RECORDING_CHUNK_MAX_BYTES = 1024 * 1024
export const RECORDING_CHUNK_DEFAULT_BYTES = 256 * 1024

/**
 * A place the player may start from on a seek: the screen was cleared there (outside the
 * alternate screen), so replaying from it shows what the recording showed, without the
 * output before it. The first one is the start of the recording.
 */
export const RecordingKeyframe = z.object({
  /** Byte offset of the event line in the .cast file. */
  offset: z.number().int().min(0),
  /** Replay time of that event, in seconds, idle pauses already shortened. */
  time: z.number().min(0),
  /** The event's own time in the file, to carry on shortening pauses from there. */
  rawTime: z.number().min(0),
  cols: z.number().int().min(1),
  rows: z.number().int().min(1),
})
export type RecordingKeyframe = z.infer<typeof RecordingKeyframe>

export const RecordingIndex = z.object({
  recording: RecordingSummary,
  cols: z.number().int().min(1),
  rows: z.number().int().min(1),
  /** Longest pause kept on replay, in seconds (the header's idle_time_limit or the default). */
  idleLimit: z.number().min(0),
  /** Replay length in seconds, idle pauses shortened. */
  duration: z.number().min(0),
  /** Size of the file when it was indexed. */
  totalBytes: z.number().int().min(0),
  keyframes: z.array(RecordingKeyframe),
})
export type RecordingIndex = z.infer<typeof RecordingIndex>

export const RecordingChunk = z.object({
  /** Whole lines of the .cast file from the offset asked for (the header too, from 0). */
  text: z.string(),
  /** Where the next chunk starts. */
  nextOffset: z.number().int().min(0),
  /** Nothing is left after nextOffset (for a recording still running: for now). */
  eof: z.boolean(),
  totalBytes: z.number().int().min(0),
})
export type RecordingChunk = z.infer<typeof RecordingChunk>

export const recordings = {
  list: call({
    doc: 'Session recordings, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ recordings: z.array(RecordingSummary) }),
  }),
  index: call({
    doc: 'What the player needs before it reads: size, duration and the places it can seek to.',
    input: z.object({ id: Id }).strict(),
    output: RecordingIndex,
  }),
  read: call({
    doc: 'A chunk of a recording, whole asciicast lines from a line start, for replay and export.',
    input: z
      .object({
        id: Id,
        offset: z.number().int().min(0),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .max(RECORDING_CHUNK_MAX_BYTES)
          .default(RECORDING_CHUNK_DEFAULT_BYTES),
      })
      .strict(),
    output: RecordingChunk,
  }),
  usage: call({
    doc: 'Disk space the recordings take, and how many there are.',
    input: z.object({}).strict(),
    output: z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0) }),
  }),
}
