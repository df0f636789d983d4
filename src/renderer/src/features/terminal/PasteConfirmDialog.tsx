import { Dialog } from '../../ui/Dialog'
import { checkPaste, showPaste, type PasteReason, type ShownPiece } from './paste-safety'

const PREVIEW_LINES = 6

function PreviewLine(props: { pieces: ShownPiece[] }) {
  return props.pieces.map((piece, index) =>
    piece.control ? (
      <span key={index} className="term-paste-control" title={piece.control}>
        {piece.text}
      </span>
    ) : (
      piece.text
    ),
  )
}

function reasonText(reason: PasteReason, lines: number, controls: string[]): string {
  switch (reason) {
    case 'paste-end-marker':
      return 'It holds the end-of-paste marker ^[[201~, which would end the paste early and send what follows as typed keys.'
    case 'control-characters':
      return `It holds control characters (${controls.join(' ')}), highlighted below. A host takes them as keys, so they are left out.`
    case 'line-breaks-held':
      return lines === 1
        ? 'It ends with a line break. The host keeps the text until you press Enter.'
        : 'The host keeps the lines until you press Enter; then each may run as a command.'
    case 'line-breaks-run':
      return 'Bracketed paste is off on this host, so each line break would run a command as it arrives. Pasting as one line keeps everything until you press Enter.'
  }
}

/**
 * Pasted text that could act as keys (Enter included) is shown before it is sent, with every
 * control character visible and the reasons for asking. Nothing sent from here adds an Enter.
 */
export function PasteConfirmDialog(props: {
  text: string
  /** Whether the host had bracketed paste on when the text was pasted. */
  bracketed: boolean
  target: string
  /** `runLines`: send line breaks as Enter where the host has bracketed paste off. */
  onPaste(runLines: boolean): void
  onCancel(): void
}) {
  const check = checkPaste(props.text, props.bracketed)
  const shown = showPaste(props.text)
  const more = shown.length - PREVIEW_LINES
  const noun = (count: number): string => (count === 1 ? 'line' : 'lines')
  const canRunLines = check.reasons.includes('line-breaks-run')
  return (
    <Dialog
      title={`Paste ${check.lines} ${noun(check.lines)} into ${props.target}?`}
      className="term-dialog"
      closeButton={false}
      onClose={props.onCancel}
      onSubmit={() => props.onPaste(false)}
      actions={
        <>
          <button type="submit" className="term-button term-button--primary" data-autofocus>
            {canRunLines ? 'Paste as one line' : 'Paste'}
          </button>
          {canRunLines ? (
            <button type="button" className="term-button" onClick={() => props.onPaste(true)}>
              Paste and run {check.lines} {noun(check.lines)}
            </button>
          ) : null}
          <button type="button" className="term-button" onClick={props.onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <ul className="term-paste-reasons">
        {check.reasons.map((reason) => (
          <li key={reason}>{reasonText(reason, check.lines, check.controls)}</li>
        ))}
      </ul>
      <pre className="term-paste-preview" aria-label="Pasted text">
        {shown.slice(0, PREVIEW_LINES).map((pieces, index) => (
          <span key={index}>
            {index > 0 ? '\n' : null}
            <PreviewLine pieces={pieces} />
          </span>
        ))}
      </pre>
      {more > 0 ? (
        <p className="term-dialog__muted">
          …and {more} more {noun(more)}
        </p>
      ) : null}
    </Dialog>
  )
}
