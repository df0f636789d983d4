import { AlertTriangle, CheckCircle2, Download, FileUp } from 'lucide-react'
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react'
import type { CsvDateOrder, CsvImportMode, CsvTarget } from '@shared/contract'
import { useClients, useCsvImport, useCsvPreview } from '../../../api/inventory'
import { useRpc } from '../../../api/rpc'
import { Field } from '../../vault/Field'
import { Dialog } from '../../../ui/Dialog'
import {
  actionSummary,
  bytesToBase64,
  changeText,
  chosenClients,
  CUSTOM,
  fieldChoices,
  importSummary,
  mapsClient,
  previewCutNote,
  rejectedFileName,
  rejectedNote,
  remap,
  selectToTarget,
  SKIP,
  targetToSelect,
  type NewClientChoice,
} from './csv-mapping'
import {
  sendPlan,
  uploadInChunks,
  UPLOAD_MAX_BYTES,
  type CsvPayload,
  type UploadCalls,
} from './csv-upload'
import { downloadText } from './download'
import './csv-import.css'
import { formatCount } from '../devices/cell-format'

interface PickedFile {
  name: string
  payload: CsvPayload
}

/** Rejected rows listed in the result; the download has all of them. */
const LISTED_REJECTS = 200

/**
 * CSV import: pick a file, check the auto-matched mapping against a preview of the first rows
 * and their problems, import every valid row in one go, then download the rejected ones.
 */
export function CsvImportDialog(props: { clientId?: string; onClose(): void }) {
  const clients = useClients()
  const preview = useCsvPreview()
  const runImport = useCsvImport()
  const fileInput = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<PickedFile | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [clientId, setClientId] = useState(props.clientId ?? '')
  const [mode, setMode] = useState<CsvImportMode>('create')
  const [clientChoices, setClientChoices] = useState<Record<string, NewClientChoice>>({})
  const [dateOrder, setDateOrder] = useState<CsvDateOrder | null>(null)
  // Empty: each row's site's zone, which main works out per row.
  const [timeZone, setTimeZone] = useState('')
  const [uploaded, setUploaded] = useState<number | null>(null)
  const uploadCalls = useUploadCalls()
  // A chunked upload lives in main until released; a successful import releases it itself.
  const uploadId = file && 'uploadId' in file.payload ? file.payload.uploadId : null
  useEffect(() => {
    if (!uploadId) return
    return () => void uploadCalls.end(uploadId).catch(() => undefined)
  }, [uploadId, uploadCalls])
  const checked = preview.data
  const result = runImport.data

  const check = (
    picked: PickedFile,
    mapping?: (CsvTarget | null)[],
    client = clientId,
    rowMode = mode,
    choices = clientChoices,
    order = dateOrder,
    zone = timeZone,
  ): void => {
    const newClients = chosenClients(preview.data?.unknownClients ?? [], choices)
    preview.mutate({
      ...picked.payload,
      ...(mapping ? { mapping } : {}),
      ...(client ? { clientId: client } : {}),
      mode: rowMode,
      ...(newClients.length > 0 ? { newClients } : {}),
      ...(order ? { dateOrder: order } : {}),
      ...(zone ? { timeZone: zone } : {}),
    })
  }

  const chooseClient = (name: string, choice: NewClientChoice, recheck: boolean): void => {
    const next = { ...clientChoices, [name]: choice }
    setClientChoices(next)
    if (recheck && file && checked) check(file, checked.mapping, clientId, mode, next)
  }

  const pick = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget
    const picked = input.files?.[0]
    input.value = ''
    if (!picked) return
    runImport.reset()
    preview.reset()
    setFile(null)
    setClientChoices({})
    setDateOrder(null)
    setTimeZone('')
    const plan = sendPlan(picked.size)
    if (plan === 'too-large') {
      setProblem(
        `${picked.name} is ${megabytes(picked.size)} MB; one import takes files up to ${megabytes(UPLOAD_MAX_BYTES)} MB. Split it and import the parts.`,
      )
      return
    }
    try {
      setProblem(null)
      const bytes = new Uint8Array(await picked.arrayBuffer())
      let payload: CsvPayload
      if (plan === 'inline') {
        payload = { base64: bytesToBase64(bytes) }
      } else {
        setUploaded(0)
        const uploadId = await uploadInChunks(bytes, uploadCalls, setUploaded)
        payload = { uploadId }
      }
      const next = { name: picked.name, payload }
      setFile(next)
      check(next)
    } catch (error) {
      setProblem(
        `${picked.name} could not be read or sent: ${error instanceof Error ? error.message : String(error)}`,
      )
    } finally {
      setUploaded(null)
    }
  }

  const setTarget = (column: number, value: string): void => {
    if (!file || !checked) return
    const header = checked.headers[column] ?? ''
    check(file, remap(checked.mapping, column, selectToTarget(value, header)))
  }

  const cutNote = checked ? previewCutNote(checked) : null
  const needsClient = checked !== undefined && !mapsClient(checked.mapping) && !clientId
  const canImport =
    file !== null &&
    checked !== undefined &&
    checked.problems.length === 0 &&
    !needsClient &&
    !preview.isPending &&
    !runImport.isPending

  const newClients = chosenClients(checked?.unknownClients ?? [], clientChoices)
  const readOrder = dateOrder ?? checked?.dateOrder.detected ?? null
  const doImport = (): void => {
    if (!file || !checked) return
    runImport.mutate({
      ...file.payload,
      mapping: checked.mapping,
      ...(clientId ? { clientId } : {}),
      mode,
      ...(newClients.length > 0 ? { newClients } : {}),
      ...(readOrder ? { dateOrder: readOrder } : {}),
      ...(timeZone ? { timeZone } : {}),
    })
  }

  return (
    <Dialog
      size="full"
      title="Import devices from CSV"
      description="Columns are matched to device fields by their headers; check the mapping and the preview, then import. Valid rows are imported together; rejected rows are listed with the reason."
      onClose={props.onClose}
    >
      {result ? (
        <ImportResult
          result={result}
          fileName={file?.name ?? 'import.csv'}
          onClose={props.onClose}
          onAnother={() => {
            runImport.reset()
            preview.reset()
            setFile(null)
          }}
        />
      ) : (
        <div className="vault-form csv-import">
          <div className="vault-form__row">
            <div className="vault-field">
              <span className="vault-field__label">CSV file</span>
              <div className="vault-form__file">
                <input
                  ref={fileInput}
                  type="file"
                  accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
                  aria-label="CSV file"
                  className="inv-visually-hidden"
                  onChange={(event) => void pick(event)}
                />
                <button
                  type="button"
                  className="vault-button"
                  data-autofocus
                  disabled={uploaded !== null || runImport.isPending}
                  onClick={() => fileInput.current?.click()}
                >
                  <FileUp aria-hidden size={15} />
                  {file ? 'Choose another file…' : 'Choose file…'}
                </button>
                <span className="csv-import__file">{file?.name ?? 'No file chosen'}</span>
              </div>
            </div>
            <Field label="Client" hint="For rows without a client column (or with an empty one).">
              {(ids) => (
                <select
                  {...ids}
                  className="vault-input"
                  value={clientId}
                  onChange={(event) => {
                    setClientId(event.target.value)
                    if (file && checked) check(file, checked.mapping, event.target.value)
                  }}
                >
                  <option value="">From the file’s client column</option>
                  {clients.data?.clients.map((client) => (
                    <option key={client.id} value={client.id}>
                      {client.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <label className="csv-import__mode">
            <input
              type="checkbox"
              checked={mode === 'update'}
              disabled={preview.isPending || runImport.isPending}
              onChange={(event) => {
                const next = event.target.checked ? 'update' : 'create'
                setMode(next)
                if (file && checked) check(file, checked.mapping, clientId, next)
              }}
            />
            <span>
              Update devices that already exist
              <span className="csv-import__mode-hint">
                Rows are matched by serial, then by hostname within their client; a blank cell
                leaves its field as it is. Otherwise a row with a known serial is rejected.
              </span>
            </span>
          </label>
          {problem ? (
            <p className="vault-form__error" role="alert">
              {problem}
            </p>
          ) : null}
          {uploaded !== null ? (
            <p className="csv-import__note" role="status">
              Sending the file… {Math.round(uploaded * 100)}%
            </p>
          ) : null}
          {preview.isPending && !checked ? (
            <p className="csv-import__note" role="status">
              Reading the file…
            </p>
          ) : null}
          {checked ? (
            <>
              <p className="csv-import__note">
                {formatCount(checked.totalRows)} rows, {checked.headers.length} columns, separated
                by {delimiterName(checked.delimiter)}. The first {checked.rows.length} rows are
                checked below; every row is checked on import.
              </p>
              {mode === 'update' && checked.problems.length === 0 ? (
                <p className="csv-import__note" role="status" aria-label="What the rows would do">
                  {actionSummary(checked.rows)}.
                </p>
              ) : null}
              {checked.dateOrder.slashDates ? (
                <Field
                  label="Date order"
                  hint={
                    dateOrder === null && checked.dateOrder.detected !== null
                      ? 'Found from the file’s dates.'
                      : 'Dates such as 03/04/2025 fit both orders: say which the file uses.'
                  }
                >
                  {(ids) => (
                    <select
                      {...ids}
                      className="vault-input csv-import__order"
                      value={readOrder ?? ''}
                      disabled={preview.isPending}
                      onChange={(event) => {
                        const next = event.target.value === 'dmy' ? 'dmy' : 'mdy'
                        setDateOrder(next)
                        if (file) {
                          check(file, checked.mapping, clientId, mode, clientChoices, next)
                        }
                      }}
                    >
                      {readOrder === null ? <option value="">Choose…</option> : null}
                      <option value="dmy">Day/month/year (31/12/2025)</option>
                      <option value="mdy">Month/day/year (12/31/2025)</option>
                    </select>
                  )}
                </Field>
              ) : null}
              {checked.dateOrder.zonelessTimes ? (
                <Field
                  label="Times without a zone are in"
                  hint="Such as 2025-03-04 14:05. By default each device’s site’s time zone (or its client’s first site’s; UTC without one); a date alone stays that day."
                >
                  {(ids) => (
                    <select
                      {...ids}
                      className="vault-input csv-import__order"
                      value={timeZone}
                      disabled={preview.isPending}
                      onChange={(event) => {
                        const next = event.target.value
                        setTimeZone(next)
                        if (file) {
                          check(
                            file,
                            checked.mapping,
                            clientId,
                            mode,
                            clientChoices,
                            dateOrder,
                            next,
                          )
                        }
                      }}
                    >
                      <option value="">Each device’s site’s time zone</option>
                      {timeZones().map((zone) => (
                        <option key={zone} value={zone}>
                          {zone}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ) : null}
              {checked.unknownClients.length > 0 ? (
                <fieldset className="csv-import__new-clients">
                  <legend>Clients not found</legend>
                  <p className="csv-import__note">
                    Rows naming these clients are rejected unless you create them here.
                  </p>
                  {checked.unknownClients.map((offer) => {
                    const choice = clientChoices[offer.name] ?? {
                      create: false,
                      shortCode: offer.shortCode,
                    }
                    return (
                      <div key={offer.name} className="csv-import__new-client">
                        <label className="csv-import__mode">
                          <input
                            type="checkbox"
                            checked={choice.create}
                            disabled={preview.isPending}
                            onChange={(event) =>
                              chooseClient(
                                offer.name,
                                { ...choice, create: event.target.checked },
                                true,
                              )
                            }
                          />
                          <span>
                            Create client “{offer.name}”
                            <span className="csv-import__mode-hint">
                              {formatCount(offer.rows)} {offer.rows === 1 ? 'row' : 'rows'}
                            </span>
                          </span>
                        </label>
                        <span className="csv-import__code-label" aria-hidden>
                          Short code
                        </span>
                        <input
                          className="vault-input csv-import__code"
                          aria-label={`Short code for ${offer.name}`}
                          value={choice.shortCode}
                          maxLength={16}
                          onChange={(event) =>
                            chooseClient(
                              offer.name,
                              { ...choice, shortCode: event.target.value },
                              false,
                            )
                          }
                          onBlur={() => {
                            if (choice.create) chooseClient(offer.name, choice, true)
                          }}
                        />
                      </div>
                    )
                  })}
                </fieldset>
              ) : null}
              {cutNote ? (
                <p className="csv-import__note" role="note">
                  {cutNote}
                </p>
              ) : null}
              {checked.problems.length > 0 || needsClient ? (
                <ul className="csv-import__problems" role="alert">
                  {checked.problems.map((p) => (
                    <li key={p}>
                      <AlertTriangle aria-hidden size={14} />
                      {p}
                    </li>
                  ))}
                  {needsClient ? (
                    <li>
                      <AlertTriangle aria-hidden size={14} />
                      No column is mapped to client: choose the client these devices belong to.
                    </li>
                  ) : null}
                </ul>
              ) : null}
              <div className="csv-import__scroll">
                <table className="csv-table" aria-label="Column mapping and preview">
                  <thead>
                    <tr>
                      <th scope="col" className="csv-table__row">
                        Row
                      </th>
                      <th scope="col" className="csv-table__check">
                        Check
                      </th>
                      {checked.headers.map((header, column) => (
                        <th key={column} scope="col">
                          <span className="csv-table__header">
                            {header || `Column ${column + 1}`}
                          </span>
                          <select
                            className="csv-table__select"
                            aria-label={`Import column ${header || column + 1} as`}
                            value={targetToSelect(checked.mapping[column] ?? null)}
                            disabled={preview.isPending}
                            onChange={(event) => setTarget(column, event.target.value)}
                          >
                            <option value={SKIP}>Do not import</option>
                            {fieldChoices.map((choice) => (
                              <option key={choice.value} value={choice.value}>
                                {choice.label}
                              </option>
                            ))}
                            <option value={CUSTOM}>Custom field “{header.slice(0, 40)}”</option>
                          </select>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {checked.rows.map((row) => (
                      <tr
                        key={row.row}
                        className={row.problems.length ? 'csv-table__bad' : undefined}
                      >
                        <th scope="row" className="csv-table__row">
                          {row.row}
                        </th>
                        <td className="csv-table__check">
                          {row.problems.length > 0 ? (
                            <span className="device-cell--bad">{row.problems.join('; ')}</span>
                          ) : mode === 'update' && checked.problems.length === 0 ? (
                            <RowAction action={row.action} changes={row.changes} />
                          ) : (
                            <span className="device-cell--ok">OK</span>
                          )}
                        </td>
                        {checked.headers.map((_, column) => (
                          <td
                            key={column}
                            className={
                              checked.mapping[column] === null ? 'csv-table__skipped' : undefined
                            }
                          >
                            {row.cells[column] ?? ''}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <div className="vault-form__actions">
            <button type="button" className="vault-button" onClick={props.onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="vault-button vault-button--primary"
              disabled={!canImport}
              onClick={doImport}
            >
              {runImport.isPending
                ? 'Importing…'
                : checked
                  ? `Import ${formatCount(checked.totalRows)} rows`
                  : 'Import'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}

/** What an update-mode row does: creates a device, or updates one (with what changes). */
function RowAction(props: {
  action: 'create' | 'update' | 'reject'
  changes: { field: string; before: string; after: string }[]
}) {
  if (props.action === 'create') return <span className="device-cell--ok">Create</span>
  if (props.changes.length === 0) return <span>Update: no changes</span>
  return (
    <span className="csv-table__changes">
      <span className="device-cell--warn">Update</span>
      {props.changes.map((change) => (
        <span key={change.field} className="csv-table__change">
          {changeText(change)}
        </span>
      ))}
    </span>
  )
}

/** Every IANA zone the browser knows, UTC first. */
function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')]
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)
}

/** The chunked-upload calls, stable for the dialog's life. */
function useUploadCalls(): UploadCalls {
  const rpc = useRpc()
  return useMemo(
    () => ({
      begin: (size) => rpc.inventory.csvUploadBegin({ size }),
      chunk: (uploadId, offset, base64) =>
        rpc.inventory.csvUploadChunk({ uploadId, offset, base64 }),
      end: (uploadId) => rpc.inventory.csvUploadEnd({ uploadId }),
    }),
    [rpc],
  )
}

function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ',':
      return 'commas'
    case ';':
      return 'semicolons'
    case '\t':
      return 'tabs'
    case '|':
      return 'bars'
    default:
      return `“${delimiter}”`
  }
}

function ImportResult(props: {
  result: {
    imported: number
    updated: number
    clientsCreated: number
    sitesCreated: number
    rejected: { row: number; reason: string; raw: string }[]
    rejectedCount: number
    rejectedCsv: string | null
  }
  fileName: string
  onClose(): void
  onAnother(): void
}) {
  const { result } = props
  const leftOut = rejectedNote(result, LISTED_REJECTS)
  return (
    <div className="vault-form csv-import">
      <p className="csv-import__result" role="status">
        {result.rejectedCount === 0 ? (
          <CheckCircle2 aria-hidden size={18} className="device-cell--ok" />
        ) : (
          <AlertTriangle aria-hidden size={18} className="device-cell--warn" />
        )}
        {importSummary(result)}.
      </p>
      {result.rejected.length > 0 ? (
        <>
          <div className="csv-import__scroll csv-import__scroll--short">
            <table className="csv-table" aria-label="Rejected rows">
              <thead>
                <tr>
                  <th scope="col" className="csv-table__row">
                    Row
                  </th>
                  <th scope="col">Reason</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.slice(0, LISTED_REJECTS).map((r) => (
                  <tr key={r.row}>
                    <th scope="row" className="csv-table__row">
                      {r.row}
                    </th>
                    <td>{r.reason}</td>
                    <td className="csv-table__raw">{r.raw}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {leftOut ? <p className="csv-import__note">{leftOut}</p> : null}
        </>
      ) : null}
      <div className="vault-form__actions">
        {result.rejectedCsv !== null ? (
          <button
            type="button"
            className="vault-button"
            onClick={() => downloadText(rejectedFileName(props.fileName), result.rejectedCsv ?? '')}
          >
            <Download aria-hidden size={14} />
            Download rejected rows
          </button>
        ) : null}
        <button type="button" className="vault-button" onClick={props.onAnother}>
          Import another file
        </button>
        <button
          type="button"
          className="vault-button vault-button--primary"
          onClick={props.onClose}
        >
          Done
        </button>
      </div>
    </div>
  )
}
