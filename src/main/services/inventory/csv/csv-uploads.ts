/**
 * CSV files too large for one RPC message arrive in chunks and wait here, in memory, until a
 * preview or import reads them. The size is declared up front and chunks must come in order,
 * so a lost or repeated chunk is an error instead of a silently different file. Each upload
 * belongs to the connection that began it: only that connection reads it, its number and bytes
 * count against that connection's own allowance (so one connection cannot take the room of
 * the others), and it is dropped when that connection closes or, left idle, when the next
 * upload starts. A ceiling over all connections keeps the memory held bounded.
 */
import { randomUUID } from 'node:crypto'
import { CSV_UPLOAD_CHUNK_BYTES } from '../../../../shared/contract'
import { DomainError } from '../../../../shared/domain/errors'

/** Uploads one connection may hold at once, and their bytes together. */
export const MAX_UPLOADS_PER_OWNER = 4
export const MAX_BYTES_PER_OWNER = 160 * 1024 * 1024
/** Bytes held for all connections together: room for three connections' full allowance. */
export const MAX_TOTAL_BYTES = 3 * MAX_BYTES_PER_OWNER
/** An upload nobody touched for this long is abandoned (the dialog was closed, say). */
const IDLE_MS = 15 * 60_000

interface Upload {
  /** The connection that began it. */
  owner: string
  bytes: Buffer
  received: number
  touchedAt: number
}

/** Chunked uploads, by id. */
export class CsvUploads {
  private readonly uploads = new Map<string, Upload>()

  constructor(private readonly now: () => number) {}

  /** Reserves room for `size` bytes, for `owner` (the connection asking). */
  begin(owner: string, size: number): { uploadId: string; chunkBytes: number } {
    this.dropIdle()
    let ownerUploads = 0
    let ownerBytes = 0
    let totalBytes = 0
    for (const upload of this.uploads.values()) {
      totalBytes += upload.bytes.length
      if (upload.owner !== owner) continue
      ownerUploads += 1
      ownerBytes += upload.bytes.length
    }
    if (ownerUploads >= MAX_UPLOADS_PER_OWNER) {
      throw new DomainError(
        'conflict',
        `Too many CSV uploads at once (${MAX_UPLOADS_PER_OWNER}); finish or cancel one first`,
      )
    }
    if (ownerBytes + size > MAX_BYTES_PER_OWNER) {
      throw new DomainError(
        'conflict',
        'Your other CSV uploads hold too much memory; finish them first',
      )
    }
    if (totalBytes + size > MAX_TOTAL_BYTES) {
      throw new DomainError('unavailable', 'CSV uploads hold too much memory now; try again later')
    }
    const uploadId = randomUUID()
    this.uploads.set(uploadId, {
      owner,
      bytes: Buffer.allocUnsafe(size),
      received: 0,
      touchedAt: this.now(),
    })
    return { uploadId, chunkBytes: CSV_UPLOAD_CHUNK_BYTES }
  }

  /** Adds the chunk that starts at `offset`, which must be where the last one ended. */
  chunk(
    owner: string,
    uploadId: string,
    offset: number,
    chunk: Buffer,
  ): { received: number; complete: boolean } {
    const upload = this.get(owner, uploadId)
    if (offset !== upload.received) {
      throw new DomainError(
        'invalid',
        `The chunk starts at byte ${offset}; the upload has ${upload.received} bytes so far`,
      )
    }
    if (chunk.length > CSV_UPLOAD_CHUNK_BYTES) {
      throw new DomainError('invalid', `A chunk carries at most ${CSV_UPLOAD_CHUNK_BYTES} bytes`)
    }
    if (upload.received + chunk.length > upload.bytes.length) {
      throw new DomainError(
        'invalid',
        `The chunk goes past the declared size of ${upload.bytes.length} bytes`,
      )
    }
    chunk.copy(upload.bytes, upload.received)
    upload.received += chunk.length
    upload.touchedAt = this.now()
    return { received: upload.received, complete: upload.received === upload.bytes.length }
  }

  /** The whole file; an upload that is still missing bytes is refused. */
  bytes(owner: string, uploadId: string): Buffer {
    const upload = this.get(owner, uploadId)
    if (upload.received < upload.bytes.length) {
      throw new DomainError(
        'invalid',
        `The upload is incomplete: ${upload.received} of ${upload.bytes.length} bytes received`,
      )
    }
    upload.touchedAt = this.now()
    return upload.bytes
  }

  /** Forgets an upload; false when it was already gone (or is another connection's). */
  end(owner: string, uploadId: string): boolean {
    if (this.uploads.get(uploadId)?.owner !== owner) return false
    return this.uploads.delete(uploadId)
  }

  /** Forgets every upload of `owner`: its connection closed. */
  endAll(owner: string): void {
    for (const [id, upload] of this.uploads) if (upload.owner === owner) this.uploads.delete(id)
  }

  private get(owner: string, uploadId: string): Upload {
    this.dropIdle()
    const upload = this.uploads.get(uploadId)
    // Another connection's upload is as unknown to this one as one that never was.
    if (!upload || upload.owner !== owner) {
      throw new DomainError(
        'not-found',
        'No such CSV upload (it finished or expired); upload again',
      )
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
