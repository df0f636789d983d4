/**
 * What one caller's CSV files may cost the host, through its real WebSocket: a file of commas
 * is refused at the column limit instead of freezing the host, a preview reply is cut to size,
 * a large preview leaves the host answering others, and uploads count against the allowance
 * of the connection that made them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CSV_IMPORT_MAX_ROWS,
  CSV_MAX_COLUMNS,
  CSV_UPLOAD_MAX_BYTES,
  type SwitchboardClient,
} from '../../../../shared/contract'
import { startHeadlessHost, type HeadlessHost } from '../../../headless/host'
import { testHostPorts } from '../../../testing/host-ports'
import { useTempDirs } from '../../../testing/temp-dir'
import { connectRpc, type WsRpcConnection } from '../../../testing/ws-rpc-client'
import { PREVIEW_CELL_CHARS, REJECTED_TEXT_CHARS } from './csv-import'
import { MAX_BYTES_PER_OWNER, MAX_TOTAL_BYTES, MAX_UPLOADS_PER_OWNER } from './csv-uploads'

const tempDir = useTempDirs()
const hosts: HeadlessHost[] = []
const connections: WsRpcConnection[] = []
afterEach(async () => {
  for (const c of connections.splice(0)) c.close()
  for (const h of hosts.splice(0)) await h.close()
})

async function startHost(): Promise<HeadlessHost> {
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
  return host
}

async function connect(host: HeadlessHost): Promise<WsRpcConnection> {
  const connection = await connectRpc(host.port, 'token')
  connections.push(connection)
  return connection
}

/** Sends `file` up in chunks with the real calls; resolves with the upload id. */
async function upload(client: SwitchboardClient, file: Buffer): Promise<string> {
  const { uploadId, chunkBytes } = await client.inventory.csvUploadBegin({ size: file.length })
  for (let offset = 0; offset < file.length; offset += chunkBytes) {
    const chunk = file.subarray(offset, offset + chunkBytes)
    await client.inventory.csvUploadChunk({ uploadId, offset, base64: chunk.toString('base64') })
  }
  return uploadId
}

describe('CSV limits over the WebSocket', () => {
  it('refuses a file of commas at the column limit, in preview and import, naming the row', async () => {
    const host = await startHost()
    const { client } = await connect(host)
    // 6 MB of commas: six million columns in one header row.
    const uploadId = await upload(client, Buffer.alloc(6 * 1024 * 1024, ','))
    const refusal = {
      code: 'BAD_REQUEST',
      message: `Row 1 has more than ${CSV_MAX_COLUMNS} columns; a file may have at most ${CSV_MAX_COLUMNS}`,
    }
    await expect(client.inventory.csvPreview({ uploadId })).rejects.toMatchObject(refusal)
    await expect(
      client.inventory.csvImport({ uploadId, mapping: ['hostname'] }),
    ).rejects.toMatchObject(refusal)

    // A data row past the limit is refused too, before it is read whole.
    const wide = `Hostname,IP\r\npc-1,10.0.0.1\r\npc-2${','.repeat(100_000)}\r\n`
    await expect(client.inventory.csvPreview({ text: wide })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Row 3 has more than 500 columns/),
    })
    // Exactly at the limit is a file like any other.
    const atLimit = `Hostname${',x'.repeat(CSV_MAX_COLUMNS - 1)}\r\npc-1${',1'.repeat(CSV_MAX_COLUMNS - 1)}\r\n`
    await expect(client.inventory.csvPreview({ text: atLimit })).resolves.toMatchObject({
      totalRows: 1,
    })
  })

  it('cuts a preview of huge cells to size, and says it did', async () => {
    const host = await startHost()
    const { client } = await connect(host)
    const note = 'n'.repeat(300_000)
    let text = 'Hostname,Notes\r\n'
    for (let row = 2; row <= 30; row++) text += `pc-${row},${note}\r\n`
    const uploadId = await upload(client, Buffer.from(text))
    const preview = await client.inventory.csvPreview({ uploadId })
    expect(preview.truncated).toBe(true)
    expect(preview.totalRows).toBe(29)
    expect(preview.rows.length).toBeGreaterThan(0)
    expect(preview.rows[0]?.cells).toEqual(['pc-2', `${note.slice(0, PREVIEW_CELL_CHARS - 1)}…`])
    for (const row of preview.rows) {
      for (const cell of row.cells) expect(cell.length).toBeLessThanOrEqual(PREVIEW_CELL_CHARS)
    }
    expect(JSON.stringify(preview).length).toBeLessThan(1024 * 1024)

    const small = await client.inventory.csvPreview({ text: 'Hostname\r\npc-1\r\n' })
    expect(small.truncated).toBe(false)
  })

  it('cuts rejected rows in an import reply to size, and keeps them whole in the download', async () => {
    const host = await startHost()
    const { client } = await connect(host)
    const acme = await client.inventory.createClient({ name: 'Acme', shortCode: 'ACME' })
    const long = 'y'.repeat(300_000)
    const result = await client.inventory.csvImport({
      text: `Hostname,Notes\r\npc-1,fine\r\npc-2,one column too many,${long}\r\n`,
      mapping: ['hostname', 'notes'],
      clientId: acme.id,
    })
    expect(result.imported).toBe(1)
    expect(result.rejected).toHaveLength(1)
    expect(result.rejected[0]?.raw.length).toBe(REJECTED_TEXT_CHARS)
    expect(result.rejected[0]?.raw.endsWith('…')).toBe(true)
    expect(result.rejectedCsv).toContain(long)
  })

  it('answers another connection while a large preview is being read', async () => {
    const host = await startHost()
    const reader = await connect(host)
    const other = await connect(host)
    // Short rows make many records: reading them takes a while even on a fast machine.
    const rows = 2_000_000
    const file = Buffer.from(`Hostname,Site\r\n${'pc,a\r\n'.repeat(rows)}`)
    const uploadId = await upload(reader.client, file)

    const answered: string[] = []
    const preview = reader.client.inventory
      .csvPreview({ uploadId })
      .then((result) => answered.push('preview') && result)
    const ping = other.client.app.ping({ echo: 'still here' }).then(() => answered.push('ping'))
    await Promise.all([preview, ping])
    expect(answered).toEqual(['ping', 'preview'])
    await expect(preview).resolves.toMatchObject({ totalRows: rows })
  })

  it('answers another connection while a large import is being checked', async () => {
    const host = await startHost()
    const importer = await connect(host)
    const other = await connect(host)
    const acme = await importer.client.inventory.createClient({ name: 'Acme', shortCode: 'ACME' })
    // As many rows as one import takes, each with a site, an address and a serial to check.
    let text = 'Hostname,Site,IP,Serial\r\n'
    for (let row = 0; row < CSV_IMPORT_MAX_ROWS; row++) {
      text += `pc-${row},site-${row % 7},10.${row >> 16}.${(row >> 8) & 255}.${row & 255},S-${row}\r\n`
    }
    const uploadId = await upload(importer.client, Buffer.from(text))

    const answered: string[] = []
    const imported = importer.client.inventory
      .csvImport({ uploadId, mapping: ['hostname', 'site', 'ip', 'serial'], clientId: acme.id })
      .then((result) => answered.push('import') && result)
    const ping = other.client.app.ping({ echo: 'still here' }).then(() => answered.push('ping'))
    await Promise.all([imported, ping])
    expect(answered).toEqual(['ping', 'import'])
    await expect(imported).resolves.toMatchObject({
      imported: CSV_IMPORT_MAX_ROWS,
      rejectedCount: 0,
    })
  })

  it('refuses an import of more rows than one import takes, naming the limit', async () => {
    const host = await startHost()
    const { client } = await connect(host)
    const acme = await client.inventory.createClient({ name: 'Acme', shortCode: 'ACME' })
    // Tiny rows: a 64 MiB upload of them would be millions of devices in one transaction.
    const file = Buffer.from(`Hostname\r\n${'pc\r\n'.repeat(CSV_IMPORT_MAX_ROWS + 1)}`)
    const uploadId = await upload(client, file)
    const limit = CSV_IMPORT_MAX_ROWS.toLocaleString('en')
    // The preview says so first, so the technician can split the file before importing.
    const preview = await client.inventory.csvPreview({ uploadId, clientId: acme.id })
    expect(preview.problems).toEqual([
      `The file has ${(CSV_IMPORT_MAX_ROWS + 1).toLocaleString('en')} rows; one import takes at most ${limit}. Split the file and import the parts.`,
    ])
    await expect(
      client.inventory.csvImport({ uploadId, mapping: ['hostname'], clientId: acme.id }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `The file has more than ${limit} rows; one import takes at most ${limit}. Split the file and import the parts.`,
    })
    const summary = await client.inventory.summary()
    expect(summary.devices).toBe(0)
  })

  it('gives each connection its own upload allowance', async () => {
    const host = await startHost()
    const first = await connect(host)
    const second = await connect(host)
    const held: string[] = []
    for (let i = 0; i < MAX_UPLOADS_PER_OWNER; i++) {
      held.push((await first.client.inventory.csvUploadBegin({ size: 1 })).uploadId)
    }
    await expect(first.client.inventory.csvUploadBegin({ size: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    // The first connection's full allowance leaves the second one's untouched.
    const theirs = await second.client.inventory.csvUploadBegin({ size: 1 })
    expect(theirs.uploadId).toEqual(expect.any(String))
    // Another connection's upload is not there for this one: not readable, not endable.
    const [mine] = held as [string]
    await first.client.inventory.csvUploadChunk({ uploadId: mine, offset: 0, base64: 'eA==' })
    await expect(second.client.inventory.csvPreview({ uploadId: mine })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(second.client.inventory.csvUploadEnd({ uploadId: mine })).resolves.toEqual({
      released: false,
    })
    await expect(first.client.inventory.csvUploadEnd({ uploadId: mine })).resolves.toEqual({
      released: true,
    })
  })

  it('keeps all uploads under one ceiling, and frees a connection’s room when it closes', async () => {
    const host = await startHost()
    // Begin reserves the bytes without touching them, so these sizes cost little real memory.
    const size = CSV_UPLOAD_MAX_BYTES
    const perConnection = Math.floor(MAX_BYTES_PER_OWNER / size)
    const connectionsToFill = Math.ceil(MAX_TOTAL_BYTES / (perConnection * size))
    const filled: WsRpcConnection[] = []
    let reserved = 0
    for (let c = 0; c < connectionsToFill; c++) {
      const connection = await connect(host)
      filled.push(connection)
      for (let u = 0; u < perConnection && reserved + size <= MAX_TOTAL_BYTES; u++) {
        await connection.client.inventory.csvUploadBegin({ size })
        reserved += size
      }
    }
    const late = await connect(host)
    await expect(late.client.inventory.csvUploadBegin({ size })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    })
    const [leaving] = filled as [WsRpcConnection]
    leaving.close()
    await leaving.closed
    // The host hears the close on its own side of the socket; ask until it has.
    await expect
      .poll(() =>
        late.client.inventory.csvUploadBegin({ size }).then(
          () => 'begun',
          () => 'refused',
        ),
      )
      .toBe('begun')
  })
})
