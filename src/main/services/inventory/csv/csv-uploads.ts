/**
 * CSV files too large for one RPC message arrive in chunks and wait here, in memory, until a
 * preview or import reads them. The size is declared up front and chunks must come in order,
 * so a lost or repeated chunk is an error instead of a silently different file. Uploads are
 * bounded in number and total bytes, and ones left idle are dropped when the next one starts.
 */
import { randomUUID } from 'node:crypto'
import { CSV_UPLOAD_CHUNK_BYTES } from '../../../../shared/contract'
import { RpcError } from '../../../../shared/rpc/errors'

/** Uploads held at once, and their bytes together. */
const MAX_UPLOADS = 4
const MAX_TOTAL_BYTES = 160 * 1024 * 1024
/** An upload nobody touched for this long is abandoned (the dialog was closed, say). */
const IDLE_MS = 15 * 60_000

interface Upload {
  bytes: Buffer
  received: number
  touchedAt: number
}

/** Chunked uploads, by id. */
export class CsvUploads {
  private readonly uploads = new Map<string, Upload>()

  constructor(private readonly now: () => number) {}

  /** Reserves room for `size` bytes. */
  begin(size: number): { uploadId: string; chunkBytes: number } {
    this.dropIdle()
    if (this.uploads.size >= MAX_UPLOADS) {
      throw new RpcError('CONFLICT', 'Too many CSV uploads at once; finish or cancel one first')
    }
    let held = 0
    for (const upload of this.uploads.values()) held += upload.bytes.length
    if (held + size > MAX_TOTAL_BYTES) {
      throw new RpcError('CONFLICT', 'Other CSV uploads hold too much memory; finish them first')
    }
    const uploadId = randomUUID()
    this.uploads.set(uploadId, {
      bytes: Buffer.allocUnsafe(size),
      received: 0,
      touchedAt: this.now(),
    })
    return { uploadId, chunkBytes: CSV_UPLOAD_CHUNK_BYTES }
  }

  /** Adds the chunk that starts at `offset`, which must be where the last one ended. */
  chunk(uploadId: string, offset: number, chunk: Buffer): { received: number; complete: boolean } {
    const upload = this.get(uploadId)
    if (offset !== upload.received) {
      throw new RpcError(
        'BAD_REQUEST',
        `The chunk starts at byte ${offset}; the upload has ${upload.received} bytes so far`,
      )
    }
    if (chunk.length > CSV_UPLOAD_CHUNK_BYTES) {
      throw new RpcError('BAD_REQUEST', `A chunk carries at most ${CSV_UPLOAD_CHUNK_BYTES} bytes`)
    }
    if (upload.received + chunk.length > upload.bytes.length) {
      throw new RpcError(
        'BAD_REQUEST',
        `The chunk goes past the declared size of ${upload.bytes.length} bytes`,
      )
    }
    chunk.copy(upload.bytes, upload.received)
    upload.received += chunk.length
    upload.touchedAt = this.now()
    return { received: upload.received, complete: upload.received === upload.bytes.length }
  }

  /** The whole file; an upload that is still missing bytes is refused. */
  bytes(uploadId: string): Buffer {
    const upload = this.get(uploadId)
    if (upload.received < upload.bytes.length) {
      throw new RpcError(
        'BAD_REQUEST',
        `The upload is incomplete: ${upload.received} of ${upload.bytes.length} bytes received`,
      )
    }
    upload.touchedAt = this.now()
    return upload.bytes
  }

  /** Forgets an upload; false when it was already gone. */
  end(uploadId: string): boolean {
    return this.uploads.delete(uploadId)
  }

  private get(uploadId: string): Upload {
    this.dropIdle()
    const upload = this.uploads.get(uploadId)
    if (!upload) {
      throw new RpcError('NOT_FOUND', 'No such CSV upload (it finished or expired); upload again')
    }
    return upload
  }

  private dropIdle(): void {
    const cutoff = this.now() - IDLE_MS
    for (const [id, upload] of this.uploads) {
      if (upload.touchedAt < cutoff) this.uploads.delete(id)
    }
  }
}
