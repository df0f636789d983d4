import { Copy } from 'lucide-react'
import { useShell } from '../../app/ui-store'

/** Copies one value (an account, contract, circuit or serial number) with one click. */
export function CopyButton(props: { value: string; what: string }) {
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(props.value)
      useShell.getState().notify('info', `Copied the ${props.what}`)
    } catch {
      useShell.getState().notify('error', `Could not copy the ${props.what}`)
    }
  }
  return (
    <button
      type="button"
      className="copy-value"
      aria-label={`Copy ${props.what} ${props.value}`}
      title={`Copy ${props.what}`}
      onClick={() => void copy()}
    >
      <span className="copy-value__text">{props.value}</span>
      <Copy aria-hidden size={13} />
    </button>
  )
}
