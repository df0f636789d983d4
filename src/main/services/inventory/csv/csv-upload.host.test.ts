/**
 * Large CSV files through the headless host's real WebSocket: a 30 MB file goes up in chunks
 * and imports, and a single-message payload at the contract's limit still fits in one
 * WebSocket message (the contract's limits and the socket's maxPayload agree).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CSV_IMPORT_MAX_ROWS,
  CSV_MESSAGE_MAX_BYTES,
  CSV_UPLOAD_MAX_BYTES,
} from '../../../../shared/contract'
import { jsonTextBytes, RPC_MESSAGE_MAX_BYTES } from '../../../../shared/rpc/limits'
import { startHeadlessHost, type HeadlessHost } from '../../../headless/host'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { connectRpc, type WsRpcConnection } from '../../../testing/ws-rpc-client'

const tempDir = useTempDirs()
const hosts: HeadlessHost[] = []
const connections: WsRpcConnection[] = []
afterEach(async () => {
  for (const c of connections.splice(0)) c.close()
  for (const h of hosts.splice(0)) await h.close()
})

async function connect() {
  const rendererDir = join(tempDir(), 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>')
  const host = await startHeadlessHost({
    ports: testHostPorts(join(tempDir(), 'data')),
    rendererDir,
    port: 0,
    token: 'token',
  })
  hosts.push(host)
  const connection = await connectRpc(host.port, 'token')
  connections.push(connection)
  return connection.client
}

// ~1.2 KB a row, so the most rows one import takes make a file of more than 30 MB.
const NOTE = 'Rack 4, shelf 2. '.repeat(72)

/** A ~30 MB CSV; row 2000 has bytes that are not UTF-8, the last row repeats a serial. */
function bigCsv(rows: number): Buffer {
  const parts: Buffer[] = [Buffer.from('Hostname,Serial Number,IP Address,Notes\r\n')]
  for (let i = 0; i < rows; i++) {
    const row = i + 2
    const hostname = row === 2000 ? 'caf\xe9-pc' : `host-${row}`
    const line = `${hostname},SN-${row},10.${(row >> 16) & 255}.${(row >> 8) & 255}.${row & 255},"${NOTE}é ${row}"\r\n`
    parts.push(Buffer.from(line, row === 2000 ? 'latin1' : 'utf8'))
  }
  parts.push(Buffer.from(`dup-serial,SN-2,10.255.0.1,\r\n`))
  return Buffer.concat(parts)
}

describe('large CSV files over the WebSocket', () => {
  it('imports a 30 MB file sent in chunks, with per-row errors intact', async () => {
    const client = await connect()
    const acme = await client.inventory.createClient({ name: 'Acme', shortCode: 'ACME' })
    // With the repeated serial at the end, exactly as many rows as one import takes.
    const rows = CSV_IMPORT_MAX_ROWS - 1
    const file = bigCsv(rows)
    expect(file.length).toBeGreaterThan(30 * 1000 * 1000)
    expect(file.length).toBeLessThan(CSV_UPLOAD_MAX_BYTES)

    const { uploadId, chunkBytes } = await client.inventory.csvUploadBegin({ size: file.length })
    let offset = 0
    let complete = false
    while (offset < file.length) {
      // Chunk borders fall inside multi-byte characters; the bytes must join up unchanged.
      const chunk = file.subarray(offset, offset + chunkBytes)
      const reply = await client.inventory.csvUploadChunk({
        uploadId,
        offset,
        base64: chunk.toString('base64'),
      })
      offset += chunk.length
      expect(reply.received).toBe(offset)
      complete = reply.complete
    }
    expect(complete).toBe(true)

    const preview = await client.inventory.csvPreview({ uploadId, clientId: acme.id })
    expect(preview.totalRows).toBe(rows + 1)
    expect(preview.mapping).toEqual(['hostname', 'serial', 'ip', 'notes'])

    const result = await client.inventory.csvImport({
      uploadId,
      mapping: preview.mapping,
      clientId: acme.id,
    })
    expect(result.imported).toBe(rows - 1)
    expect(result.rejected.map((r) => [r.row, r.reason])).toEqual([
      [2000, expect.stringMatching(/not valid UTF-8/)],
      [rows + 2, 'serial: SN-2 is also on row 2'],
    ])
    const last = await client.inventory.searchDevices({ query: `host-${rows + 1}` })
    expect(last.rows.map((r) => r.hostname)).toEqual([`host-${rows + 1}`])
    const detail = await client.inventory.getDevice({ id: last.rows[0]?.id ?? '' })
    expect(detail.notes).toBe(`${NOTE}é ${rows + 1}`)

    // A successful import releases the upload.
    await expect(client.inventory.csvUploadEnd({ uploadId })).resolves.toEqual({ released: false })
    await expect(client.inventory.csvPreview({ uploadId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  }, 60_000)

  it('answers a one-message file at the contract limit, and points a larger one to chunks', async () => {
    const client = await connect()
    // Quotes and accents take two bytes in the JSON message: the limit counts those bytes.
    const line = '"a ""quoted"" café",10.0.0.1\n'
    const header = 'Hostname,IP\n'
    const fill = (bytes: number): string => {
      const count = Math.floor((bytes - jsonTextBytes(header)) / (jsonTextBytes(line) - 2))
      return header + line.repeat(count)
    }
    const atLimit = fill(CSV_MESSAGE_MAX_BYTES)
    expect(jsonTextBytes(atLimit)).toBeLessThanOrEqual(CSV_MESSAGE_MAX_BYTES)
    expect(Buffer.byteLength(JSON.stringify(atLimit))).toBe(jsonTextBytes(atLimit))
    expect(atLimit.length).toBeLessThan(CSV_MESSAGE_MAX_BYTES)
    const preview = await client.inventory.csvPreview({ text: atLimit })
    expect(preview.headers).toEqual(['Hostname', 'IP'])
    expect(preview.rows[0]?.cells).toEqual(['a "quoted" café', '10.0.0.1'])

    // Over the limit but still inside one WebSocket message: refused in words, not dropped.
    const over = fill(CSV_MESSAGE_MAX_BYTES + 256 * 1024)
    expect(jsonTextBytes(over)).toBeLessThan(RPC_MESSAGE_MAX_BYTES - 64 * 1024)
    await expect(client.inventory.csvPreview({ text: over })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/upload it in chunks/),
    })
  }, 60_000)
})
