import type { RecordingSummary } from '@shared/contract'
import { castFileName } from './asciicast'

/** Reads a chunk of the recording's file from a byte offset (see recordings.read). */
export type ChunkReader = (
  offset: number,
) => Promise<{ text: string; nextOffset: number; eof: boolean }>

/**
 * Saves a recording as a .cast file through a Blob URL (allowed by the CSP, no server). The
 * file is read chunk by chunk into the Blob's parts, never joined into one string.
 */
export async function downloadCast(recording: RecordingSummary, read: ChunkReader): Promise<void> {
  const parts: string[] = []
  let offset = 0
  for (;;) {
    const chunk = await read(offset)
    parts.push(chunk.text)
    if (chunk.eof || chunk.nextOffset === offset) break
    offset = chunk.nextOffset
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'application/x-asciicast' }))
  const link = document.createElement('a')
  link.href = url
  link.download = castFileName(recording.title, recording.startedAt)
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy by the time the click returns; the URL may go soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
