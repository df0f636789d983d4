import { KeyRound, Trash2, Upload } from 'lucide-react'
import { useId, useState } from 'react'
import type { KnownHost } from '@shared/contract'
import { useImportKnownHosts, useKnownHosts, useRemoveKnownHost } from '../../api/sessions'
import { EmptyState } from '../../ui/EmptyState'
import { Dialog } from '../../ui/Dialog'

const sourceLabels: Record<KnownHost['source'], string> = {
  accepted: 'Trusted by you',
  imported: 'Imported',
  learned: 'Announced by a trusted host',
}

function hostLabel(h: KnownHost): string {
  return h.port === 22 ? h.host : `${h.host}:${h.port}`
}

function ImportResult(props: {
  result: { imported: number; alreadyKnown: number; skipped: { line: number; reason: string }[] }
}) {
  const { imported, alreadyKnown, skipped } = props.result
  return (
    <div className="known-hosts__result" role="status">
      <p>
        Imported {imported} · already known {alreadyKnown} · skipped {skipped.length}
      </p>
      {skipped.length > 0 ? (
        <ul>
          {skipped.map((s) => (
            <li key={s.line}>
              Line {s.line}: {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** Trusted host keys: what each host must present, where the trust came from, and removal. */
export function KnownHostsView() {
  const hosts = useKnownHosts()
  const remove = useRemoveKnownHost()
  const importHosts = useImportKnownHosts()
  const [removing, setRemoving] = useState<KnownHost | null>(null)
  const fileId = useId()
  const list = hosts.data?.hosts ?? []

  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return
    importHosts.mutate(await file.text())
  }

  return (
    <div className="known-hosts">
      <div className="known-hosts__toolbar">
        <label htmlFor={fileId} className="term-button">
          <Upload aria-hidden size={14} />
          Import known_hosts…
        </label>
        <input
          id={fileId}
          type="file"
          className="term-sr-only"
          onChange={(e) => {
            void onFile(e.target.files?.[0])
            e.target.value = ''
          }}
        />
        <span className="term-muted">
          Plain and hashed OpenSSH entries; keys already trusted are left as they are.
        </span>
      </div>
      {importHosts.data ? <ImportResult result={importHosts.data} /> : null}
      {hosts.isError ? <p role="alert">Could not load known hosts: {hosts.error.message}</p> : null}
      {hosts.isSuccess && list.length === 0 ? (
        <EmptyState icon={KeyRound} title="No trusted host keys yet">
          <p>Keys you trust when connecting, or import from a known_hosts file, appear here.</p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <table className="term-table">
          <caption className="term-sr-only">Known hosts</caption>
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Key type</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Source</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="term-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((h) => (
              <tr key={h.id}>
                <td className="term-nowrap">{hostLabel(h)}</td>
                <td className="term-nowrap">{h.keyType}</td>
                <td className="term-fingerprint">{h.fingerprint}</td>
                <td>{sourceLabels[h.source]}</td>
                <td className="term-nowrap">{new Date(h.addedAt).toLocaleString()}</td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove the ${h.keyType} key of ${hostLabel(h)}`}
                    title="Remove"
                    onClick={() => setRemoving(h)}
                  >
                    <Trash2 aria-hidden size={15} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {removing ? (
        <Dialog
          role="alertdialog"
          tone="danger"
          title={`Remove the key of ${hostLabel(removing)}?`}
          className="term-dialog"
          closeButton={false}
          onClose={() => setRemoving(null)}
          onSubmit={() => {
            remove.mutate(removing.id)
            setRemoving(null)
          }}
          actions={
            <>
              <button type="submit" className="term-button term-button--danger">
                Remove
              </button>
              <button
                type="button"
                className="term-button"
                data-autofocus
                onClick={() => setRemoving(null)}
              >
                Cancel
              </button>
            </>
          }
        >
          <p>
            The next connection to {hostLabel(removing)} will ask whether to trust the key it
            presents. Remove a key only when you know why the host&apos;s key changed.
          </p>
          <p className="term-fingerprint">
            {removing.keyType} {removing.fingerprint}
          </p>
        </Dialog>
      ) : null}
    </div>
  )
}
