import { ClipboardCopy } from 'lucide-react'
import { useState } from 'react'
import { useDiagnostics } from '../../api/app'
import { useRpc } from '../../api/rpc'
import { TeamServerSettings } from '../sync'
import { Dialog } from '../../ui/Dialog'
import { diagnosticsReport } from './diagnostics-report'
import './settings.css'

type CopyState =
  | { state: 'idle' }
  | { state: 'copying' }
  | { state: 'copied' }
  | { state: 'failed'; report: string; reason: string }

/** Where the log is and a report to send support; mount it to open it. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const rpc = useRpc()
  const diagnostics = useDiagnostics()
  const [copy, setCopy] = useState<CopyState>({ state: 'idle' })

  const copyDiagnostics = async (): Promise<void> => {
    setCopy({ state: 'copying' })
    let report: string
    try {
      // Fresh, so the problems listed are the ones up to this click.
      report = diagnosticsReport(await rpc.app.diagnostics({}))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      setCopy({ state: 'failed', report: '', reason: `The host did not answer: ${reason}` })
      return
    }
    try {
      await navigator.clipboard.writeText(report)
      setCopy({ state: 'copied' })
    } catch {
      // Shown instead, so the technician can still select and copy it by hand.
      setCopy({ state: 'failed', report, reason: 'The clipboard is not available here.' })
    }
  }

  const logFile = diagnostics.data?.logFile
  return (
    <Dialog title="Settings" onClose={onClose} className="settings-modal">
      <TeamServerSettings onLeave={onClose} />
      <section className="settings-section" aria-labelledby="settings-diagnostics">
        <h3 id="settings-diagnostics" className="settings-section__title">
          Diagnostics
        </h3>
        <dl className="settings-facts">
          <dt>Log file</dt>
          <dd data-testid="log-file">
            {diagnostics.isPending
              ? '…'
              : diagnostics.isError
                ? `Unknown (${diagnostics.error.message})`
                : (logFile ?? 'This host keeps no log file')}
          </dd>
          <dt>Data directory</dt>
          <dd>{diagnostics.data?.dataDir ?? '…'}</dd>
        </dl>
        <p className="settings-section__hint">
          The log holds no passwords, keys or passphrases. Older logs sit beside it (.1 to .4); it
          never grows past about 25 MB.
        </p>
        <div className="settings-section__actions">
          <button
            type="button"
            className="term-button"
            disabled={copy.state === 'copying'}
            onClick={() => void copyDiagnostics()}
          >
            <ClipboardCopy aria-hidden size={14} />
            Copy diagnostics
          </button>
          <span role="status" className="settings-section__status">
            {copy.state === 'copied'
              ? 'Copied: version, platform, store schema and recent errors.'
              : copy.state === 'failed'
                ? copy.reason
                : ''}
          </span>
        </div>
        {copy.state === 'failed' && copy.report ? (
          <textarea
            className="vault-input vault-input--key settings-report"
            aria-label="Diagnostics report"
            readOnly
            rows={10}
            value={copy.report}
            onFocus={(event) => event.currentTarget.select()}
          />
        ) : null}
      </section>
    </Dialog>
  )
}
