import { Dialog } from './Dialog'

const PREVIEW_LINES = 6

function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  // A trailing line break ends the last line rather than starting an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Multi-line text runs as commands the moment it lands; say so before sending it. */
export function PasteConfirmDialog(props: {
  text: string
  target: string
  onPaste(): void
  onCancel(): void
}) {
  const lines = linesOf(props.text)
  const preview = lines.slice(0, PREVIEW_LINES).join('\n')
  const more = lines.length - PREVIEW_LINES
  const noun = lines.length === 1 ? 'line' : 'lines'
  return (
    <Dialog
      title={`Paste ${lines.length} ${noun} into ${props.target}?`}
      onCancel={props.onCancel}
      onSubmit={props.onPaste}
      actions={
        <>
          <button type="submit" className="term-button term-button--primary" data-autofocus>
            Paste
          </button>
          <button type="button" className="term-button" onClick={props.onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p className="term-dialog__muted">Each line may run as a command on the host.</p>
      <pre className="term-paste-preview" aria-label="Pasted text">
        {preview}
      </pre>
      {more > 0 ? <p className="term-dialog__muted">…and {more} more</p> : null}
    </Dialog>
  )
}
