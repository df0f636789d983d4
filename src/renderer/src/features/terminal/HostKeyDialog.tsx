import { ShieldAlert } from 'lucide-react'
import type { HostKeyQuestion } from '@shared/contract'
import { Dialog } from '../../ui/Dialog'

type Decision = 'accept-and-save' | 'accept-once' | 'reject'

function hostLabel(q: HostKeyQuestion): string {
  const host = q.host.includes(':') ? `[${q.host}]` : q.host
  return q.port === 22 ? host : `${host}:${q.port}`
}

/** First contact with a host: show what it presented and let the technician decide. */
export function UnknownHostKeyDialog(props: {
  question: HostKeyQuestion
  onAnswer(decision: Decision): void
}) {
  const { question } = props
  return (
    <Dialog
      title={`Trust ${hostLabel(question)}?`}
      className="term-dialog"
      closeButton={false}
      onClose={() => props.onAnswer('reject')}
      onSubmit={() => props.onAnswer('accept-and-save')}
      actions={
        <>
          <button type="submit" className="term-button term-button--primary" data-autofocus>
            Trust and remember
          </button>
          <button
            type="button"
            className="term-button"
            onClick={() => props.onAnswer('accept-once')}
          >
            Trust once
          </button>
          <button type="button" className="term-button" onClick={() => props.onAnswer('reject')}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        Switchboard has not seen this host before. Compare the fingerprint with the one the device
        shows (<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code>) before trusting it.
      </p>
      <dl className="term-facts">
        <dt>Host</dt>
        <dd>{hostLabel(question)}</dd>
        <dt>Key type</dt>
        <dd>{question.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="term-fingerprint" data-testid="host-key-fingerprint">
          {question.fingerprint}
        </dd>
      </dl>
    </Dialog>
  )
}

/** A hard stop: the connection was refused before any credential went out. */
export function ChangedHostKeyDialog(props: {
  question: HostKeyQuestion
  onClose(): void
  onShowKnownHosts(): void
}) {
  const { question } = props
  return (
    <Dialog
      role="alertdialog"
      tone="danger"
      title={`The host key of ${hostLabel(question)} has changed`}
      className="term-dialog"
      closeButton={false}
      onClose={props.onClose}
      actions={
        <>
          <button
            type="button"
            className="term-button term-button--primary"
            onClick={props.onClose}
            data-autofocus
          >
            Close
          </button>
          <button type="button" className="term-button" onClick={props.onShowKnownHosts}>
            Go to Known hosts
          </button>
        </>
      }
    >
      <p className="term-dialog__warning">
        <ShieldAlert aria-hidden size={18} />
        <span>
          Someone may be intercepting this connection, or the device was reinstalled. Switchboard
          refused it before sending any credential. Only after you have confirmed why the key
          changed, remove the old key under Known hosts and connect again.
        </span>
      </p>
      <dl className="term-facts">
        <dt>Host</dt>
        <dd>{hostLabel(question)}</dd>
        <dt>Key type</dt>
        <dd>{question.keyType}</dd>
        <dt>Trusted fingerprint</dt>
        <dd className="term-fingerprint">{question.knownFingerprint ?? 'unknown'}</dd>
        <dt>Presented now</dt>
        <dd className="term-fingerprint term-fingerprint--bad">{question.fingerprint}</dd>
      </dl>
    </Dialog>
  )
}
