/**
 * How a picked file goes to main: small files in the preview call itself, larger ones as a
 * chunked upload (`csvUploadBegin` / `csvUploadChunk`) whose id later calls carry.
 */
import { CSV_UPLOAD_CHUNK_BYTES, CSV_UPLOAD_MAX_BYTES } from '@shared/contract'
import { bytesToBase64 } from './csv-mapping'

/** Up to this size a file travels inside each preview/import call (as base64, 4/3 of it). */
export const INLINE_MAX_BYTES = CSV_UPLOAD_CHUNK_BYTES

export const UPLOAD_MAX_BYTES = CSV_UPLOAD_MAX_BYTES

/** The payload preview and import calls take. */
export type CsvPayload = { base64: string } | { uploadId: string }

export type SendPlan = 'inline' | 'chunked' | 'too-large'

export function sendPlan(size: number): SendPlan {
  if (size <= INLINE_MAX_BYTES) return 'inline'
  return size <= UPLOAD_MAX_BYTES ? 'chunked' : 'too-large'
}

/** The byte ranges of the chunks, in order. */
export function chunkRanges(size: number, chunkBytes: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = []
  for (let start = 0; start < size; start += chunkBytes) {
    ranges.push({ start, end: Math.min(size, start + chunkBytes) })
  }
  return ranges
}

/** What the upload needs of the RPC client. */
export interface UploadCalls {
  begin(size: number): Promise<{ uploadId: string; chunkBytes: number }>
  chunk(uploadId: string, offset: number, base64: string): Promise<{ complete: boolean }>
  end(uploadId: string): Promise<unknown>
}

/**
 * Sends the file in chunks and returns its upload id; `onProgress` hears the share sent
 * (0..1). A failed upload is released before the error goes on.
 */
export async function uploadInChunks(
  bytes: Uint8Array,
  calls: UploadCalls,
  onProgress: (share: number) => void,
): Promise<string> {
  const { uploadId, chunkBytes } = await calls.begin(bytes.length)
  try {
    let complete = false
    for (const { start, end } of chunkRanges(
      bytes.length,
      Math.min(chunkBytes, CSV_UPLOAD_CHUNK_BYTES),
    )) {
      const answer = await calls.chunk(uploadId, start, bytesToBase64(bytes.subarray(start, end)))
      complete = answer.complete
      onProgress(end / bytes.length)
    }
    if (!complete) throw new Error('The upload did not complete; try again.')
    return uploadId
  } catch (error) {
    await calls.end(uploadId).catch(() => undefined)
    throw error
  }
}
